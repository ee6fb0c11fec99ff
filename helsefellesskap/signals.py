"""Signals other apps listen to, so this app never imports them (one-way dependencies).

Receivers only hand over to their own app's services; no business logic lives here.
"""

from django.dispatch import Signal

# Sent inside the transaction that records a decision; kwargs: vedtak.
vedtak_registrert = Signal()
