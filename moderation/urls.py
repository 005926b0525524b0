from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("proposer/", views.propose, name="propose"),
    path("proposer/merci/", views.thanks, name="thanks"),
    path("proposer/corriger/<str:token>/", views.resubmit_proposal, name="resubmit"),
]
