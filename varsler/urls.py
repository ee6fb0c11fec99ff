from django.urls import path

from varsler import views

urlpatterns = [
    path("varsler/", views.varsler, name="varsler"),
    path("varsler/lest/", views.alle_lest, name="varsler-lest"),
    path("varsler/innstillinger/", views.innstillinger, name="varsler-innstillinger"),
    path("varsler/<int:pk>/apne/", views.apne, name="varsel-apne"),
]
