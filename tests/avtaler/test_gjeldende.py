"""Point in time: what applied on date D."""

import datetime

import pytest

from avtaler import services
from avtaler.models import Avtaleversjon
from tests.factories import iverksett, lag_avtale

D = datetime.date


@pytest.fixture
def historikk(kommune, helseforetak, koordinator):
    """Version 1 from 2021, version 2 from 2024, version 3 still a draft."""
    v1 = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2021, 1, 18))
    v2 = iverksett(
        services.versjon_start_revisjon(versjon=v1, utfort_av=koordinator), D(2024, 1, 1)
    )
    v3 = services.versjon_start_revisjon(versjon=v2, utfort_av=koordinator)
    return v1, v2, v3


@pytest.mark.parametrize(
    ("dato", "forventet"),
    [
        (D(2021, 1, 17), None),
        (D(2021, 1, 18), 1),
        (D(2023, 12, 31), 1),
        (D(2024, 1, 1), 2),
        (D(2030, 1, 1), 2),
    ],
)
def test_the_version_in_force_on_a_date(historikk, dato, forventet):
    avtale = historikk[0].avtale
    versjoner = Avtaleversjon.objects.filter(avtale=avtale).gjeldende(dato)
    assert [v.nummer for v in versjoner] == ([forventet] if forventet else [])


def test_drafts_are_never_in_force(historikk):
    utkast = historikk[2]
    assert not Avtaleversjon.objects.gjeldende(D(2099, 1, 1)).filter(pk=utkast.pk).exists()


def test_a_terminated_version_applies_until_the_end_of_notice(kommune, helseforetak, koordinator):
    versjon = iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), D(2022, 1, 1))
    services.versjon_si_opp(
        versjon=versjon, utfort_av=koordinator, varslet=D(2025, 3, 15), oppsagt_av=kommune
    )
    assert Avtaleversjon.objects.gjeldende(D(2026, 3, 15)).filter(pk=versjon.pk).exists()
    assert not Avtaleversjon.objects.gjeldende(D(2026, 3, 16)).filter(pk=versjon.pk).exists()


def test_all_agreements_in_force_for_a_municipality(kommune, annen_kommune, helseforetak):
    hf = kommune.helsefellesskap
    felles = iverksett(lag_avtale(hf, [kommune, annen_kommune, helseforetak]), D(2021, 1, 1))
    bare_nabo = iverksett(
        lag_avtale(hf, [annen_kommune, helseforetak], type="saeravtale", tittel="Særavtale nabo"),
        D(2021, 1, 1),
    )
    senere = iverksett(
        lag_avtale(hf, [kommune, helseforetak], type="saeravtale", tittel="Særavtale senere"),
        D(2025, 1, 1),
    )
    i_2022 = set(Avtaleversjon.objects.gjeldende(D(2022, 1, 1)).for_organisasjon(kommune))
    assert i_2022 == {felles}
    i_2025 = set(Avtaleversjon.objects.gjeldende(D(2025, 1, 1)).for_organisasjon(kommune))
    assert i_2025 == {felles, senere}
    assert bare_nabo not in i_2025
