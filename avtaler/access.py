"""Who may see and do what with agreements. Signed versions are public; drafts are for
the parties' members; importing is for coordinators and administrators."""

from avtaler.models import Avtaleversjon
from helsefellesskap import access
from helsefellesskap.access import Rolle
from helsefellesskap.models import Helsefellesskap, Organisasjon


def kan_se_versjon(user, versjon: Avtaleversjon, parter: list[Organisasjon] | None = None) -> bool:
    """Everyone reads signed versions; drafts only members of one of the parties."""
    if versjon.er_signert:
        return True
    if not user.is_authenticated:
        return False
    if access.er_systemforvalter(user):
        return True
    part_ids = (
        {p.pk for p in parter}
        if parter is not None
        else set(versjon.parter.values_list("pk", flat=True))
    )
    return bool(access.organisasjoner_med_rolle(user) & part_ids)


def helsefellesskap_for_import(user) -> list[int]:
    """Ids of the Helsefellesskap the user may import agreements into."""
    if access.er_systemforvalter(user):
        return list(Helsefellesskap.objects.values_list("pk", flat=True))
    org_ids = access.organisasjoner_med_rolle(
        user, Rolle.SAMHANDLINGSKOORDINATOR, Rolle.ADMINISTRATOR
    )
    return list(
        Organisasjon.objects.filter(pk__in=org_ids)
        .values_list("helsefellesskap_id", flat=True)
        .distinct()
    )


def kan_importere(user) -> bool:
    return user.is_authenticated and bool(helsefellesskap_for_import(user))
