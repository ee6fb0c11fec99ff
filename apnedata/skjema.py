"""The shapes of the API's answers (pydantic, through django-ninja): they are the OpenAPI
description, so a field named here is a promise to every client of /api/v1/."""

import datetime

from ninja import Field, Schema


class Feil(Schema):
    detail: str = Field(description="Hva som gikk galt, på norsk.")


class Inngang(Schema):
    dokumentasjon: str
    openapi: str
    katalog: str
    lisens: str
    helsefellesskap: str
    kommuner: str
    avtaler: str
    utvalg: str
    eksport: list[str]


class Organisasjon(Schema):
    navn: str
    type: str = Field(description="«kommune» eller «helseforetak».")
    organisasjonsnummer: str
    kommunenummer: str = Field(description="Fire sifre for en kommune, ellers tom.")


class Helsefellesskap(Schema):
    kortnavn: str
    navn: str
    organisasjoner: list[Organisasjon]


class Kommune(Schema):
    kommunenummer: str
    navn: str
    organisasjonsnummer: str
    helsefellesskap: str = Field(description="Kortnavnet til helsefellesskapet.")
    adresse: str
    nettside: str


class Versjonsomtale(Schema):
    """A version in a list: enough to find it and its clauses."""

    avtale: int = Field(description="Avtalens id, den samme som i /avtaler/<id>/ på nettsidene.")
    nummer: int = Field(description="Versjonsnummeret.")
    tittel: str
    type: str = Field(description="overordnet, delavtale, saeravtale, retningslinje eller rutine.")
    tema: int | None = Field(description="§ 6-2-temaets nummer for en delavtale.")
    overordnet: int | None = Field(description="Id-en til avtalen denne hører under.")
    niva: int = Field(description="Dybden i avtalehierarkiet, 0 øverst.")
    gyldig_fra: datetime.date | None
    signert_dato: datetime.date | None
    adresse: str
    nettside: str


class Punkt(Schema):
    id: int = Field(
        description="Punktets varige identitet: den samme i alle versjoner av avtalen, og "
        "ankeret #punkt-<id> på nettsiden."
    )
    nummer: str
    overskrift: str
    forelder: int | None = Field(description="Id-en til punktet dette står under.")
    niva: int
    tekst: str = Field(description="Teksten i Markdown.")
    html: str = Field(description="Teksten gjengitt som HTML (trygg: ingen HTML fra brukere).")
    anker: str
    adresse: str
    nettside: str


class Versjon(Schema):
    avtale: int
    nummer: int
    tittel: str
    type: str
    tema: int | None
    overordnet: int | None
    helsefellesskap: str
    tilstand: str = Field(description="Alltid «signert»: utkast er ikke offentlige.")
    gyldig_fra: datetime.date | None = Field(description="Første dag teksten kan gjelde.")
    signert_dato: datetime.date | None = Field(description="Dagen den først ble signert.")
    godkjent_vedtak: str
    er_utskrivningsrutine: bool
    parter: list[Organisasjon]
    punkter: list[Punkt]
    adresse: str
    nettside: str


class Avtale(Schema):
    id: int
    tittel: str
    type: str
    tema: int | None
    overordnet: int | None
    helsefellesskap: str
    gjeldende: Versjonsomtale | None = Field(
        description="Versjonen som gjelder på datoen (for kommunen, om den er oppgitt)."
    )
    versjoner: list[Versjonsomtale] = Field(description="Alle signerte versjoner.")
    adresse: str
    nettside: str


class Partsstatus(Schema):
    part: Organisasjon
    status: str = Field(description="venter, signert, gjeldende, oppsagt eller avsluttet.")
    status_tekst: str
    vedtak_organ: str
    vedtak_saksnummer: str
    vedtak_dato: datetime.date | None
    signert_dato: datetime.date | None
    i_kraft_fra: datetime.date | None
    sluttdato: datetime.date | None
    oppsigelse_varslet: datetime.date | None


class Parter(Schema):
    avtale: int
    nummer: int
    dato: datetime.date
    parter: list[Partsstatus]


class Kommuneavtaler(Schema):
    kommune: Kommune
    dato: datetime.date
    avtaler: list[Versjonsomtale] = Field(
        description="I samme rekkefølge og hierarki som på kommunens side for datoen."
    )


class Dagvindu(Schema):
    dato: datetime.date
    dagtype: str
    tillatt: str = Field(description="Tidsrommet utskrivning er tillatt denne dagen, i ord.")


class Utskrivning(Schema):
    kommune: Kommune
    dato: datetime.date
    versjon: Versjonsomtale | None = Field(description="Utskrivningsrutinen i kraft, eller null.")
    regler: list[list[str]] = Field(description="Tidene i ord: [dagtype, tidsrom].")
    dager: list[Dagvindu]
    tidspunkt_punkt: int | None = Field(description="Punktet som sier tidene.")


class Utvalg(Schema):
    id: int
    navn: str
    kortnavn: str
    type: str
    helsefellesskap: str
    kan_vedta: bool
    offentlige_vedtak: bool = Field(
        description="Om vedtak og godkjente referater fra utvalget er offentlige (SSU og LSU)."
    )
    adresse: str
    nettside: str


class Vedtak(Schema):
    sak: str = Field(description="Saksnummeret.")
    sakstittel: str
    mote: int
    motedato: datetime.date
    tekst: str
    protokolltilforsel: str
    nettside: str


class Referat(Schema):
    mote: int
    motedato: datetime.date
    sted: str
    referat: str
    godkjent: datetime.datetime
    nettside: str


class Punkttall(Schema):
    punkt: int
    antall: int | None = Field(
        description="Avvik knyttet til punktet de siste 12 månedene; null når de er under 5."
    )
    under_minste_celle: bool = Field(
        description="Sann når antallet er under 5 og derfor ikke oppgis (som i årsrapporten)."
    )


class Avviksstatistikk(Schema):
    avtale: int
    fra: datetime.date
    til: datetime.date
    antall: int | None = Field(
        description="Avvik knyttet til avtalens punkter de siste 12 månedene; null når de er "
        "fra 1 til 4."
    )
    under_minste_celle: bool = Field(
        description="Sann når antallet er under 5 og derfor ikke oppgis (som i årsrapporten)."
    )
    per_punkt: list[Punkttall]
