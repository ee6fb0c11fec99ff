"""Lists of parties sort in Norwegian order: «Ål» after «Øvre Eiker» (Æ Ø Å last)."""

from avtaler import services
from avtaler.services import NyttPunkt
from avvik.forms import AvvikForm
from helsefellesskap.models import Fellesskapsmedlem
from tests.factories import (
    HelseforetakFactory,
    KommuneFactory,
    MedlemskapFactory,
    lag_utskrivningsrutine,
)

KOMMUNER = ["Ål kommune", "Øvre Eiker kommune", "Asker kommune"]


def _parter(helsefellesskap):
    hf = HelseforetakFactory(navn="Vestre Viken HF", helsefellesskap=helsefellesskap)
    kommuner = [KommuneFactory(navn=n, helsefellesskap=helsefellesskap) for n in KOMMUNER]
    for org in (hf, *kommuner):
        Fellesskapsmedlem.objects.create(organisasjon=org, helsefellesskap=helsefellesskap)
    return hf, kommuner


def _rekkefolge(html: str, navn: list[str]) -> list[str]:
    return sorted(navn, key=html.index)


def test_the_signature_table_lists_aal_after_ovre_eiker(client, helsefellesskap):
    hf, kommuner = _parter(helsefellesskap)
    versjon = lag_utskrivningsrutine(
        helsefellesskap,
        [hf, *kommuner],
        type="saeravtale",
        tittel="Utskrivningsrutine",
        punkter=[NyttPunkt("1", "Epikrise", "Følger med.")],
    )
    versjon = services.versjon_send_til_behandling(versjon=versjon, utfort_av=None)
    versjon = services.versjon_godkjenn(versjon=versjon, utfort_av=None, vedtaksreferanse="SSU 1")
    client.force_login(
        MedlemskapFactory(organisasjon=kommuner[2], rolle="samhandlingskoordinator").bruker
    )
    svar = client.get(f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/signaturer/")
    assert svar.status_code == 200
    tabell = svar.content.decode().split("<tbody>")[1]
    assert _rekkefolge(tabell, KOMMUNER) == ["Asker kommune", "Øvre Eiker kommune", "Ål kommune"]


def test_the_avvik_form_lists_responsible_parties_in_norwegian_order(helsefellesskap):
    _hf, kommuner = _parter(helsefellesskap)
    skjema = AvvikForm(egne_org_ids={k.pk for k in kommuner})
    for felt in ("meldt_av_organisasjon", "ansvarlig"):
        navn = [o.navn for o in skjema.fields[felt].queryset if o.er_kommune]
        assert navn == ["Asker kommune", "Øvre Eiker kommune", "Ål kommune"], felt
