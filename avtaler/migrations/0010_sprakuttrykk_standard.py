"""Load the word lists of the language check as they were shipped in 2026-11; administrators
edit them afterwards. The list is frozen here (0014 brings the later additions), so this
migration does the same thing whatever the code says today."""

from django.db import migrations

STANDARD = [
    ("forpliktende", "skal", ""),
    ("forpliktende", "må", ""),
    ("forpliktende", "plikter", ""),
    ("forpliktende", "pliktar", ""),
    ("forpliktende", "er forpliktet til", ""),
    ("forpliktende", "er forplikta til", ""),
    ("forpliktende", "forplikter seg til", ""),
    ("forpliktende", "forpliktar seg til", ""),
    ("forpliktende", "er ansvarlig for", ""),
    ("forpliktende", "er ansvarleg for", ""),
    ("forpliktende", "har ansvar for", ""),
    ("forpliktende", "har ansvaret for", ""),
    ("forpliktende", "har ansvar for å", ""),
    ("forpliktende", "har et felles ansvar for", ""),
    ("forpliktende", "har et særlig ansvar for", ""),
    ("forpliktende", "har et særskilt ansvar for", ""),
    ("forpliktende", "har eit særleg ansvar for", ""),
    ("forpliktende", "sørger for", ""),
    ("forpliktende", "syter for", ""),
    ("intensjon", "bør", "«Bør» er en anbefaling. Skriv «skal» hvis det er en plikt."),
    (
        "intensjon",
        "kan",
        "«Kan» gir en mulighet, ikke en plikt. Skriv «skal» og hvem som skal gjøre det.",
    ),
    (
        "intensjon",
        "søker å",
        "«Søker å» forplikter ikke til et resultat. Skriv hva som skal gjøres.",
    ),
    (
        "intensjon",
        "søkjer å",
        "«Søkjer å» forplikter ikke til et resultat. Skriv hva som skal gjøres.",
    ),
    (
        "intensjon",
        "tilstreber",
        "«Tilstreber» er en intensjon. Skriv hva som skal skje, og innen når.",
    ),
    (
        "intensjon",
        "tilstrebar",
        "«Tilstrebar» er en intensjon. Skriv hva som skal skje, og innen når.",
    ),
    ("intensjon", "legger til rette for", "«Legger til rette for» sier ikke hvem som gjør hva."),
    ("intensjon", "legg til rette for", "«Legg til rette for» sier ikke hvem som gjer kva."),
    ("intensjon", "ønsker", "«Ønsker» er ikke en forpliktelse."),
    ("intensjon", "ønskjer", "«Ønskjer» er ikke en forpliktelse."),
    ("intensjon", "tar sikte på", "«Tar sikte på» er en intensjon. Skriv hva som skal skje."),
    ("avdemper", "søke å", "«Skal søke å» forplikter bare til å prøve."),
    ("avdemper", "søkje å", "«Skal søkje å» forplikter bare til å prøve."),
    ("avdemper", "tilstrebe", "«Skal tilstrebe» forplikter bare til å prøve."),
    ("avdemper", "bidra til", "«Bidra til» sier ikke hvem som har ansvaret."),
    ("avdemper", "legge til rette for", "«Legge til rette for» sier ikke hvem som gjør hva."),
    ("avdemper", "arbeide for", "«Arbeide for» forplikter ikke til et resultat."),
    ("avdemper", "strebe etter", "«Strebe etter» forplikter ikke til et resultat."),
    ("vag", "ved behov", "Hvem avgjør behovet? Skriv kriteriet, eller hvem som avgjør."),
    ("vag", "etter behov", "Hvem avgjør behovet? Skriv kriteriet, eller hvem som avgjør."),
    ("vag", "etter hvert", "Skriv en frist."),
    ("vag", "etter kvart", "Skriv en frist."),
    ("vag", "i størst mulig grad", "Skriv hva som skal oppnås."),
    ("vag", "i størst mogleg grad", "Skriv hva som skal oppnås."),
    ("vag", "så langt det er mulig", "Skriv hva som skal gjøres, og hva unntaket er."),
    ("vag", "så langt det lar seg gjøre", "Skriv hva som skal gjøres, og hva unntaket er."),
    ("vag", "så tidlig som mulig", "Skriv en frist, for eksempel «innen 24 timer»."),
    ("vag", "så snart som mulig", "Skriv en frist, for eksempel «innen 24 timer»."),
    ("vag", "om mulig", "Skriv når unntaket gjelder."),
    ("vag", "hvis mulig", "Skriv når unntaket gjelder."),
    ("vag", "dersom mulig", "Skriv når unntaket gjelder."),
    ("vag", "hensiktsmessig", "Hvem vurderer hva som er hensiktsmessig? Skriv kriteriet."),
    ("vag", "føremålstenleg", "Hvem vurderer hva som er føremålstenleg? Skriv kriteriet."),
    ("vag", "i rimelig tid", "Skriv en frist."),
    ("vag", "i god tid", "Skriv en frist."),
    ("vag", "bidra til", "«Bidra til» sier ikke hvem som har ansvaret."),
    ("vag", "søke å", "«Søke å» forplikter bare til å prøve."),
    ("vag", "tilstrebe", "«Tilstrebe» forplikter bare til å prøve."),
    ("vag", "som regel", "Skriv når unntaket gjelder."),
    ("vag", "fortrinnsvis", "Skriv hva som gjelder, og når unntaket gjelder."),
]


def opprett(apps, schema_editor):
    Sprakuttrykk = apps.get_model("avtaler", "Sprakuttrykk")
    for kategori, uttrykk, forklaring in STANDARD:
        Sprakuttrykk.objects.get_or_create(
            kategori=kategori, uttrykk=uttrykk, defaults={"forklaring": forklaring}
        )


class Migration(migrations.Migration):
    dependencies = [("avtaler", "0009_sprak_ansvar_dekning")]

    operations = [migrations.RunPython(opprett, migrations.RunPython.noop)]
