from django.urls import path

from avtaler import views

urlpatterns = [
    path("avtaler/", views.avtaleliste, name="avtaler"),
    path("avtaler/importer/", views.importer, name="avtale-importer"),
    path("avtaler/<int:pk>/", views.avtale, name="avtale"),
    path("avtaler/<int:pk>/versjoner/", views.versjoner, name="avtale-versjoner"),
    path("avtaler/<int:pk>/versjoner/<int:nummer>/", views.versjon, name="avtale-versjon"),
    path("avtaler/<int:pk>/endringer/", views.endringer, name="avtale-endringer"),
    path("kommuner/<str:kommunenummer>/", views.kommune, name="kommune"),
]
