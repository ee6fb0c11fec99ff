"""Writes that change memberships: each one transaction, each checked and recorded."""

from django.db import transaction
from django.utils.translation import gettext as _

from helsefellesskap import access
from helsefellesskap.models import (
    Medlemskap,
    Organisasjon,
    User,
)
from kjerne.feil import Domenefeil


def medlemskap_gi(
    *, utfort_av: User, bruker: User, organisasjon: Organisasjon, rolle: str
) -> Medlemskap:
    """Give a user a role in an organisation."""
    if not access.kan_endre_medlemmer(utfort_av, organisasjon):
        raise Domenefeil(_("Bare organisasjonens administratorer kan gi roller."))
    if rolle not in Medlemskap.Rolle.values:
        raise Domenefeil(_("Ukjent rolle."))
    with transaction.atomic():
        medlemskap, opprettet = Medlemskap.objects.get_or_create(
            bruker=bruker, organisasjon=organisasjon, rolle=rolle
        )
        if not opprettet:
            raise Domenefeil(
                _("%(navn)s har allerede rollen %(rolle)s i %(org)s.")
                % {
                    "navn": bruker.navn,
                    "rolle": medlemskap.get_rolle_display().lower(),
                    "org": organisasjon.navn,
                }
            )
    access.glem_roller(bruker)
    return medlemskap


def medlemskap_fjern(*, utfort_av: User, medlemskap: Medlemskap) -> None:
    """Take a role away; an organisation never loses its last administrator."""
    organisasjon = medlemskap.organisasjon
    if not access.kan_endre_medlemmer(utfort_av, organisasjon):
        raise Domenefeil(_("Bare organisasjonens administratorer kan fjerne roller."))
    with transaction.atomic():
        administratorer = list(
            Medlemskap.objects.select_for_update()
            .filter(organisasjon=organisasjon, rolle=Medlemskap.Rolle.ADMINISTRATOR)
            .values_list("pk", flat=True)
        )
        if medlemskap.rolle == Medlemskap.Rolle.ADMINISTRATOR and administratorer == [
            medlemskap.pk
        ]:
            raise Domenefeil(
                _("%(org)s må ha minst én administrator. Gi rollen til en annen først.")
                % {"org": organisasjon.navn}
            )
        medlemskap._change_reason = f"Fjernet av {utfort_av.email}"[:100]
        medlemskap.delete()
    access.glem_roller(medlemskap.bruker)
