from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from moderation.dashboard import is_reviewer

from .models import DigestPreference, WantedTheme
from .report import library_life


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("rapports/vie-de-la-bibliotheque/", library_life, name="editorial_report")]


class CommitteeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return CommitteeMenuItem(
        _("Vie de la bibliothèque"),
        reverse("editorial_report"),
        name="library-life",
        icon_name="table",
        order=1200,
    )


class WantedThemeViewSet(SnippetViewSet):
    model = WantedTheme
    icon = "help"
    menu_label = _("Thèmes recherchés")
    add_to_admin_menu = False
    list_display = ["title", "theme", "sort_order"]
    ordering = ["sort_order", "title"]


register_snippet(WantedThemeViewSet)


class DigestPreferenceForm(forms.ModelForm):
    class Meta:
        model = DigestPreference
        fields = ["monthly_digest"]


class DigestSettingsPanel(BaseSettingsPanel):
    name = "editorial_digest"
    title = _("Lettre mensuelle de la bibliothèque")
    tab = notifications_tab
    order = 110
    form_class = DigestPreferenceForm

    def is_active(self):
        # Only those who write for a network get the digest.
        return self.user.network_memberships.exists()

    def get_form(self):
        instance = DigestPreference.objects.filter(user=self.user).first()
        instance = instance or DigestPreference(user=self.user)
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_digest_panel(request, user, profile):
    return DigestSettingsPanel(request, user, profile)
