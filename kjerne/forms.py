"""What every form of the project shares."""


class DsSkjema:
    """Gives every field Designsystemet's look and ties error messages to their inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for felt in self.fields.values():
            felt.widget.attrs.setdefault("class", "ds-input")

    def full_clean(self):
        super().full_clean()
        for navn in self.errors:
            if navn in self.fields:
                attrs = self.fields[navn].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{navn}_feil"
