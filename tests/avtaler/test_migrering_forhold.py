"""Migration 0016 moves what one version said for all its parties into each party's own
agreement (Avtaleforhold), on both databases, and loses nothing: proven row by row."""

import datetime

import pytest

from tests.migreringshjelp import migrer, til_nyeste

D = datetime.date
FOR = ("avtaler", "0018_sprakuttrykk_uavhengig")
ETTER = ("avtaler", "0019_avtaleforhold")


@pytest.mark.django_db(transaction=True)
def test_every_version_and_party_becomes_an_agreement_with_nothing_lost():
    apps = migrer(FOR)
    Helsefellesskap = apps.get_model("helsefellesskap", "Helsefellesskap")
    Organisasjon = apps.get_model("helsefellesskap", "Organisasjon")
    Avtale = apps.get_model("avtaler", "Avtale")
    Avtaleversjon = apps.get_model("avtaler", "Avtaleversjon")
    Versjonspart = apps.get_model("avtaler", "Versjonspart")
    Signatur = apps.get_model("avtaler", "Signatur")

    hf = Helsefellesskap.objects.create(navn="Vest", kortnavn="vest")
    foretak = Organisasjon.objects.create(
        type="helseforetak", navn="Vestre Viken HF", organisasjonsnummer="894166762",
        helsefellesskap=hf,
    )  # fmt: skip
    drammen = Organisasjon.objects.create(
        type="kommune", navn="Drammen kommune", organisasjonsnummer="998453240",
        kommunenummer="3301", helsefellesskap=hf,
    )  # fmt: skip
    holmestrand = Organisasjon.objects.create(
        type="kommune", navn="Holmestrand kommune", organisasjonsnummer="817920632",
        kommunenummer="3903", helsefellesskap=hf,
    )  # fmt: skip
    parter = [foretak, drammen, holmestrand]

    def versjon(avtale, nummer, **felter):
        v = Avtaleversjon.objects.create(avtale=avtale, nummer=nummer, tittel=avtale.tittel)
        for p in parter:
            Versjonspart.objects.create(versjon=v, organisasjon=p)
        Avtaleversjon.objects.filter(pk=v.pk).update(**felter)
        v.refresh_from_db()
        return v

    overordnet = Avtale.objects.create(helsefellesskap=hf, type="overordnet", tittel="Overordnet")
    erstattet = versjon(
        overordnet, 1, tilstand="erstattet", gyldig_fra=D(2019, 1, 1), gyldig_til=D(2020, 12, 31),
        signert_dato=D(2018, 12, 1), godkjent_vedtak="SSU 1/2018",
    )  # fmt: skip
    # In force, but the daily job had not yet closed version 1's interval.
    gjeldende = versjon(
        overordnet, 2, tilstand="gjeldende", gyldig_fra=D(2021, 1, 18),
        signert_dato=D(2021, 1, 10), godkjent_vedtak="SSU 4/2020",
    )  # fmt: skip
    signert = versjon(
        overordnet, 3, tilstand="signert", gyldig_fra=D(2027, 1, 1),
        signert_dato=D(2026, 6, 1), godkjent_vedtak="SSU 2/2026",
    )  # fmt: skip
    Signatur.objects.create(
        versjon=signert, organisasjon=drammen, navn="Ordfører", tittel="Ordfører",
        dato=D(2026, 5, 30), vedtaksreferanse="BST 12/2026",
    )  # fmt: skip
    delavtale = Avtale.objects.create(helsefellesskap=hf, type="saeravtale", tittel="Særavtale")
    oppsagt = versjon(
        delavtale, 1, tilstand="oppsagt", gyldig_fra=D(2022, 1, 1), gyldig_til=D(2026, 3, 15),
        signert_dato=D(2021, 12, 1), oppsigelse_varslet=D(2025, 3, 15),
        oppsagt_av=holmestrand, godkjent_vedtak="SSU 9/2021",
    )  # fmt: skip
    godkjent = versjon(delavtale, 2, tilstand="godkjent", godkjent_vedtak="SSU 1/2026")
    Signatur.objects.create(
        versjon=godkjent, organisasjon=foretak, navn="Direktør", tittel="Adm. dir.",
        dato=D(2026, 2, 1),
    )  # fmt: skip
    rutine = Avtale.objects.create(
        helsefellesskap=hf, type="rutine", tittel="Rutine", overordnet=overordnet
    )
    utkast = Avtaleversjon.objects.create(avtale=rutine, nummer=1, tittel="Rutine")

    apps = migrer(ETTER)
    Ny = apps.get_model("avtaler", "Avtaleversjon")
    Avtaleforhold = apps.get_model("avtaler", "Avtaleforhold")
    rader = {
        (f.versjon_id, f.part_id): (
            f.signert_dato, f.vedtak_saksnummer, f.i_kraft_fra, f.sluttdato,
            f.oppsigelse_varslet, f.oppsagt_av_id,
        )
        for f in Avtaleforhold.objects.all()
    }  # fmt: skip
    kommune = (drammen.pk, holmestrand.pk)
    forventet = {}
    for v, signert_dato, fra, til, oppsigelse in [
        (erstattet, D(2018, 12, 1), D(2019, 1, 1), D(2020, 12, 31), (None, None)),
        (gjeldende, D(2021, 1, 10), D(2021, 1, 18), D(2026, 12, 31), (None, None)),
        (signert, D(2026, 6, 1), D(2027, 1, 1), None, (None, None)),
        (oppsagt, D(2021, 12, 1), D(2022, 1, 1), D(2026, 3, 15), (D(2025, 3, 15), holmestrand.pk)),
    ]:
        for p in parter:
            baerer = p.pk in kommune
            forventet[(v.pk, p.pk)] = (
                signert_dato, "", fra if baerer else None, til if baerer else None,
                *(oppsigelse if baerer else (None, None)),
            )  # fmt: skip
    # A registered signature is the party's own: its date and its council's decision.
    forventet[(signert.pk, drammen.pk)] = (
        D(2026, 5, 30),
        "BST 12/2026",
        D(2027, 1, 1),
        None,
        None,
        None,
    )
    for p in parter:
        forventet[(godkjent.pk, p.pk)] = (
            D(2026, 2, 1) if p == foretak else None,
            "",
            None,
            None,
            None,
            None,
        )
    try:
        assert rader == forventet
        assert not Avtaleforhold.objects.filter(versjon=utkast.pk).exists()
        tilstander = dict(Ny.objects.values_list("pk", "tilstand"))
        assert tilstander == {
            erstattet.pk: "signert", gjeldende.pk: "signert", signert.pk: "signert",
            oppsagt.pk: "signert", godkjent.pk: "godkjent", utkast.pk: "utkast",
        }  # fmt: skip
        # The text's fields that stayed are untouched.
        for gammel in (erstattet, gjeldende, signert, oppsagt, godkjent):
            ny = Ny.objects.get(pk=gammel.pk)
            assert (ny.gyldig_fra, ny.signert_dato, ny.godkjent_vedtak) == (
                gammel.gyldig_fra, gammel.signert_dato, gammel.godkjent_vedtak,
            )  # fmt: skip
        # The locks of migration 0002 survived the rebuilt table (SQLite).
        with pytest.raises(Exception, match="ikke et utkast"):
            Ny.objects.filter(pk=signert.pk).update(tittel="Endret")
    finally:
        til_nyeste()
