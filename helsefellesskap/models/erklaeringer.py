"""The statements the product must publish: accessibility (universal design regulation) and
privacy. Shipped with default texts, edited by administrators, every version kept."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

# The shipped texts (data migration 0005). A blank line separates paragraphs, a line starting
# with "## " is a heading and lines starting with "- " make a list (see views/erklaeringer.py).
TILGJENGELIGHET = """\
Samhandlingsavtaler skal kunne brukes av alle, også med skjermleser, forstørrelse, bare tastatur \
eller på mobil. Målet er å oppfylle kravene i WCAG 2.1 på nivå AA, slik forskrift om universell \
utforming av IKT-løsninger krever. Løsningen oppfyller ikke alle kravene ennå; det vi vet om, \
står under «Kjente mangler».

## Slik arbeider vi med tilgjengelighet
- Sidene bygger på Designsystemet fra Digitaliseringsdirektoratet, med overskrifter i riktig \
rekkefølge, ledetekst på alle skjemafelt og feilmeldinger som er knyttet til feltet de gjelder.
- Alt kan gjøres med tastatur, og hver side har en lenke som hopper rett til hovedinnholdet.
- Sidene virker også uten JavaScript. Søk og kommunevalg fungerer da som vanlige skjemaer.
- Sidene tilpasser seg smale skjermer og kan forstørres uten at innhold forsvinner.
- Sidene som de automatiske nettlesertestene besøker, sjekkes med verktøyet axe-core. Alvorlige \
og kritiske brudd stopper en ny versjon av løsningen.
- Diagrammet i avviksstatistikken har en tekstbeskrivelse, og de samme tallene står i tabeller.

## Kjente mangler
- Løsningen er ikke testet manuelt med skjermleser (for eksempel NVDA, JAWS eller VoiceOver), og \
vi har ikke gjort brukertester med personer med nedsatt funksjonsevne.
- Automatiske tester finner bare en del av mulige feil. Brudd som axe-core regner som moderate \
eller små, stopper ikke en ny versjon.
- Avtalene kan lastes ned som PDF med merket struktur (tagget PDF/A). Strukturen kontrolleres bare \
automatisk; PDF-ene er ikke prøvd med skjermleser.
- PDF-ene av møtereferater, årsrapporter for avvik og saksframstillinger til \
tvisteløsningsnemnda har ikke merket struktur. Referatene og tallene finnes også som nettsider.
- Avtaletekster som er importert fra Word eller PDF, kan ha overskrifter og lister som ble tolket \
feil. Da kan strukturen bli uklar for skjermlesere til teksten er rettet.
- Dokumenter som lastes opp til saker i utvalgene, kontrolleres ikke. Om de er tilgjengelige, \
avhenger av den som laget dokumentet.

## Tilbakemelding og kontakt
Finner du noe som ikke virker for deg, vil vi gjerne vite det. Kontakt \
samhandlingskoordinatoren i kommunen eller helseforetaket ditt, og skriv hvilken side det gjelder \
og hva som ikke virket. Koordinatoren sender saken videre til dem som forvalter løsningen.

Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for \
universell utforming av ikt (uutilsynet.no).
"""

PERSONVERN = """\
Denne erklæringen forteller hvilke personopplysninger Samhandlingsavtaler lagrer, hvorfor, og \
hvilke rettigheter du har. Kommunene og helseforetaket i helsefellesskapet bruker løsningen til \
samarbeidsavtalene etter helse- og omsorgstjenesteloven § 6-1 og § 6-2, til utvalgenes møter og \
vedtak og til avvik mellom partene.

## Ingen pasientopplysninger
Løsningen handler om samarbeidet mellom virksomhetene, aldri om enkeltpasienter. Skriv ikke \
navn, fødselsnummer, D-nummer eller andre opplysninger som kan identifisere en pasient, heller \
ikke i avvik, kommentarer eller saksdokumenter.

All fritekst du skriver eller laster opp, sjekkes for fødselsnummer, D-nummer, H-nummer og \
felles hjelpenummer (FH-nummer), også etter reglene som gjelder fra 2032: avvik og svar, \
kommentarer, avtalepunkter, saker, vedtak og referater, navn på dokumenter og tekst som \
importeres. Sjekken finner nummeret i ett og delt opp på de måtene folk skriver det, med \
mellomrom, tabulator, linjeskift, bindestrek, punktum, komma, kolon, skråstrek, pluss eller \
parenteser mellom, med brede tegn, som dato med to- eller firesifret år og fem sifre etter (som \
«dd.mm.åå nnnnn» og «dd.mm.åååå nnnnn»), og med ord som «pnr» mellom datoen og de fem siste. \
Finner den et nummer, lagres ingenting: du får vite hvilket felt det gjelder, og i skjemaene \
står resten av det du skrev igjen, så du kan fjerne nummeret. Nummeret skrives ikke i noen \
logg. Et kontonummer skrevet som banken skriver det, og elleve sifre rett etter et ord som \
«KID», «saksnr.» eller «tlf.», avvises ikke. Numre som ble lagret før sjekken kjente en \
skrivemåte, kan finnes og maskeres av den som drifter løsningen. Innholdet i opplastede \
saksdokumenter sjekkes ikke, bare navnet. Sjekken kjenner ikke igjen navn eller andre \
kjennetegn, så det er den som skriver, som må holde pasienten utenfor.

