"""« Vie de la bibliothèque »: what the committee reads at a glance, every table with its bars
(HTML, no script) and its CSV export.

Several small tables on one page, each with its own export, rather than one of Wagtail's
`ReportView`s per table: a ReportView lists one queryset of objects, these are aggregates.
"""

import calendar
import csv
import datetime
import statistics

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.models import TaskState

from downloads.models import DownloadDay
from downloads.reports import PeriodForm
from moderation.dashboard import is_reviewer
from moderation.models import EditorialReviewTask, Proposal
from resources.models import ResourcePage, Theme

QUIET_DAYS = 365


def default_period(today=None):
    """The last twelve months, this one included."""
    today = today or timezone.localdate()
    end = today.replace(day=1)
    year, month = divmod(end.year * 12 + end.month - 1 - 11, 12)
    return datetime.date(year, month + 1, 1), end


def bounds(start, end):
    """[start, after) as aware datetimes, `after` being the first day after the `end` month."""
    last = calendar.monthrange(end.year, end.month)[1]
    after = end.replace(day=last) + datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time(), tzinfo=tz),
        datetime.datetime.combine(after, datetime.time(), tzinfo=tz),
    )


class Table:
    """One table of the report: a heading, two columns, rows of (label, number)."""

    def __init__(self, key, title, label, value_label, rows, note=""):
        self.key, self.title, self.label, self.value_label = key, title, label, value_label
        self.rows, self.note = rows, note
        numbers = [n for _label, n in rows if isinstance(n, int | float)]
        top = max(numbers, default=0)
        self.bars = [
            (_shown(label), n, round(100 * n / top) if top and isinstance(n, int | float) else 0)
            for label, n in rows
        ]

    def csv(self):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="vie-bibliotheque-{self.key}.csv"'
        response.write("\ufeff")  # so that spreadsheet programs read UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow([str(self.label), str(self.value_label)])
        writer.writerows((_exported(label), n) for label, n in self.rows)
        return response


def _shown(label):
    """A month reads « janvier 2026 » on the page."""
    if isinstance(label, datetime.date):
        return date_format(label, "YEAR_MONTH_FORMAT")
    return label


def _exported(label):
    """A month is « 2026-01 » in a CSV file: spreadsheets sort it."""
    return label.strftime("%Y-%m") if isinstance(label, datetime.date) else label


def _count(queryset, field, missing):
    rows = queryset.values(field).annotate(n=Count("pk", distinct=True)).order_by("-n", field)
    return [(row[field] or missing, row["n"]) for row in rows]


def published_tables(start, after):
    published = ResourcePage.objects.filter(
        first_published_at__gte=start, first_published_at__lt=after
    )
    by_month = {
        row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
        for row in published.order_by()  # no page-tree ordering in the GROUP BY
        .annotate(month=TruncMonth("first_published_at"))
        .values("month")
        .annotate(n=Count("pk"))
    }
    months, cursor = [], start.date()
    while cursor < after.date():
        months.append((cursor, by_month.get(cursor, 0)))
        year, month = divmod(cursor.year * 12 + cursor.month, 12)
        cursor = datetime.date(year, month + 1, 1)
    resources = _("Ressources publiées")
    return [
        Table("publiees-par-mois", _("Ressources publiées par mois"), _("Mois"), resources, months),
        Table(
            "publiees-par-reseau",
            _("Ressources publiées par réseau"),
            _("Réseau"),
            resources,
            _count(published, "network__name", _("(sans réseau)")),
        ),
        Table(
            "publiees-par-theme",
            _("Ressources publiées par thème"),
            _("Thème"),
            resources,
            _count(published, "themes__name", _("(sans thème)")),
            note=_("Une ressource classée dans plusieurs thèmes compte dans chacun."),
        ),
    ]


