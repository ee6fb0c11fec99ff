"""Migration 0013 turns each LSU area's municipalities into memberships with dates, on both
databases, and loses nothing: the table without dates and the history simple-history kept of
it (a snapshot of the area's municipalities at each change) are proven row by row."""

import datetime
import zoneinfo

import pytest

from tests.migreringshjelp import migrer, til_nyeste

D = datetime.date
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
FOR = ("helsefellesskap", "0012_fellesskapsmedlem")
ETTER = ("helsefellesskap", "0013_lsu_medlemskap_med_datoer")


def _tid(*dato) -> datetime.datetime:
    return datetime.datetime(*dato, 12, 0, tzinfo=OSLO)


@pytest.mark.django_db(transaction=True)
def test_lsu_areas_become_memberships_with_dates_and_nothing_is_lost():
    apps = migrer(FOR)
    Helsefellesskap = apps.get_model("helsefellesskap", "Helsefellesskap")
    Organisasjon = apps.get_model("helsefellesskap", "Organisasjon")
    Lokalomrade = apps.get_model("helsefellesskap", "Lokalomrade")
    User = apps.get_model("helsefellesskap", "User")
    Historisk = apps.get_model("helsefellesskap", "HistoricalLokalomrade")
    Bilde = apps.get_model("helsefellesskap", "HistoricalLokalomrade_kommuner")
    Gammel = Lokalomrade.kommuner.through

    hf = Helsefellesskap.objects.create(navn="Vest", kortnavn="vest")
    kommuner = {}
    for navn, nr, orgnr in [
        ("Drammen", "3301", "998453240"),
        ("Lier", "3312", "957520631"),
        ("Holmestrand", "3903", "817920632"),
        ("Bærum", "3201", "974553295"),
        ("Kongsberg", "3303", "942402465"),
    ]:
        kommuner[navn] = Organisasjon.objects.create(
            type="kommune", navn=f"{navn} kommune", organisasjonsnummer=orgnr,
            kommunenummer=nr, helsefellesskap=hf,
        )  # fmt: skip
    ola = User.objects.create(email="ola@vest.no", navn="Ola")
    kari = User.objects.create(email="kari@vest.no", navn="Kari")
    drammen_omr = Lokalomrade.objects.create(helsefellesskap=hf, navn="Drammen sykehus")
    baerum_omr = Lokalomrade.objects.create(helsefellesskap=hf, navn="Bærum sykehus")
    kongsberg_omr = Lokalomrade.objects.create(helsefellesskap=hf, navn="Kongsberg sykehus")

    def bilde(omrade, tid, bruker, navn, type_="~"):
        h = Historisk.objects.create(
            id=omrade.pk, navn=omrade.navn, helsefellesskap_id=hf.pk, history_date=tid,
            history_type=type_, history_user=bruker,
        )  # fmt: skip
        for n in navn:
            Bilde.objects.create(
                id=list(kommuner).index(n) + 1, history=h, lokalomrade=omrade,
                organisasjon=kommuner[n],
            )  # fmt: skip

    # Drammen's area: made, three municipalities, then Holmestrand taken out (10.03.2025).
    bilde(drammen_omr, _tid(2024, 1, 5), ola, [], "+")
    bilde(drammen_omr, _tid(2024, 1, 5), ola, ["Drammen", "Lier", "Holmestrand"])
    bilde(drammen_omr, _tid(2025, 3, 10), kari, ["Drammen", "Lier"])
    # Kongsberg's: out on 01.02.2025, back on 01.06.2025.
    bilde(kongsberg_omr, _tid(2024, 1, 5), ola, ["Kongsberg"], "+")
    bilde(kongsberg_omr, _tid(2025, 2, 1), ola, [])
    bilde(kongsberg_omr, _tid(2025, 6, 1), kari, ["Kongsberg"])
    # Bærum's area has no recorded history at all.
    for omrade, navn in [
        (drammen_omr, ["Drammen", "Lier"]), (baerum_omr, ["Bærum"]), (kongsberg_omr, ["Kongsberg"])
    ]:  # fmt: skip
        for n in navn:
            Gammel.objects.create(lokalomrade=omrade, organisasjon=kommuner[n])
    gamle_rader = set(Gammel.objects.values_list("lokalomrade_id", "organisasjon_id"))

    apps = migrer(ETTER)
    try:
        Omrademedlem = apps.get_model("helsefellesskap", "Omrademedlem")
        HistoricalOmrademedlem = apps.get_model("helsefellesskap", "HistoricalOmrademedlem")
        k = {n: o.pk for n, o in kommuner.items()}
        rader = sorted(
            Omrademedlem.objects.values_list("lokalomrade_id", "kommune_id", "fra", "til"),
            key=lambda r: (r[0], r[1], r[2] or D.min),
        )
        assert rader == sorted(
            [
                (drammen_omr.pk, k["Drammen"], None, None),
                (drammen_omr.pk, k["Lier"], None, None),
                (drammen_omr.pk, k["Holmestrand"], None, D(2025, 3, 9)),
                (baerum_omr.pk, k["Bærum"], None, None),
                (kongsberg_omr.pk, k["Kongsberg"], None, D(2025, 1, 31)),
                (kongsberg_omr.pk, k["Kongsberg"], D(2025, 6, 1), None),
            ],
            key=lambda r: (r[0], r[1], r[2] or D.min),
        )
        # Every row of the table without dates is a membership that holds today.
        i_dag = datetime.date.today()
        naa = {
            (m.lokalomrade_id, m.kommune_id)
            for m in Omrademedlem.objects.all()
            if (m.fra is None or m.fra <= i_dag) and (m.til is None or m.til >= i_dag)
        }
        assert naa == gamle_rader
        # The history says who added and who took out, and when.
        holmestrand = Omrademedlem.objects.get(kommune=k["Holmestrand"])
        historikk = list(
            HistoricalOmrademedlem.objects.filter(id=holmestrand.pk)
            .order_by("history_date")
            .values_list("history_type", "history_date", "history_user_id", "til")
        )
        assert historikk == [
            ("+", _tid(2024, 1, 5), ola.pk, None),
            ("~", _tid(2025, 3, 10), kari.pk, D(2025, 3, 9)),
        ]
        tilbake = Omrademedlem.objects.get(kommune=k["Kongsberg"], fra=D(2025, 6, 1))
        assert list(
            HistoricalOmrademedlem.objects.filter(id=tilbake.pk).values_list(
                "history_type", "history_date", "history_user_id"
            )
        ) == [("+", _tid(2025, 6, 1), kari.pk)]
        baerum = Omrademedlem.objects.get(kommune=k["Bærum"])
        assert HistoricalOmrademedlem.objects.filter(id=baerum.pk, history_type="+").count() == 1
        assert HistoricalOmrademedlem.objects.count() == 8  # 6 "+", 2 "~"

        # Back again: the table without dates holds who belongs today.
        apps = migrer(FOR)
        Gammel = apps.get_model("helsefellesskap", "Lokalomrade").kommuner.through
        assert set(Gammel.objects.values_list("lokalomrade_id", "organisasjon_id")) == gamle_rader
    finally:
        til_nyeste()
