from django.urls import path

from helsefellesskap import views

urlpatterns = [
    path("", views.forside, name="forside"),
    path("kommuner/", views.kommune_velg, name="kommune-velg"),
    path("kommuner/forslag/", views.kommune_forslag, name="kommune-forslag"),
    path("min-side/", views.min_side, name="min-side"),
    path(
        "organisasjoner/<str:organisasjonsnummer>/brukere/",
        views.organisasjon_medlemmer,
        name="organisasjon-medlemmer",
    ),
    path(
        "organisasjoner/<str:organisasjonsnummer>/brukere/<int:pk>/fjern/",
        views.medlemskap_fjern,
        name="medlemskap-fjern",
    ),
    # The URL name of each statement is its type (Erklaering.Type); the views rely on it.
    path(
        "tilgjengelighet/", views.erklaering, {"type_": "tilgjengelighet"}, name="tilgjengelighet"
    ),
    path(
        "tilgjengelighet/rediger/",
        views.erklaering_rediger,
        {"type_": "tilgjengelighet"},
        name="tilgjengelighet-rediger",
    ),
    path("personvern/", views.erklaering, {"type_": "personvern"}, name="personvern"),
    path(
        "personvern/rediger/",
        views.erklaering_rediger,
        {"type_": "personvern"},
        name="personvern-rediger",
    ),
    path("utvalg/", views.utvalgsliste, name="utvalgsliste"),
    path("utvalg/<int:pk>/", views.utvalg, name="utvalg"),
    path("utvalg/<int:pk>/moter.ics", views.utvalg_kalender, name="utvalg-kalender"),
    path("utvalg/<int:pk>/moter/ny/", views.mote_ny, name="mote-ny"),
    path("moter/<int:pk>/", views.mote, name="mote"),
    path("moter/<int:pk>/flytt/", views.mote_flytt, name="mote-flytt"),
    path("moter/<int:pk>/avlys/", views.mote_avlys, name="mote-avlys"),
    path("moter/<int:pk>/oppmote/<int:medlem_pk>/", views.mote_oppmote, name="mote-oppmote"),
    path("moter/<int:pk>/saker/", views.mote_sak, name="mote-sak"),
    path("moter/<int:pk>/saker/<int:sak_pk>/vedtak/", views.mote_vedtak, name="mote-vedtak"),
    path("moter/<int:pk>/saker/<int:sak_pk>/utsett/", views.mote_utsett, name="mote-utsett"),
    path("moter/<int:pk>/referat/", views.mote_referat, name="mote-referat"),
    path("moter/<int:pk>/referat.pdf", views.mote_referat_pdf, name="mote-referat-pdf"),
    path("moter/<int:pk>/bekreft/", views.mote_bekreft, name="mote-bekreft"),
    path("saker/<int:pk>/", views.sak, name="sak"),
    path("saker/<int:pk>/send-videre/", views.sak_send_videre, name="sak-send-videre"),
    path("saker/<int:pk>/gjenapne/", views.sak_gjenapne, name="sak-gjenapne"),
    path("saker/<int:pk>/dokumenter/", views.sak_dokument_ny, name="sak-dokument-ny"),
    path("saker/<int:pk>/dokumenter/<int:dokument_pk>/", views.sak_dokument, name="sak-dokument"),
]
