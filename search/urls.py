from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("recherche/", views.search_page, name="search"),
    path("recherche/suggestions/", views.autocomplete_view, name="autocomplete"),
    path("api/v1/search/", views.search_api, name="api"),
]
