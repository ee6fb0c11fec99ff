class Domenefeil(Exception):
    """A rule of the domain was broken; the message is Norwegian and shown to the user as is."""
