"""What search holds about a person, for the GDPR export and erasure (operations.gdpr): the
search queries kept (Wagtail's promotion hits, the zero-result report) that contain an
address, its local part (`jean.dupont`) or its words (`jean dupont`)."""

import re

from django.db.models import Q

from wagtail.contrib.search_promotions.models import Query

from operations.gdpr import PersonalData
from search.analysis import fold
from search.models import ZeroResultQuery


def _query_patterns(email):
    """What of an address a stored search query could hold: the address itself (kept
    verbatim before queries were filtered), its local part, its words."""
    local = email.split("@", 1)[0].strip().lower()
    words = " ".join(re.split(r"[^\w]+|_", local)).split()
    patterns = {email.lower(), local, " ".join(words)}
    return {p for p in patterns if len(p) >= 3}


def _stored_queries(email):
    patterns = _query_patterns(email)
    if not patterns:
        return Query.objects.none(), ZeroResultQuery.objects.none()
    promoted, zero = Q(), Q()
    for pattern in patterns:
        promoted |= Q(query_string__icontains=pattern)
        zero |= Q(query__icontains=pattern) | Q(query__icontains=fold(pattern))
    return Query.objects.filter(promoted), ZeroResultQuery.objects.filter(zero)


def export(email):
    queries, zero_results = _stored_queries(email)
    return {
        "search_queries": [
            {"query": q.query_string, "hits": q.hits} for q in queries.order_by("query_string")
        ]
        + [
            {"query": z.query, "day": z.day.isoformat(), "count": z.count}
            for z in zero_results.order_by("day", "query")
        ]
    }


def erase(email):
    queries, zero_results = _stored_queries(email)
    # A query the editors attached a promotion to is their own words: reported, not deleted.
    promoted = list(
        queries.filter(editors_picks__isnull=False)
        .distinct()
        .values_list("query_string", flat=True)
    )
    deleted = (
        queries.filter(editors_picks__isnull=True)
        .delete()[1]
        .get("wagtailsearchpromotions.Query", 0)
        + zero_results.delete()[0]
    )
    return {"search_queries_promoted": promoted, "search_queries": deleted}


STORED_QUERIES = PersonalData(export=export, erase=erase)
