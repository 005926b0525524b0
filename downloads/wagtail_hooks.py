from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from downloads.reports import download_report


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("rapports/telechargements/", download_report, name="downloads_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Téléchargements"),
        reverse("downloads_report"),
        name="downloads",
        icon_name="download",
        order=1300,
    )
