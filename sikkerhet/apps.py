from django.apps import AppConfig

from kjerne.tomming import Tommingslaas

LOGG = "sikkerhet_sikkerhetshendelse"


class SikkerhetConfig(AppConfig):
    name = "sikkerhet"
    verbose_name = "Sikkerhet"
    # The security log refuses DELETE on SQLite unless sikkerhet_vedlikehold has a row (0001),
    # and TRUNCATE on PostgreSQL by a trigger (0002); kjerne's flush lifts them.
    tommingslaaser = {
        "sqlite": [Tommingslaas.vedlikeholdsrad("sikkerhet_vedlikehold")],
        "postgresql": [
            Tommingslaas(
                opphev=f"ALTER TABLE {LOGG} DISABLE TRIGGER sikkerhet_logg_trunkering",
                gjeninnfor=f"ALTER TABLE {LOGG} ENABLE TRIGGER sikkerhet_logg_trunkering",
            )
        ],
    }

    def ready(self) -> None:
        from sikkerhet import signaler

        signaler.koble_til()
