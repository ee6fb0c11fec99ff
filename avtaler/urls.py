from django.urls import path

from avtaler import views

urlpatterns = [
    path("avtaler/", views.avtaleliste, name="avtaler"),
    path("avtaler/importer/", views.importer, name="avtale-importer"),
    path("avtaler/<int:pk>/", views.avtale, name="avtale"),
    path("avtaler/<int:pk>/versjoner/", views.versjoner, name="avtale-versjoner"),
    path("avtaler/<int:pk>/parter/", views.parter, name="avtale-parter"),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/gjennomgang/",
        views.gjennomgang,
        name="avtale-gjennomgang",
    ),
    path("avtaler/<int:pk>/versjoner/<int:nummer>/", views.versjon, name="avtale-versjon"),
    path("avtaler/<int:pk>/endringer/", views.endringer, name="avtale-endringer"),
    path("sok/", views.sok, name="sok"),
    path("kommuner/<str:kommunenummer>/", views.kommune, name="kommune"),
    path(
        "kommuner/<str:kommunenummer>/utskrivning/",
        views.utskrivning,
        name="kommune-utskrivning",
    ),
    path("oversikt/", views.oversikt, name="oversikt"),
    path("kommuner/<str:kommunenummer>/ansvar/", views.kommune_ansvar, name="kommune-ansvar"),
    path("kommuner/<str:kommunenummer>/dekning/", views.kommune_dekning, name="kommune-dekning"),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/sprak/",
        views.sprakoversikt,
        name="avtale-sprak",
    ),
    path("avtaler/<int:pk>/versjoner/<int:nummer>/ansvar/", views.ansvar, name="avtale-ansvar"),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/temaer/",
        views.versjon_temaer,
        name="avtale-temaer",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/temaer/<int:punkt_pk>/",
        views.punkt_temaer,
        name="punkt-temaer",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/ansvar/<int:punkt_pk>/",
        views.ansvar_plasser,
        name="avtale-ansvar-plasser",
    ),
    path("kommuner/<str:kommunenummer>/avtaler.zip", views.kommune_pakke, name="kommune-pakke"),
    path("avtaler/<int:pk>/versjoner/<int:nummer>/pdf", views.pdf, name="avtale-pdf"),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/pdf/<int:eksport_pk>/status/",
        views.pdf_status,
        name="avtale-pdf-status",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/pdf/<int:eksport_pk>/prov-igjen/",
        views.pdf_prov_pa_nytt,
        name="avtale-pdf-prov",
    ),
    path("avtaler/<int:pk>/revider/", views.revider, name="avtale-revider"),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/lesebekreftelse/",
        views.lesebekreftelse,
        name="avtale-lesebekreftelse",
    ),
    path("avtaler/forhandsvis/", views.forhandsvis, name="avtale-forhandsvis"),
    path("avtaler/<int:pk>/versjoner/<int:nummer>/rediger/", views.rediger, name="avtale-rediger"),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/utskrivningstider/",
        views.utskrivningstider,
        name="avtale-utskrivningstider",
    ),
    path(
        "avtaler/<int:pk>/utskrivningsrutine/",
        views.utskrivningsrutine_utpek,
        name="avtale-utskrivningsrutine",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/punkter/ny/",
        views.punkt_ny,
        name="punkt-ny",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/punkter/<int:punkt_pk>/",
        views.punkt,
        name="punkt-rediger",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/punkter/<int:punkt_pk>/slett/",
        views.punkt_slett,
        name="punkt-slett",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/punkter/<int:punkt_pk>/flytt/",
        views.punkt_flytt,
        name="punkt-flytt",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/punkter/<int:punkt_pk>/kommentarer/",
        views.kommentar_ny,
        name="kommentar-ny",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/kommentarer/<int:kommentar_pk>/los/",
        views.kommentar_los,
        name="kommentar-los",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/rediger/nummerer/",
        views.punkter_nummerer,
        name="punkter-nummerer",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/send/",
        views.send_til_godkjenning,
        name="avtale-send",
    ),
    path(
        "avtaler/<int:pk>/versjoner/<int:nummer>/signaturer/",
        views.signaturer,
        name="avtale-signaturer",
    ),
]
