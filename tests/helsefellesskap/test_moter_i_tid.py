"""A body's meetings as time passes: a meeting whose time has come was held (not «Planlagt»)
until its minutes are approved, and the page says which meeting is next."""

import datetime

from django.utils import timezone

from helsefellesskap import services
from helsefellesskap.models import Mote
from tests.factories import fullt_ssu


def test_past_unheld_meetings_are_not_planned_and_the_next_meeting_is_named(
    client, helsefellesskap
):
    ssu = fullt_ssu(helsefellesskap, rotasjon_fra=datetime.date(2021, 1, 1))
    na = timezone.now()

    def mote(dager: int, sted: str) -> Mote:
        start = na + datetime.timedelta(days=dager)
        return services.mote_opprett(utfort_av=None, utvalg=ssu, start=start, sted=sted)

    forbi = mote(-30, "Drammen")
    neste = mote(14, "Bærum")
    mote(60, "Kongsberg")
    avlyst = mote(-10, "Ringerike")
    Mote.objects.filter(pk=avlyst.pk).update(status=Mote.Status.AVLYST)

    assert forbi.statustekst == "Avholdt, referat mangler"
    assert neste.statustekst == "Planlagt"
    html = client.get(f"/utvalg/{ssu.pk}/").content.decode()
    assert "Neste møte:" in html and f'href="/moter/{neste.pk}/"' in html
    tid = f"{timezone.localtime(neste.start):%d.%m.%Y %H:%M}"
    assert f"{tid} – Bærum" in html.split("Neste møte:")[1]
    assert html.count(">Neste møte<") == 1 and html.count(">Avholdt, referat mangler<") == 1
    assert html.count(">Avlyst<") == 1 and html.count(">Planlagt<") == 1
    assert "Avholdt, referat mangler" in client.get(f"/moter/{forbi.pk}/").content.decode()


def test_a_body_without_coming_meetings_says_so(client, helsefellesskap):
    ssu = fullt_ssu(helsefellesskap, rotasjon_fra=datetime.date(2021, 1, 1))
    assert "Ingen møter er planlagt." in client.get(f"/utvalg/{ssu.pk}/").content.decode()
