"""Signals the apps listen to, so kjerne never imports them.

Receivers only hand over to their own app's services; no business logic lives here.
"""

from django.dispatch import Signal

# Sent when a request is refused for exceeding a rate limit; kwargs: request, navn.
for_mange_foresporsler = Signal()
