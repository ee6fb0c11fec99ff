"""What every form of the project shares."""


class DsSkjema:
    """Gives every field Designsystemet's look and ties error messages to their inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for felt in self.fields.values():
            felt.widget.attrs.setdefault("class", "ds-input")

    def add_error(self, field, error):
        # Every error passes here, also those a view adds from a service after cleaning.
        super().add_error(field, error)
        for navn in self._errors:
            if navn in self.fields:
                attrs = self.fields[navn].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[navn].auto_id}_feil"
