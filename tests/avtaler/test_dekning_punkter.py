"""Coverage that matches the texts (issue 27): the demo's clauses mapped to the § 6-2 topics
they cover (seed agreement §§ 4.3–4.6: research and education is nr. 7, pregnancy and birth
nr. 8, preparedness nr. 11), the coverage page explaining each topic with links to the
clauses, and the helseforetak's coordinators correcting a mapping of the shared text, dated
and with history (tests/avtaler/test_punkttema_historikk.py has the rules)."""

import re

import pytest
from django.core.management import call_command

from avtaler.models import Avtaleversjon, Punkttema, Tema, i_dag
from helsefellesskap.models import User

OVERORDNET = "Overordnet samarbeidsavtale mellom Vestre Viken HF og kommunene"
HF_KOORDINATOR = "hf.samhandling@demo.no"  # Helle Haugen, Vestre Viken HF


@pytest.fixture
def demo(db):
    call_command("demodata", stdout=None)
    return Avtaleversjon.objects.gjeldende().filter(avtale__tittel=OVERORDNET).latest("nummer")


def _rad(html: str, nummer: int) -> str:
    return re.search(rf'<tr class="tema" data-nummer="{nummer}">(.*?)</tr>', html, re.S).group(1)


def test_every_topic_the_seed_agreement_covers_is_covered_by_its_clause(client, demo):
    """Seed §§ 4.3 (forskning), 4.5 (svangerskaps-, fødsels- og barselomsorg) and 4.6
    (helseberedskap, «Helse og omsorgstjenesteloven § 6-2 nr. 11») cover nr. 7, 8 and 11; § 5's
    yearly joint strategic plan, SSU's priorities and LSU's local planning are the nearest the
    text comes to nr. 12. Nothing in it covers nr. 13 (barn og unge): the one gap."""
    html = client.get("/kommuner/3301/dekning/?dato=2026-01-01").content.decode()
    assert "Mangler</span>" not in html.replace(_rad(html, 13), "")
    assert "Mangler</span>" in _rad(html, 13)
    for nummer, punkt in [(7, "4.3"), (8, "4.5"), (11, "4.6"), (1, "4"), (9, "4.2"), (12, "5")]:
        pv = demo.punkter.get(nummer=punkt)
        rad = _rad(html, nummer)
        assert f"#{pv.anker}" in rad, (nummer, punkt)
        assert f"Punkt {punkt} {pv.overskrift}" in rad


def test_a_municipality_without_the_saeravtale_still_has_midwifery_through_the_overordnet(
    client, demo
):
    rad = _rad(client.get("/kommuner/3301/dekning/").content.decode(), 8)
    assert "Særavtale om jordmortjenester" not in rad  # Drammen is not a party to it
    assert "Mangler</span>" not in rad


def test_a_delavtale_covers_its_own_topic_as_a_whole(client, demo):
    rad = _rad(client.get("/kommuner/3301/dekning/").content.decode(), 4)
    assert "Avtalen gjelder temaet:" in rad
    assert "Delavtale om kommunalt døgnopphold for øyeblikkelig hjelp" in rad


def test_a_coordinator_corrects_a_mapping_and_the_history_keeps_who(client, demo):
    koordinator = User.objects.get(email=HF_KOORDINATOR)
    client.force_login(koordinator)
    forskning = demo.punkter.get(nummer="4.3")
    kunnskap = demo.punkter.get(nummer="4.4")
    url = f"/avtaler/{demo.avtale_id}/versjoner/{demo.nummer}/temaer/"
    for punkt in (forskning, kunnskap):
        svar = client.post(f"{url}{punkt.punkt_id}/", {"tema": [], "begrunnelse": "Prøver."})
        assert svar.status_code == 302
    assert not Punkttema.objects.apne().filter(punkt=forskning.punkt).exists()
    avsluttet = Punkttema.objects.get(punkt=forskning.punkt, tema__nummer=7)
    assert avsluttet.avsluttet_av == koordinator
    assert avsluttet.gyldig_til == i_dag()
    side = client.get(url).content.decode()
    assert "Helle Haugen fjernet § 6-2 nr. 7 på punkt 4.3" in side
    rad = _rad(client.get("/kommuner/3301/dekning/").content.decode(), 7)
    assert "Mangler</span>" in rad
    # The coverage on an earlier date is what was mapped then.
    rad = _rad(client.get("/kommuner/3301/dekning/?dato=2026-01-01").content.decode(), 7)
    assert f"#{forskning.anker}" in rad
    # And back: the topic is covered again, by that clause, from today.
    nr7 = Tema.objects.get(nummer=7)
    client.post(f"{url}{forskning.punkt_id}/", {"tema": [nr7.pk], "begrunnelse": "Rettet."})
    rad = _rad(client.get("/kommuner/3301/dekning/").content.decode(), 7)
    assert f"#{forskning.anker}" in rad
    assert Punkttema.objects.apne().get(punkt=forskning.punkt).plassert_av == koordinator


