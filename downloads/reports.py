"""The download statistics report of the admin: by resource, theme, network or month."""

import calendar
import csv
import datetime

from django import forms
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from downloads.models import DownloadDay
from operations.params import bounded_int

GROUPS = [
    ("resource", gettext_lazy("Ressource")),
    ("theme", gettext_lazy("Thème")),
    ("network", gettext_lazy("Réseau")),
    ("month", gettext_lazy("Mois")),
]


class MonthField(forms.CharField):
    """A month written YYYY-MM (what <input type="month"> sends). Browsers without a month
    picker (Firefox, Safari) show a text box: the placeholder says the format there."""

    widget = forms.DateInput(
        format="%Y-%m",
        attrs={"type": "month", "placeholder": "AAAA-MM", "pattern": r"\d{4}-\d{2}"},
    )

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            year, month = value.split("-")
            return datetime.date(bounded_int(year, 1, 9999), bounded_int(month, 1, 12), 1)
        except ValueError:
            raise forms.ValidationError(
                _("Mois invalide : écrivez-le sous la forme AAAA-MM, par exemple 2026-03.")
            ) from None


class PeriodForm(forms.Form):
    """From one month to another, both optional: the admin reports' period."""

    start = MonthField(label=gettext_lazy("Du mois"), required=False)
    end = MonthField(label=gettext_lazy("Au mois (inclus)"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Le premier mois doit précéder le second."))
        return data


class ReportForm(PeriodForm):
    group = forms.ChoiceField(label=gettext_lazy("Regrouper par"), choices=GROUPS, required=False)

    field_order = ("group", "start", "end")


def report_rows(group, start=None, end=None):
    """[(label, count)], largest first (months in order)."""
    days = DownloadDay.objects.all()
    if start:
        days = days.filter(day__gte=start)
    if end:
        last = calendar.monthrange(end.year, end.month)[1]
        days = days.filter(day__lte=end.replace(day=last))
    if group == "month":
        rows = (
            days.annotate(month=TruncMonth("day"))
            .values("month")
            .annotate(n=Sum("count"))
            .order_by("month")
        )
        return [(row["month"].strftime("%Y-%m"), row["n"]) for row in rows]
    field = {
        "resource": "resource__title",
        "theme": "resource__themes__name",
        "network": "resource__network__name",
    }[group]
    rows = days.values(field).annotate(n=Sum("count")).order_by("-n", field)
    missing = _("(sans réseau)") if group == "network" else _("(sans thème)")
    return [(row[field] or missing, row["n"]) for row in rows]


def download_report(request):
    form = ReportForm(request.GET or None)
    group, start, end = "resource", None, None
    if form.is_bound and form.is_valid():
        group = form.cleaned_data["group"] or "resource"
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = report_rows(group, start, end) if not form.errors else []
    label = dict(GROUPS)[group]
    if request.GET.get("export") == "csv" and not form.errors:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="telechargements-{group}.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow([str(label), _("Téléchargements")])
        writer.writerows(rows)
        return response
    query = request.GET.copy()
    query["export"] = "csv"
    return render(
        request,
        "downloads/report.html",
        {
            "page_title": _("Téléchargements"),
            "header_icon": "download",
            "form": form,
            "rows": rows,
            "group_label": label,
            "group": group,
            "total": sum(n for _label, n in rows) if group != "theme" else None,
            "csv_query": query.urlencode(),
        },
    )
