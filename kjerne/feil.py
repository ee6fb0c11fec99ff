class Domenefeil(Exception):
    """A rule of the domain was broken; the message is Norwegian and shown to the user as is.

    `felt` names the form field the rule is about (a date, a party), so the page shows the
    message at that field rather than above the form (Designsystemet's validation pattern)."""

    def __init__(self, melding: str, *, felt: str | None = None):
        super().__init__(melding)
        self.felt = felt

    def til_skjema(self, skjema) -> None:
        """Add the message to `skjema`: at its field if the form has it, else for the form."""
        skjema.add_error(self.felt if self.felt in skjema.fields else None, str(self))
