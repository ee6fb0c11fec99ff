from django.urls import path

from avvik import views

urlpatterns = [
    path("avvik/", views.avviksliste, name="avvik"),
    path("avvik/ny/", views.avvik_ny, name="avvik-ny"),
    path("avvik/punkter/", views.punkter, name="avvik-punkter"),
    path("avvik/statistikk/", views.statistikk, name="avvik-statistikk"),
    path("avvik/punkter/avtale/<int:avtale_pk>/", views.punkttall, name="avvik-punkttall"),
    path(
        "avvik/arsrapport/<slug:kortnavn>/<int:ar>.pdf", views.arsrapport, name="avvik-arsrapport"
    ),
    path("avvik/<int:pk>/", views.avvik_detalj, name="avvik-detalj"),
    path("avvik/<int:pk>/betaling/", views.betaling, name="avvik-betaling"),
    path("avvik/<int:pk>/handling/", views.avvik_handling, name="avvik-handling"),
    path("avvik/<int:pk>/sammendrag.pdf", views.sammendrag_pdf, name="avvik-sammendrag"),
]
