"""Bodies: created with the rules and composition requirements of their type."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helsefellesskap import access
from helsefellesskap.models import (
    Helsefellesskap,
    Lokalomrade,
    Sammensetningskrav,
    User,
    Utvalg,
    Utvalgsmedlem,
    Vedtak,
)
from helsefellesskap.models.utvalg import Fagomrade, Side
from kjerne.feil import Domenefeil

STANDARDREGLER: dict[str, dict] = {
    Utvalg.Type.PARTNERSKAPSMOTE: {"moter_min": 1, "moter_maks": 1, "kan_vedta": True},
    Utvalg.Type.SSU: {"moter_min": 6, "moter_maks": 8, "kan_vedta": True},
    Utvalg.Type.AU: {"moter_min": 0, "moter_maks": None, "kan_vedta": False},
    Utvalg.Type.LSU: {"moter_min": 2, "moter_maks": 4, "kan_vedta": True},
    Utvalg.Type.FSU: {"moter_min": 0, "moter_maks": None, "kan_vedta": False},
}

# (side, fagområde, minimum) per type of body, from the agreement (DOMAIN.md §2).
STANDARDKRAV: dict[str, list[tuple[str, str, int]]] = {
    Utvalg.Type.SSU: [
        (Side.KOMMUNENE, "", 3),
        (Side.HELSEFORETAKET, "", 3),
        (Side.BRUKER, "", 1),
        (Side.ARBEIDSTAKER, "", 1),
        (Side.FASTLEGE, "", 1),
    ],
    Utvalg.Type.LSU: [
        (Side.KOMMUNENE, "", 1),
        (Side.HELSEFORETAKET, "", 1),
        (Side.BRUKER, "", 1),
        (Side.FASTLEGE, "", 1),
        ("", Fagomrade.SOMATIKK, 1),
        ("", Fagomrade.PSYKISK_HELSE, 1),
    ],
}


def _krev_sekretaer(utfort_av: User | None, utvalg: Utvalg) -> None:
    # None is the system itself (management commands, demo data).
    if utfort_av is not None and not access.kan_fore_utvalg(utfort_av, utvalg):
        raise Domenefeil(_("Bare utvalgets sekretær kan gjøre dette."))


def _krev_aktivt(utvalg: Utvalg, dato: datetime.date) -> None:
    if not utvalg.er_aktivt(dato):
        raise Domenefeil(
            _("%(navn)s ble avsluttet %(dato)s.")
            % {"navn": utvalg.navn, "dato": utvalg.sluttdato.strftime("%d.%m.%Y")}
        )


@transaction.atomic
def utvalg_opprett(
    *,
    helsefellesskap: Helsefellesskap,
    type: str,
    navn: str,
    kortnavn: str,
    lokalomrade: Lokalomrade | None = None,
    overordnet: Utvalg | None = None,
    mandat: str = "",
    sluttdato: datetime.date | None = None,
    oppnevnt_ved: Vedtak | None = None,
    rotasjon_fra: datetime.date | None = None,
    forste_lederside: str = "",
) -> Utvalg:
    """Create a body with the rules and composition requirements of its type."""
    if type == Utvalg.Type.FSU:
        if oppnevnt_ved is None or not oppnevnt_ved.er_vedtatt:
            raise Domenefeil(_("Et faglig samarbeidsutvalg oppnevnes ved et vedtak i SSU."))
        if oppnevnt_ved.sak.utvalg.type != Utvalg.Type.SSU:
            raise Domenefeil(_("Et faglig samarbeidsutvalg oppnevnes av SSU."))
        if not mandat.strip() or sluttdato is None:
            raise Domenefeil(
                _("Et faglig samarbeidsutvalg må ha et skriftlig mandat og en sluttdato.")
            )
    utvalg = Utvalg(
        helsefellesskap=helsefellesskap,
        type=type,
        navn=navn,
        kortnavn=kortnavn,
        lokalomrade=lokalomrade,
        overordnet=overordnet,
        mandat=mandat,
        sluttdato=sluttdato,
        oppnevnt_ved=oppnevnt_ved,
        rotasjon_fra=rotasjon_fra,
        forste_lederside=forste_lederside,
        **STANDARDREGLER[type],
    )
    try:
        utvalg.full_clean()
    except ValidationError as feil:
        raise Domenefeil(" ".join(feil.messages)) from None
    utvalg.save()
    Sammensetningskrav.objects.bulk_create(
        Sammensetningskrav(utvalg=utvalg, side=side, fagomrade=fag, minimum=antall)
        for side, fag, antall in STANDARDKRAV.get(type, [])
    )
    return utvalg


def sammensetning_mangler(utvalg: Utvalg, medlemmer: list[Utvalgsmedlem]) -> list[str]:
    """What the body lacks against its composition rules (the secretary does not count)."""
    teller = [m for m in medlemmer if m.rolle != Utvalgsmedlem.Rolle.SEKRETAER]
    mangler = []
    for krav in utvalg.krav.all():
        har = sum(
            1
            for m in teller
            if (not krav.side or m.side == krav.side)
            and (not krav.fagomrade or m.fagomrade == krav.fagomrade)
        )
        if har < krav.minimum:
            hva = " / ".join(
                d
                for d in (
                    krav.get_side_display() if krav.side else "",
                    krav.get_fagomrade_display(),
                )
                if d
            )
            mangler.append(
                _("%(hva)s: har %(har)d, skal ha minst %(min)d.")
                % {"hva": hva, "har": har, "min": krav.minimum}
            )
    return mangler