## Opplysninger om brukere
For deg som har en brukerkonto, lagres:
- navn og e-postadresse
- hvilke organisasjoner du har en rolle i, og hvilken rolle
- passordet ditt, bare som en kryptografisk hash som ikke kan leses tilbake
- når kontoen ble opprettet og når du sist logget inn
- innlogginger, mislykkede innlogginger og endringer av roller, med tidspunkt og IP-adresse, i \
en sikkerhetslogg
- om du bruker totrinnsinnlogging
- hva du har gjort i løsningen, for eksempel endret et avtalepunkt, registrert en signatur eller \
et vedtak, eller skrevet i et avvik

## Opplysninger om utvalgsmedlemmer
For medlemmer av partnerskapsmøtet og samarbeidsutvalgene lagres navn, hvilken side medlemmet \
representerer (kommunene, helseforetaket, brukerne, arbeidstakerne eller fastlegene), \
organisasjon, rolle i utvalget, fagområde og periode. Oppmøte og hver sides standpunkt i vedtak \
føres i møtet. Medlemslister, vedtak og godkjente referater fra SSU og LSU er offentlige, så \
navnet til et medlem vises også uten innlogging. Ved signering av en avtale lagres navn og \
stilling på den som signerte for hver part.

## Hvor lenge opplysningene lagres
- Sikkerhetsloggen lagres i {oppbevaring_sikkerhetslogg} og slettes deretter automatisk hver natt.
- Avvik lagres i en fastsatt periode etter at de er lukket (ti år hvis ikke noe annet er \
bestemt). Et avvik som aldri blir lukket, regnes fra siste aktivitet: har ingen gjort noe i \
avviket på like lang tid, behandles det på samme måte. Deretter slettes tekstene og koblingene \
til personer, mens tallene til statistikken blir stående.
- Avtaler, signaturer, saker, vedtak og referater skal arkiveres og slettes ikke.
- Når du ikke lenger skal bruke løsningen, fjerner administratoren rollene dine og deaktiverer \
kontoen. Navnet ditt blir stående der det er en del av arkivet, for eksempel på en signatur.

## Informasjonskapsler
Løsningen bruker bare informasjonskapsler som trengs for at den skal virke: for å holde deg \
innlogget, for å beskytte skjemaene mot forfalskede forespørsler og for korte meldinger etter at \
du har lagret noe. Det brukes ingen analyse- eller sporingsverktøy, og sidene henter ingenting \
fra andre nettsteder.

## Dine rettigheter
Du har rett til innsyn i opplysningene om deg og til å få feil rettet. I noen tilfeller kan du \
også kreve sletting eller begrenset bruk. Kontakt personvernombudet i kommunen eller \
helseforetaket ditt. Du kan også klage til Datatilsynet (datatilsynet.no).
"""


class ErklaeringQuerySet(models.QuerySet):
    def hent(self, type_: str) -> "Erklaering":
        """The statement of this type, or the shipped text, unsaved, if none is stored
        (a database emptied after the migrations ran)."""
        lagret = self.filter(type=type_).select_related("endret_av").first()
        if lagret is not None:
            return lagret
        return self.model(type=type_, tekst=STANDARDTEKSTER[type_], endret=None)


class Erklaering(models.Model):
    """A statement published on its own public page; administrators edit its text."""

    class Type(models.TextChoices):
        TILGJENGELIGHET = "tilgjengelighet", _("Tilgjengelighetserklæring")
        PERSONVERN = "personvern", _("Personvernerklæring")

    type = models.CharField(_("type"), max_length=20, choices=Type.choices, unique=True)
    tekst = models.TextField(_("tekst"))
    endret = models.DateTimeField(_("sist endret"), default=timezone.now)
    endret_av = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("endret av"),
    )

    objects = ErklaeringQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("erklæring")
        verbose_name_plural = _("erklæringer")
        ordering = ["type"]
        constraints = [
            models.CheckConstraint(condition=~Q(tekst=""), name="erklaering_har_tekst"),
        ]

    def __str__(self) -> str:
        return self.get_type_display()


# Values the statement states from the settings that drive them, so the text and the job that
# deletes cannot disagree: the stored text holds the marker, the page shows the value.
OPPBEVARING_SIKKERHETSLOGG = "{oppbevaring_sikkerhetslogg}"


def oppbevaring_sikkerhetslogg() -> str:
    """The retention of the security log as the statement says it, from the deletion job's
    setting (sikkerhet's slett_gammel_sikkerhetslogg reads the same)."""
    maneder = settings.SIKKERHETSLOGG_OPPBEVARING_MANEDER
    return ngettext("%(n)d måned", "%(n)d måneder", maneder) % {"n": maneder}


def med_verdier(tekst: str) -> str:
    """The statement's text with the markers replaced by the settings' values."""
    return tekst.replace(OPPBEVARING_SIKKERHETSLOGG, oppbevaring_sikkerhetslogg())


STANDARDTEKSTER = {
    Erklaering.Type.TILGJENGELIGHET: TILGJENGELIGHET,
    Erklaering.Type.PERSONVERN: PERSONVERN,
}
