from django.urls import path

from kjerne import views

urlpatterns = [
    path("helse/", views.helse, name="helse"),
]
