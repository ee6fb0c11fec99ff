"""Signals other apps listen to, so this app never imports them (one-way dependencies).

Receivers only hand over to their own app's services; no business logic lives here.
"""

from django.dispatch import Signal

# Sent inside the transaction that records a decision; kwargs: vedtak.
vedtak_registrert = Signal()

# Sent inside the transaction that takes a case on after disagreement; kwargs: sak, ny (the
# new case, or None for the national dispute body), side, utfort_av.
sak_sendt_videre = Signal()

# Sent inside the transaction that reopens a decided case; kwargs: sak, begrunnelse. A
# receiver may refuse by raising Domenefeil (the whole reopening is then undone).
sak_gjenapnet = Signal()
