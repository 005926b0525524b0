from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("fichiers-prives/<path:name>", views.private_file, name="private_file"),
]
