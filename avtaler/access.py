"""Who may see and do what with agreements. Signed versions are public; drafts are for
the parties' members; importing is for coordinators and administrators."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from avtaler.models import SIGNERTE, Avtaleversjon, Versjonspart
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
    return bool(access.organisasjoner_med_rolle(user) & _part_ids(versjon, parter))


def krev_lesbar(user, versjon: Avtaleversjon) -> Avtaleversjon:
    """The version, if the user may read it; another party's draft is refused."""
    if not kan_se_versjon(user, versjon, list(versjon.parter.all())):
        raise PermissionDenied(_("Utkast er bare synlige for partene."))
    return versjon


def lesbar_versjon(user, avtale_pk: int, nummer: int) -> Avtaleversjon:
    """Version `nummer` of the agreement, prepared for reading (404 when it does not exist)."""
    return krev_lesbar(
        user,
        get_object_or_404(Avtaleversjon.objects.for_lesing(), avtale=avtale_pk, nummer=nummer),
    )


def lesbare_utkast(user) -> QuerySet[Avtaleversjon]:
    """The unsigned versions the user may read: kan_se_versjon() as a query."""
    utkast = Avtaleversjon.objects.exclude(tilstand__in=SIGNERTE)
    if not user.is_authenticated:
        return utkast.none()
    if access.er_systemforvalter(user):
        return utkast
    return utkast.filter(
        Exists(
            Versjonspart.objects.filter(
                versjon=OuterRef("pk"), organisasjon__in=access.organisasjoner_med_rolle(user)
            )
        )
    )


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


KOORDINERENDE = (Rolle.SAMHANDLINGSKOORDINATOR, Rolle.ADMINISTRATOR)


def _part_ids(versjon: Avtaleversjon, parter: list[Organisasjon] | None) -> set[int]:
    if parter is not None:
        return {p.pk for p in parter}
    # .all() uses the parties for_lesing() prefetched; values_list() would query again.
    return {p.pk for p in versjon.parter.all()}


def kan_revidere(user, versjon: Avtaleversjon, parter: list[Organisasjon] | None = None) -> bool:
    """The parties' coordinators and administrators draft, edit and submit."""
    if not user.is_authenticated:
        return False
    if access.er_systemforvalter(user):
        return True
    return bool(access.organisasjoner_med_rolle(user, *KOORDINERENDE) & _part_ids(versjon, parter))


def kan_rette_temaer(
    user, versjon: Avtaleversjon, parter: list[Organisasjon] | None = None
) -> bool:
    """Who corrects which § 6-2 topics the clauses of a text cover.

    The mapping belongs to the text, and a likelydende text is shared by separate bilateral
    agreements (DOMAIN.md § 1): a correction changes the coverage of every municipality on it.
    So one municipality's coordinator may not make it alone. Where the text is shared by
    several municipalities, the coordinators (and organisation administrators) of the parties
    that are not municipalities – the helseforetak, party to every one of those agreements and
    the one that makes the same text with each – correct it; in a text with one municipality,
    the coordinators of both parties; system administrators always.
    """
    if not user.is_authenticated:
        return False
    if access.er_systemforvalter(user):
        return True
    alle = list(versjon.parter.all()) if parter is None else parter
    if sum(1 for p in alle if p.er_kommune) > 1:
        alle = [p for p in alle if not p.er_kommune]
    return bool(access.organisasjoner_med_rolle(user, *KOORDINERENDE) & {p.pk for p in alle})


def kan_kommentere(user, versjon: Avtaleversjon, parter: list[Organisasjon] | None = None) -> bool:
    """Any member of any party comments on a draft."""
    return versjon.tilstand in ("utkast", "til_behandling") and kan_se_versjon(
        user, versjon, parter
    )


def signerbare_parter(user, parter: list[Organisasjon]) -> list[Organisasjon]:
    """The parties whose signature this user may record: their own organisations, where they
    coordinate or administer. Only the parties decide (issue 17): the system administrator,
    who runs the platform for everyone, records no party's signature unless it holds that
    role in the party itself."""
    egne = access.organisasjoner_med_rolle(user, *KOORDINERENDE)
    return [p for p in parter if p.pk in egne]
