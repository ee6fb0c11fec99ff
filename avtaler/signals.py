"""Signals other apps listen to, so avtaler never imports them.

Receivers only hand over to their own app's services; no business logic lives here.
"""

from django.dispatch import Signal

# Sent inside the transaction when parties' agreements on a version are concluded (the first
# makes the text signed and public); kwargs: versjon.
versjon_inngatt = Signal()
