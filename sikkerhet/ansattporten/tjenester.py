"""What an Ansattporten login means here: which user it is, whether the organisation may use the
product, the first login of a new person, and tying an identity to an existing user."""

from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helsefellesskap.models import Medlemskap, Organisasjon, User
from kjerne.feil import Domenefeil
from kjerne.identitet import normaliser_epost
from sikkerhet.ansattporten.organisasjon import organisasjonsnumre
from sikkerhet.models import AnsattportenIdentitet


class Avvist(Domenefeil):
    """The login is refused; the message says why, in Norwegian."""


@dataclass(frozen=True)
class Avgjorelse:
    """Who logged in (None for a person seen the first time) and for which organisation."""

    bruker: User | None
    organisasjon: Organisasjon


def innlogging_avgjor(*, utsteder: str, krav: dict) -> Avgjorelse:
    """The user the validated token belongs to, and the organisation it was given for. Refused
    when the token names no organisation, none that is a party here, or (for a user with roles)
    none where the user has a role."""
    numre = organisasjonsnumre(krav)
    if not numre:
        raise Avvist(
            _(
                "Ansattporten oppga ikke hvilken organisasjon du representerer. Logg inn på nytt "
                "og velg kommunen eller helseforetaket du arbeider for når Ansattporten spør."
            )
        )
    kjente = {
        o.organisasjonsnummer: o for o in Organisasjon.objects.filter(organisasjonsnummer__in=numre)
    }
    if not kjente:
        raise Avvist(
            _(
                "Organisasjonen du logget inn for (organisasjonsnummer %(nr)s) er ikke part i "
                "samarbeidsavtalene her, så du kan ikke logge inn for den. Arbeider du også for "
                "en kommune eller et helseforetak som er part, logger du inn på nytt og velger "
                "den."
            )
            % {"nr": ", ".join(numre)}
        )
    identitet = (
        AnsattportenIdentitet.objects.select_related("bruker")
        .filter(utsteder=utsteder, sub=krav["sub"])
        .first()
    )
    organisasjon = next(kjente[nr] for nr in numre if nr in kjente)
    if identitet is None:
        return Avgjorelse(bruker=None, organisasjon=organisasjon)
    if not identitet.bruker.is_active:
        raise Avvist(
            _(
                "Brukeren din her er deaktivert. Ta kontakt med administratoren i "
                "organisasjonen din."
            )
        )
    # The token speaks for one organisation; the user's rights here come from the roles. One
    # who has roles must have logged in for an organisation where they have one, or a
    # coordinator of one municipality could come in "for" a health trust with the
    # municipality's rights.
    egne = set(
        Medlemskap.objects.filter(bruker=identitet.bruker).values_list(
            "organisasjon__organisasjonsnummer", flat=True
        )
    )
    if egne:
        med_rolle = [kjente[nr] for nr in numre if nr in kjente and nr in egne]
        if not med_rolle:
            raise Avvist(
                _(
                    "Du logget inn for %(org)s, men har ingen rolle der. Velg organisasjonen "
                    "du har rolle i, eller be administratoren i %(org)s om tilgang."
                )
                % {"org": organisasjon.navn}
            )
        organisasjon = med_rolle[0]
    AnsattportenIdentitet.objects.filter(pk=identitet.pk).update(sist_brukt=timezone.now())
    return Avgjorelse(bruker=identitet.bruker, organisasjon=organisasjon)


def bruker_opprett_fra_ansattporten(
    *,
    utsteder: str,
    sub: str,
    navn: str,
    email: str,
    organisasjon: Organisasjon,
    medlemsside: str,
) -> User:
    """The first login of a person of a known organisation: a user with no role (and no
    password), tied to the identity; the organisation's administrators are told by e-mail
    (``medlemsside`` is the address where they give roles)."""
    email = normaliser_epost(email)
    opptatt = _(
        "Det finnes allerede en bruker med e-postadressen %(email)s. Er det deg, logger du inn "
        "med e-post og passord og kobler Ansattporten til brukeren din på Min side."
    ) % {"email": email}
    with transaction.atomic():
        if User.objects.filter(email=email).exists():
            raise Domenefeil(opptatt)
        if AnsattportenIdentitet.objects.filter(utsteder=utsteder, sub=sub).exists():
            raise Domenefeil(_("Du er allerede registrert. Logg inn med Ansattporten på nytt."))
        bruker = User(email=email, navn=navn.strip())
        bruker.set_unusable_password()
        try:
            with transaction.atomic():
                bruker.save()
                AnsattportenIdentitet.objects.create(
                    bruker=bruker,
                    utsteder=utsteder,
                    sub=sub,
                    organisasjon=organisasjon,
                    sist_brukt=timezone.now(),
                )
        except IntegrityError:
            # Two tabs registering at once: the other one won.
            raise Domenefeil(opptatt) from None
        mottakere = list(
            User.objects.filter(
                is_active=True,
                medlemskap__organisasjon=organisasjon,
                medlemskap__rolle=Medlemskap.Rolle.ADMINISTRATOR,
            )
            .distinct()
            .values_list("email", flat=True)
        )
        if mottakere:
            emne = _("Ny bruker i %(org)s venter på en rolle") % {"org": organisasjon.navn}
            tekst = _(
                "%(navn)s (%(email)s) har logget inn med Ansattporten for %(org)s for første "
                "gang. Brukeren har ingen rolle ennå og ser bare det som er åpent for alle.\n\n"
                "Gi brukeren en rolle her:\n%(adresse)s\n\n"
                "Kjenner du ikke personen, gir du ingen rolle."
            ) % {
                "navn": bruker.navn,
                "email": bruker.email,
                "org": organisasjon.navn,
                "adresse": medlemsside,
            }
            transaction.on_commit(lambda: send_mail(emne, tekst, None, mottakere))
    return bruker


def identitet_koble(*, bruker: User, utsteder: str, sub: str) -> AnsattportenIdentitet:
    """Tie an Ansattporten identity to a user already logged in here (password and code)."""
    with transaction.atomic():
        eksisterende = (
            AnsattportenIdentitet.objects.select_for_update()
            .filter(utsteder=utsteder, sub=sub)
            .first()
        )
        if eksisterende is not None and eksisterende.bruker_id != bruker.pk:
            raise Domenefeil(
                _("Denne Ansattporten-innloggingen er allerede koblet til en annen bruker.")
            )
        if eksisterende is not None:
            return eksisterende
        return AnsattportenIdentitet.objects.create(bruker=bruker, utsteder=utsteder, sub=sub)
