"""Every stored e-mail address in the one spelling the login now compares (kjerne.identitet):
NFKC, no whitespace, casefolded. Earlier rows were only lower-cased.

Two users whose addresses become the same are not merged or renamed behind anyone's back: the
migration stops and names them, and a system administrator decides which account to keep
(deactivate and rename the other) before running it again."""

from django.db import migrations

from kjerne.identitet import normaliser_epost


def normaliser(apps, schema_editor):
    User = apps.get_model("helsefellesskap", "User")
    brukere = list(User.objects.order_by("pk").values_list("pk", "email"))
    eier: dict[str, int] = {}
    kollisjoner: list[str] = []
    for pk, epost in brukere:
        ny = normaliser_epost(epost)
        if ny in eier:
            kollisjoner.append(f"{ny}: brukere {eier[ny]} og {pk}")
        eier.setdefault(ny, pk)
    if kollisjoner:
        raise RuntimeError(
            "E-postadressene til disse brukerne blir like når de normaliseres, så de kan ikke "
            "skilles ved innlogging. Behold én konto, deaktiver og gi den andre en annen "
            "adresse, og kjør migreringen på nytt: " + "; ".join(kollisjoner)
        )
    for pk, epost in brukere:
        if (ny := normaliser_epost(epost)) != epost:
            User.objects.filter(pk=pk).update(email=ny)


class Migration(migrations.Migration):
    dependencies = [
        ("helsefellesskap", "0007_vedtak_etter_partene"),
    ]

    operations = [migrations.RunPython(normaliser, migrations.RunPython.noop)]
