from django.urls import include, path

from sikkerhet import views
from sikkerhet.ansattporten import views as ansattporten

urlpatterns = [
    path("logg-inn/", views.logg_inn, name="logg-inn"),
    path("logg-inn/kode/", views.logg_inn_kode, name="logg-inn-kode"),
    path("logg-inn/sperret/", views.logg_inn_sperret, name="logg-inn-sperret"),
    path("logg-ut/", ansattporten.logg_ut, name="logg-ut"),
    path("", include("sikkerhet.ansattporten.urls")),
    path("min-side/tofaktor/", views.tofaktor_side, name="tofaktor"),
    path("min-side/logg-ut-overalt/", views.logg_ut_overalt, name="logg-ut-overalt"),
    path("okt/forleng/", views.okt_forleng, name="okt-forleng"),
    path("sikkerhetslogg/", views.sikkerhetslogg, name="sikkerhetslogg"),
    path(
        "organisasjoner/<str:organisasjonsnummer>/brukere/<int:pk>/registreringskode/",
        views.registreringskode_lag,
        name="registreringskode-lag",
    ),
]
