"""The clause → topic mapping is dated (issue 27, review): a correction ends a row and starts a
new one with who, when and why, and the coverage on a date reads the mapping valid that day,
so a correction today does not change what the coverage was on an earlier date. Who may
correct it follows the text: a text shared by several municipalities is corrected by the
helseforetak's coordinators only."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from avtaler.access import kan_rette_temaer
from avtaler.dekning import punkt_sett_temaer, temadekning
from avtaler.models import Avtaleversjon, Punkttema, Tema, i_dag
from helsefellesskap.models import Medlemskap
from kjerne.feil import Domenefeil
from tests.factories import MedlemskapFactory, iverksett, lag_avtale

D = datetime.date
FRA = D(2024, 1, 1)


@pytest.fixture
def versjon(kommune, helseforetak):
    return iverksett(lag_avtale(kommune.helsefellesskap, [kommune, helseforetak]), FRA)


@pytest.fixture
def forskning(versjon):
    """Clause 1.1 mapped to nr. 7 from the day the text took effect."""
    punkt = versjon.punkter.get(nummer="1.1").punkt
    Punkttema.objects.create(punkt=punkt, tema=Tema.objects.get(nummer=7), gyldig_fra=FRA)
    return punkt


def _dekket(kommune, dato) -> set[int]:
    versjoner = list(Avtaleversjon.objects.gjeldende(dato).for_organisasjon(kommune))
    return {
        d.tema.nummer for d in temadekning(versjoner, dato) if any(True for _v, _p in d.punkter)
    }


def test_a_correction_today_does_not_change_the_coverage_on_a_past_date(
    kommune, koordinator, forskning
):
    assert 7 in _dekket(kommune, D(2025, 6, 1))
    punkt_sett_temaer(
        punkt=forskning, temaer=[], utfort_av=koordinator, begrunnelse="Punktet gjelder IKT."
    )
    assert 7 not in _dekket(kommune, i_dag())
    assert 7 in _dekket(kommune, D(2025, 6, 1)), "the past keeps what was mapped then"
    assert 7 in _dekket(kommune, i_dag() - datetime.timedelta(days=1))
    rad = Punkttema.objects.get(punkt=forskning)  # ended, not deleted
    assert (rad.gyldig_fra, rad.gyldig_til) == (FRA, i_dag())
    assert rad.avsluttet_av == koordinator
    assert rad.avslutning_begrunnelse == "Punktet gjelder IKT."


def test_a_topic_added_today_counts_from_today_only(kommune, koordinator, forskning):
    nr9 = Tema.objects.get(nummer=9)
    punkt_sett_temaer(
        punkt=forskning,
        temaer=[Tema.objects.get(nummer=7), nr9],
        utfort_av=koordinator,
        begrunnelse="Punktet nevner også IKT.",
    )
    assert 9 in _dekket(kommune, i_dag())
    assert 9 not in _dekket(kommune, D(2025, 6, 1))
    ny = Punkttema.objects.get(punkt=forskning, tema=nr9)
    assert (ny.gyldig_fra, ny.plassert_av, ny.begrunnelse) == (
        i_dag(),
        koordinator,
        "Punktet nevner også IKT.",
    )
    # Nr. 7 was kept: its row is untouched.
    assert Punkttema.objects.get(punkt=forskning, tema__nummer=7).gyldig_til is None


def test_removed_and_added_again_the_same_day_keeps_every_row(kommune, koordinator, forskning):
    nr7 = Tema.objects.get(nummer=7)
    punkt_sett_temaer(punkt=forskning, temaer=[], utfort_av=koordinator, begrunnelse="Feil.")
    punkt_sett_temaer(punkt=forskning, temaer=[nr7], utfort_av=koordinator, begrunnelse="Rett.")
    punkt_sett_temaer(punkt=forskning, temaer=[], utfort_av=koordinator, begrunnelse="Feil igjen.")
    rader = list(Punkttema.objects.filter(punkt=forskning).order_by("pk"))
    assert [(r.gyldig_fra, r.gyldig_til) for r in rader] == [(FRA, i_dag()), (i_dag(), i_dag())]
    assert 7 in _dekket(kommune, D(2025, 6, 1))
    assert 7 not in _dekket(kommune, i_dag())


def test_a_correction_without_a_reason_changes_nothing(koordinator, forskning):
    with pytest.raises(Domenefeil, match="Skriv hvorfor"):
        punkt_sett_temaer(punkt=forskning, temaer=[], utfort_av=koordinator, begrunnelse="  ")
    assert Punkttema.objects.apne().filter(punkt=forskning).count() == 1


def test_only_one_open_mapping_per_clause_and_topic(forskning):
    with pytest.raises(IntegrityError), transaction.atomic():
        Punkttema.objects.create(punkt=forskning, tema=Tema.objects.get(nummer=7), gyldig_fra=FRA)


def test_a_mapping_cannot_end_before_it_starts(forskning):
    with pytest.raises(IntegrityError), transaction.atomic():
        Punkttema.objects.filter(punkt=forskning).update(gyldig_til=D(2023, 1, 1))


def test_the_view_ends_the_row_with_the_reason_and_the_history_says_so(
    client, versjon, koordinator, forskning
):
    client.force_login(koordinator)
    url = f"/avtaler/{versjon.avtale_id}/versjoner/{versjon.nummer}/temaer/"
    svar = client.post(f"{url}{forskning.pk}/", {"tema": [], "begrunnelse": ""}, follow=True)
    assert "Skriv hvorfor temaene endres" in svar.content.decode()
    assert Punkttema.objects.apne().filter(punkt=forskning).exists()
    client.post(f"{url}{forskning.pk}/", {"tema": [], "begrunnelse": "Gjelder ikke forskning."})
    assert not Punkttema.objects.apne().filter(punkt=forskning).exists()
    side = client.get(url).content.decode()
    assert (
        f"{koordinator.navn} fjernet § 6-2 nr. 7 på punkt 1.1 fra {i_dag():%d.%m.%Y}: "
        "«Gjelder ikke forskning.»"
    ) in side


# --- who may correct: the text's owners ----------------------------------------------------


def _koordinator_i(org):
    return MedlemskapFactory(
        organisasjon=org, rolle=Medlemskap.Rolle.SAMHANDLINGSKOORDINATOR
    ).bruker


def test_in_a_bilateral_text_both_parties_coordinators_correct(versjon, kommune, helseforetak):
    assert kan_rette_temaer(_koordinator_i(kommune), versjon)
    assert kan_rette_temaer(_koordinator_i(helseforetak), versjon)


def test_a_shared_text_is_corrected_by_the_helseforetak_not_by_one_municipality(
    client, kommune, annen_kommune, helseforetak
):
    delt = iverksett(
        lag_avtale(kommune.helsefellesskap, [kommune, annen_kommune, helseforetak]), FRA
    )
    punkt = delt.punkter.get(nummer="1.1").punkt
    Punkttema.objects.create(punkt=punkt, tema=Tema.objects.get(nummer=7), gyldig_fra=FRA)
    kommunens, hfs = _koordinator_i(kommune), _koordinator_i(helseforetak)
    assert not kan_rette_temaer(kommunens, delt)
    assert kan_rette_temaer(hfs, delt)
    assert not kan_rette_temaer(_koordinator_i(annen_kommune), delt)
    url = f"/avtaler/{delt.avtale_id}/versjoner/{delt.nummer}/temaer/"
    client.force_login(kommunens)
    side = client.get(url).content.decode()
    assert 'name="tema"' not in side
    assert "bare helseforetakets koordinatorer" in side
    svar = client.post(f"{url}{punkt.pk}/", {"tema": [], "begrunnelse": "Alene."})
    assert svar.status_code == 403
    assert Punkttema.objects.apne().filter(punkt=punkt).exists()
    client.force_login(hfs)
    assert 'name="tema"' in client.get(url).content.decode()
    client.post(f"{url}{punkt.pk}/", {"tema": [], "begrunnelse": "Avtalt i SSU."})
    assert not Punkttema.objects.apne().filter(punkt=punkt).exists()