def test_only_the_parties_coordinators_correct_mappings(client, demo):
    punkt = demo.punkter.get(nummer="4.3")
    url = f"/avtaler/{demo.avtale_id}/versjoner/{demo.nummer}/temaer/{punkt.punkt_id}/"
    assert client.post(url, {"tema": []}).status_code == 302  # to the login page
    client.force_login(User.objects.get(email="ansatt@demo.no"))
    assert client.post(url, {"tema": [], "begrunnelse": "x"}).status_code == 403
    # Drammen's coordinator is a party's, but the text is shared by 22 municipalities.
    client.force_login(User.objects.get(email="koordinator@demo.no"))
    assert client.post(url, {"tema": [], "begrunnelse": "x"}).status_code == 403
    assert Punkttema.objects.apne().filter(punkt=punkt.punkt).exists()
    # Reading is public, without the forms.
    client.logout()
    side = client.get(f"/avtaler/{demo.avtale_id}/versjoner/{demo.nummer}/temaer/")
    assert side.status_code == 200
    assert 'name="tema"' not in side.content.decode()


def test_an_unknown_topic_changes_nothing_and_says_so(client, demo):
    client.force_login(User.objects.get(email=HF_KOORDINATOR))
    punkt = demo.punkter.get(nummer="4.3")
    url = f"/avtaler/{demo.avtale_id}/versjoner/{demo.nummer}/temaer/{punkt.punkt_id}/"
    svar = client.post(url, {"tema": ["999999"], "begrunnelse": "x"}, follow=True)
    assert "Ingenting er endret" in svar.content.decode()
    assert Punkttema.objects.filter(punkt=punkt.punkt).count() == 1


def test_the_mapping_follows_the_clause_into_a_new_version(client, demo):
    from avtaler import services

    utkast = services.versjon_start_revisjon(versjon=demo, utfort_av=None)
    punkt = utkast.punkter.get(nummer="4.5")
    assert list(
        Punkttema.objects.filter(punkt=punkt.punkt).values_list("tema__nummer", flat=True)
    ) == [8]
    client.force_login(User.objects.get(email=HF_KOORDINATOR))
    side = client.get(
        f"/avtaler/{demo.avtale_id}/versjoner/{utkast.nummer}/temaer/"
    ).content.decode()
    nr8 = Tema.objects.get(nummer=8)
    assert f'value="{nr8.pk}" id="tema-{punkt.pk}-{nr8.pk}" checked' in side


def test_a_correction_without_a_reason_keeps_the_ticked_boxes_and_says_so_at_the_field(
    client, demo
):
    """Review of issue 27: without a reason the page redirected and the boxes just ticked were
    lost. Now it is shown again (400) with the error at that clause's reason field, the boxes
    as ticked, and nothing changed."""
    client.force_login(User.objects.get(email=HF_KOORDINATOR))
    forskning = demo.punkter.get(nummer="4.3")
    nr7, nr10 = Tema.objects.get(nummer=7), Tema.objects.get(nummer=10)
    for_ = set(Punkttema.objects.apne().filter(punkt=forskning.punkt).values_list("tema", flat=1))
    url = f"/avtaler/{demo.avtale_id}/versjoner/{demo.nummer}/temaer/"
    svar = client.post(f"{url}{forskning.punkt_id}/", {"tema": [nr10.pk], "begrunnelse": "  "})
    assert svar.status_code == 400
    html = svar.content.decode()
    seksjon = re.search(rf'<section class="kort" id="{forskning.anker}".*?</section>', html, re.S)
    seksjon = seksjon.group(0)
    felt = f'id="begrunnelse-{forskning.pk}"'
    assert felt in seksjon and 'aria-invalid="true"' in seksjon
    assert f'aria-describedby="begrunnelse-{forskning.pk}-feil"' in seksjon
    assert (
        f'<p class="ds-validation-message" id="begrunnelse-{forskning.pk}-feil">'
        "Skriv hvorfor temaene endres. Ingenting er endret.</p>"
    ) in seksjon
    assert re.search(rf'value="{nr10.pk}" id="tema-{forskning.pk}-{nr10.pk}" checked', seksjon)
    assert not re.search(rf'value="{nr7.pk}" id="tema-{forskning.pk}-{nr7.pk}" checked', seksjon)
    # Only that clause carries the error; nothing was changed.
    assert html.count("ds-validation-message") == 1
    etter = set(Punkttema.objects.apne().filter(punkt=forskning.punkt).values_list("tema", flat=1))
    assert etter == for_ == {nr7.pk}
