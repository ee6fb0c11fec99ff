from django.urls import path

from sikkerhet.ansattporten import views

urlpatterns = [
    path("logg-inn/ansattporten/", views.logg_inn, name="ansattporten-logg-inn"),
    path("logg-inn/ansattporten/retur/", views.retur, name="ansattporten-retur"),
    path("logg-inn/ansattporten/ny-bruker/", views.ny_bruker, name="ansattporten-ny-bruker"),
    path("logg-inn/ansattporten/utlogget/", views.utlogget, name="ansattporten-utlogget"),
    path("min-side/ansattporten/", views.koble, name="ansattporten-koble"),
]
