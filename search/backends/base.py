"""The search backend protocol: what every engine behind the search service must do.

A backend answers a `SearchQuery` with `SearchResults` (ids, scores, snippets, facet counts,
a suggestion) and keeps its index in step with `ResourceIndexDocument`s. The service above
turns ids into pages; one contract test suite (tests/search/test_contract.py) runs against
every backend available.
"""

from dataclasses import dataclass, field
from typing import Protocol

from search import query as query_plan


@dataclass(frozen=True)
class SearchQuery:
    """One search, with its plan (search/query.py) built once, whatever backend answers."""

    text: str = ""
    filters: dict = field(default_factory=dict)  # facet → tuple of values (OR within a facet)
    sort: str = "relevance"
    offset: int = 0
    limit: int = 20
    facets: bool = True
    highlight: bool = True
    plan: query_plan.QueryPlan | None = None  # built from `text` when not given

    def __post_init__(self):
        if self.plan is None:
            object.__setattr__(self, "plan", query_plan.plan(self.text))

    @property
    def effective_sort(self):
        """Relevance means nothing without words: the newest first then."""
        return "date" if self.plan.is_empty and self.sort == "relevance" else self.sort


@dataclass
class Hit:
    id: int
    score: float | None = None
    snippet: str = ""  # HTML: escaped text, matched words in <mark>


@dataclass
class SearchResults:
    total: int
    hits: list
    facets: dict = field(default_factory=dict)  # facet → [(value, count)], most frequent first
    suggestion: str | None = None
    relaxed: bool = False  # no resource had every word: these match some of them
    backend: str = ""


@dataclass
class Suggestion:
    """An autocomplete entry (autocomplete is always answered by the embedded backend)."""

    id: int
    title: str


class BackendUnavailable(Exception):
    """The engine cannot answer now (down, timed out); the service falls back."""


class SearchBackend(Protocol):
    name: str

    def search(self, query: SearchQuery) -> SearchResults:
        """Translate `query.plan` for the engine; never build or rebuild the plan here."""

    def index_documents(self, documents) -> None:
        """Add or replace these documents (upsert by id)."""

    def delete_documents(self, ids) -> None: ...

    def rebuild(self, documents) -> int:
        """Index everything anew; searches keep answering from the old index meanwhile."""

    def indexed_versions(self) -> dict:
        """{page id: version} of what the index holds."""
