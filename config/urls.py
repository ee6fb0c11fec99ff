from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from sikkerhet.views import admin_innlogging

admin.site.site_header = "Samhandlingsavtaler – administrasjon"
admin.site.site_title = "Samhandlingsavtaler"
admin.site.index_title = "Administrasjon"

urlpatterns = [
    path("admin/login/", admin_innlogging),
    path("admin/", admin.site.urls),
    path("", include("kjerne.urls")),
    path("", include("sikkerhet.urls")),
    path("", include("helsefellesskap.urls")),
    path("", include("avtaler.urls")),
    path("", include("avvik.urls")),
    path("", include("apnedata.urls")),
    path("", include("varsler.urls")),
]

if settings.YTELSE_GRUNNLINJE:
    from ytelse.views import grunnlinje

    urlpatterns.append(path("ytelse/grunnlinje/", grunnlinje, name="ytelse-grunnlinje"))

handler400 = "kjerne.views.ugyldig_foresporsel"
handler403 = "kjerne.views.ingen_tilgang"
handler404 = "kjerne.views.ikke_funnet"
handler500 = "kjerne.views.serverfeil"
