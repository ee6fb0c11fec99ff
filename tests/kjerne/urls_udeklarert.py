from django.http import HttpResponse
from django.urls import path

from kjerne.tilgang import offentlig


def udeklarert(request):
    return HttpResponse("skulle ikke vises")


@offentlig
def deklarert(request):
    return HttpResponse("ok")


urlpatterns = [
    path("udeklarert/", udeklarert),
    path("deklarert/", deklarert),
]
