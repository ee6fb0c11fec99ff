"""Who may do what: the one place that decides access in this app.

Views declare their audience with ``kjerne.tilgang`` (``@offentlig``, ``@innlogget``); the
object rules they then ask are the ``kan_*`` functions below.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from helsefellesskap.models import Medlemskap, Omrademedlem, Organisasjon, Utvalg, Utvalgsmedlem
from helsefellesskap.models.utvalg import PARTENE, Side

Rolle = Medlemskap.Rolle


def _rollekart(user) -> dict[int, frozenset[str]]:
    """The user's roles per organisation id, read once per user object (one query)."""
    if not user.is_authenticated:
        return {}
    kart = getattr(user, "_rollekart", None)
    if kart is None:
        samlet: dict[int, set[str]] = {}
        for org_id, rolle in Medlemskap.objects.filter(bruker=user).values_list(
            "organisasjon_id", "rolle"
        ):
            samlet.setdefault(org_id, set()).add(rolle)
        kart = {org_id: frozenset(r) for org_id, r in samlet.items()}
        user._rollekart = kart
    return kart


def glem_roller(user) -> None:
    """Forget cached roles after a change of memberships."""
    user.__dict__.pop("_rollekart", None)


def roller(user, organisasjon: Organisasjon) -> frozenset[str]:
    return _rollekart(user).get(organisasjon.pk, frozenset())


def har_rolle(user, organisasjon: Organisasjon, *onskede: str) -> bool:
    return bool(roller(user, organisasjon) & set(onskede))


def er_medlem(user, organisasjon: Organisasjon) -> bool:
    return bool(roller(user, organisasjon))


def organisasjoner_med_rolle(user, *onskede: str) -> frozenset[int]:
    """Ids of the organisations where the user holds one of the roles (all roles if none given)."""
    return frozenset(
        org_id
        for org_id, rollene in _rollekart(user).items()
        if not onskede or rollene & set(onskede)
    )


def er_systemforvalter(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def kan_se_medlemmer(user, organisasjon: Organisasjon) -> bool:
    """Administrators and coordinators see who holds which role in their own organisation."""
    return er_systemforvalter(user) or har_rolle(
        user, organisasjon, Rolle.ADMINISTRATOR, Rolle.SAMHANDLINGSKOORDINATOR
    )


def kan_endre_medlemmer(user, organisasjon: Organisasjon) -> bool:
    """Only the organisation's administrators give and take roles."""
    return er_systemforvalter(user) or har_rolle(user, organisasjon, Rolle.ADMINISTRATOR)


# --- bodies ------------------------------------------------------------------------


def _verv(user, utvalg: Utvalg) -> frozenset[str]:
    """The user's roles in the body today, read once per user object and body."""
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_verv", {})
    if utvalg.pk not in cache:
        cache[utvalg.pk] = frozenset(
            Utvalgsmedlem.objects.aktive(timezone.localdate())
            .filter(utvalg=utvalg, bruker=user)
            .values_list("rolle", flat=True)
        )
    return cache[utvalg.pk]


def er_utvalgsmedlem(user, utvalg: Utvalg) -> bool:
    """Members (and the secretary) read everything of their body."""
    return er_systemforvalter(user) or bool(_verv(user, utvalg))


def kan_fore_utvalg(user, utvalg: Utvalg) -> bool:
    """The body's secretary records meetings, cases, attendance and decisions."""
    return er_systemforvalter(user) or Utvalgsmedlem.Rolle.SEKRETAER in _verv(user, utvalg)


def partsside(user, utvalg: Utvalg) -> str:
    """The party («kommunene» or «helseforetaket») the user may act for in the body, or "".

    The agreement § 6 gives the next step to the parties, not to the body's secretary: a
    member who sits for one of the parties, or a coordinator or administrator of one of the
    parties (for an LSU, the HF or a municipality of its area).
    """
    if not user.is_authenticated:
        return ""
    side = (
        Utvalgsmedlem.objects.aktive(timezone.localdate())
        .filter(utvalg=utvalg, bruker=user, side__in=[s.value for s in PARTENE])
        .exclude(rolle=Utvalgsmedlem.Rolle.SEKRETAER)
        .values_list("side", flat=True)
        .first()
    )
    if side:
        return side
    egne = organisasjoner_med_rolle(user, Rolle.SAMHANDLINGSKOORDINATOR, Rolle.ADMINISTRATOR)
    parter = Organisasjon.objects.filter(pk__in=egne, helsefellesskap=utvalg.helsefellesskap_id)
    if utvalg.lokalomrade_id:
        # The municipalities that belong to the area today.
        i_omradet = Omrademedlem.objects.gjeldende().filter(
            kommune=OuterRef("pk"), lokalomrade=utvalg.lokalomrade_id
        )
        parter = parter.filter(Q(type=Organisasjon.Type.HELSEFORETAK) | Exists(i_omradet))
    typer = set(parter.values_list("type", flat=True))
    if Organisasjon.Type.KOMMUNE in typer:
        return Side.KOMMUNENE
    if Organisasjon.Type.HELSEFORETAK in typer:
        return Side.HELSEFORETAKET
    return ""


def er_offentlig_utvalg(utvalg: Utvalg) -> bool:
    """Adopted decisions and approved minutes of SSU and LSU are public."""
    return utvalg.type in (Utvalg.Type.SSU, Utvalg.Type.LSU)
