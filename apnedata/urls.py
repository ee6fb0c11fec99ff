from django.urls import path

from apnedata import views
from apnedata.api import api
from kjerne.tilgang import offentlig


def _apne(monstre):
    """Every operation of the API is public: it shows only what a visitor may see
    (apnedata.offentlig). Declared here, since ninja makes the views (kjerne.tilgang)."""
    for monster in monstre:
        offentlig(monster.callback)
    return monstre


_monstre, _app, _navnerom = api.urls

urlpatterns = [
    path("api/v1/docs", views.dokumentasjon, name="api-dokumentasjon"),
    path("api/v1/", (_apne(_monstre), _app, _navnerom)),
]
