"""Forget stored search queries that look personal.

Before, every query typed in the search box was kept verbatim by Wagtail's search promotions
(`Query`, with its daily hits): an e-mail address or a phone number typed there stayed. Rows
that hold one, or a token with digits (a house number, a postcode), are deleted, unless the
editors attached a promotion to them (their own words, then). The same rule is applied to the
zero-result report. The rule is copied here as it stands today (`search.service`), so that this
migration does not change if the code does.
"""

import re

from django.db import migrations

PERSONAL = re.compile(r"@|\d[\d .()/+-]{5,}\d")


def looks_personal(text):
    return bool(PERSONAL.search(text)) or any(c.isdigit() for c in text)


def scrub(apps, schema_editor):
    Query = apps.get_model("wagtailsearchpromotions", "Query")
    SearchPromotion = apps.get_model("wagtailsearchpromotions", "SearchPromotion")
    ZeroResultQuery = apps.get_model("search", "ZeroResultQuery")
    promoted = set(SearchPromotion.objects.values_list("query_id", flat=True))
    personal = [
        pk
        for pk, text in Query.objects.values_list("pk", "query_string").iterator()
        if pk not in promoted and looks_personal(text)
    ]
    for start in range(0, len(personal), 500):
        Query.objects.filter(pk__in=personal[start : start + 500]).delete()  # hits go too
    personal = [
        pk
        for pk, text in ZeroResultQuery.objects.values_list("pk", "query").iterator()
        if looks_personal(text)
    ]
    for start in range(0, len(personal), 500):
        ZeroResultQuery.objects.filter(pk__in=personal[start : start + 500]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_default_synonyms"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
