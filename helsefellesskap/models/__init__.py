"""The Helsefellesskap app's models: organisations and users, bodies, meetings and decisions."""

from helsefellesskap.models.erklaeringer import Erklaering
from helsefellesskap.models.moter import (
    Mote,
    Oppmote,
    Referatbekreftelse,
    Sak,
    Sakbehandling,
    Saksdokument,
    Sakshendelse,
    Vedtak,
)
from helsefellesskap.models.organisasjoner import (
    Fellesskapsmedlem,
    Helsefellesskap,
    Lokalomrade,
    Medlemskap,
    Omrademedlem,
    Organisasjon,
    OrganisasjonQuerySet,
    User,
    UserManager,
)
from helsefellesskap.models.utvalg import (
    Sammensetningskrav,
    Side,
    Utvalg,
    Utvalgsmedlem,
)

__all__ = [
    "Erklaering",
    "Fellesskapsmedlem",
    "Helsefellesskap",
    "Lokalomrade",
    "Medlemskap",
    "Mote",
    "Omrademedlem",
    "Oppmote",
    "Organisasjon",
    "OrganisasjonQuerySet",
    "Referatbekreftelse",
    "Sak",
    "Sakbehandling",
    "Saksdokument",
    "Sakshendelse",
    "Sammensetningskrav",
    "Side",
    "User",
    "UserManager",
    "Utvalg",
    "Utvalgsmedlem",
    "Vedtak",
]
