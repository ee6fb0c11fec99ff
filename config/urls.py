from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Samhandlingsavtaler – administrasjon"
admin.site.site_title = "Samhandlingsavtaler"
admin.site.index_title = "Administrasjon"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("helsefellesskap.urls")),
    path("", include("avtaler.urls")),
    path("", include("avvik.urls")),
]

handler403 = "helsefellesskap.views.ingen_tilgang"
handler404 = "helsefellesskap.views.ikke_funnet"
handler500 = "helsefellesskap.views.serverfeil"