def review_waits(start, after):
    """Wait of each finished review of the period, from its submission to the decision."""
    states = TaskState.objects.filter(
        task__in=EditorialReviewTask.objects.all(),
        status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        finished_at__gte=start,
        finished_at__lt=after,
    ).values_list("started_at", "finished_at")
    days = sorted((finished - started).total_seconds() / 86400 for started, finished in states)
    return {
        "count": len(days),
        "median": round(statistics.median(days), 1) if days else None,
        "longest": round(days[-1], 1) if days else None,
    }


def wait_table(waits):
    rows = [(_("Relectures terminées"), waits["count"])]
    if waits["count"]:
        rows += [
            (_("Attente médiane (jours)"), waits["median"]),
            (_("Attente la plus longue (jours)"), waits["longest"]),
        ]
    return Table("attente", _("Attente en relecture"), _("Mesure"), _("Valeur"), rows)


def proposals_table(start, after):
    received = Proposal.objects.filter(submitted_at__gte=start, submitted_at__lt=after)
    outcomes = dict(Proposal.DECISIONS)
    counts = dict(received.values_list("decision").annotate(n=Count("pk")).order_by())
    rows = [(_("Reçues"), sum(counts.values()))]
    rows += [(str(label), counts.get(key, 0)) for key, label in outcomes.items()]
    rows.append((_("en attente de décision"), counts.get("", 0)))
    return Table(
        "propositions",
        _("Propositions reçues sans compte et leur issue"),
        _("Issue"),
        _("Propositions"),
        rows,
        note=_(
            "Les propositions sont effacées six mois après la décision : les plus anciennes ne "
            "sont plus comptées."
        ),
    )


def quiet_themes_table(today=None):
    today = today or timezone.now()
    since = today - datetime.timedelta(days=QUIET_DAYS)
    themes = Theme.objects.annotate(
        last=Max("resources__first_published_at", filter=Q(resources__live=True))
    ).filter(Q(last__isnull=True) | Q(last__lt=since))
    rows = [
        (theme.name, (today - theme.last).days if theme.last else "—")
        for theme in themes.order_by("last", "name")
    ]
    table = Table(
        "themes-sans-nouveaute",
        _("Thèmes sans nouvelle ressource depuis un an"),
        _("Thème"),
        _("Jours depuis la dernière publication"),
        rows,
        note=_("« — » : aucune ressource publiée dans ce thème."),
    )
    table.bars = [(label, n, 0) for label, n in rows]
    return table


def downloads_table(start, after):
    rows = (
        DownloadDay.objects.filter(day__gte=start.date(), day__lt=after.date())
        .values("resource__network__name")
        .annotate(n=Sum("count"))
        .order_by("-n", "resource__network__name")
    )
    return Table(
        "telechargements-par-reseau",
        _("Téléchargements par réseau"),
        _("Réseau"),
        _("Téléchargements"),
        [(row["resource__network__name"] or _("(sans réseau)"), row["n"]) for row in rows],
    )


def library_life(request):
    if not is_reviewer(request.user):
        raise PermissionDenied(_("Seul le comité de lecture a accès à ce rapport."))
    start, end = default_period()
    # Unfiltered, the fields show the period the report reads (the last twelve months).
    form = PeriodForm(request.GET or None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["start"] or start
        end = form.cleaned_data["end"] or end
        if start > end:
            start = end
    tables, waits = [], None
    if not form.errors:
        since, after = bounds(start, end)
        waits = review_waits(since, after)
        tables = [
            *published_tables(since, after),
            wait_table(waits),
            proposals_table(since, after),
            downloads_table(since, after),
            quiet_themes_table(),
        ]
    export = request.GET.get("export")
    if export:
        table = next((t for t in tables if t.key == export), None)
        if table is not None:
            return table.csv()
        form.add_error(None, _("Ce tableau n'existe pas : choisissez-en un dans la page."))
        tables = []
    query = request.GET.copy()
    query.pop("export", None)
    return TemplateResponse(
        request,
        "editorial/library_life.html",
        {
            "page_title": _("Vie de la bibliothèque"),
            "header_icon": "table",
            "form": form,
            "start": start,
            "end": end,
            "tables": tables,
            "waits": waits,
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )
