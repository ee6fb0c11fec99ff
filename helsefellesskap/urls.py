from django.urls import path

from helsefellesskap import views

urlpatterns = [
    path("", views.forside, name="forside"),
    path("kommuner/", views.kommune_velg, name="kommune-velg"),
    path("logg-inn/", views.logg_inn, name="logg-inn"),
    path("logg-ut/", views.logg_ut, name="logg-ut"),
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
    path("helse/", views.helse, name="helse"),
]
