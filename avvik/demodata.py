"""Demo data of the avvik app: the categories (they come from a data migration, which an
emptied database lacks) and Vest-Viken's ladders with the deadline its agreement states."""

from avvik.betalingsdata import sikre_betalingsdata
from avvik.demodata_aar import ett_ar_med_avvik
from avvik.kategorier import sikre_betalingskategorier, sikre_kategorier
from avvik.models import Avvikskategori, Betalingsregel, Dognpris, Stigetype
from avvik.stiger import KILDE, trinn_for
from helsefellesskap.models import Helsefellesskap

# The demo's «Avtale om helhetlig pasientforløp», clause 5 (avtaler/demodata_tekster.py).
FRISTKILDE = (
    "Avtale om helhetlig pasientforløp, punkt 5 Avvik: avvik meldes til den andre parten, "
    "«som skal svare innen 10 virkedager»"
)


def last_demodata() -> list[str]:
    sikre_betalingskategorier(Avvikskategori)
    sikre_betalingsdata(Dognpris, Betalingsregel)
    sikre_kategorier(Avvikskategori)
    hf = Helsefellesskap.objects.filter(kortnavn="vest-viken").first()
    if hf is None:
        return []
    for stige in Stigetype.values:
        forste = trinn_for(hf, stige)[0]
        if forste.fristkilde in ("", KILDE):
            forste.svarfrist, forste.fristenhet, forste.fristkilde = 10, "virkedager", FRISTKILDE
            forste.save()
    return [
        "Avvik: kategorier begge veier og stigene med svarfristen avtalen fastsetter",
        *ett_ar_med_avvik(hf),
    ]
