"""Search quality on the demo content: nDCG@10 by kind of query, and the mean.

    python bench/search_quality.py                 # print the figures
    python bench/search_quality.py --save a.json   # keep them, to compare later
    python bench/search_quality.py --compare a.json

The graded judgments are `tests/search/quality_judgments.jsonl` (query, kind, optional
filters, {source id: grade 1-3}); the demo's four unpublished resources are never relevant
(they must not be found). A query with no relevant resource (kind `absent`) scores 1
when the search answers nothing, else 0. The demo content is loaded once into
`bench/var/quality/` (a SQLite database, media and index of its own); the embedded index is
rebuilt at every run, so a change to the analyzer is measured.
"""

import argparse
import json
import math
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUDGMENTS = ROOT / "tests" / "search" / "quality_judgments.jsonl"
K = 10


def load_judgments(path=JUDGMENTS):
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def ndcg(ranked, relevant, k=K):
    """nDCG@k of `ranked` source ids against {source id: grade}."""
    if not relevant:
        return 1.0 if not ranked else 0.0
    gain = sum(
        (2 ** relevant.get(sid, 0) - 1) / math.log2(rank + 2) for rank, sid in enumerate(ranked[:k])
    )
    ideal = sum(
        (2**grade - 1) / math.log2(rank + 2)
        for rank, grade in enumerate(sorted(relevant.values(), reverse=True)[:k])
    )
    return gain / ideal


def evaluate(judgments):
    """[{query, kind, ndcg, ranked, partial, suggestion}] through the search service."""
    from django.http import QueryDict

    from search import service

    rows = []
    for judgment in judgments:
        params = QueryDict(mutable=True)
        params["q"] = judgment["query"]
        for name, values in judgment.get("filters", {}).items():
            params.setlist(name, values)
        params["page_size"] = str(K)
        outcome = service.search(service.parse_params(params))
        ranked = [page.source_id for page, _snippet in outcome.results]
        rows.append(
            {
                "query": judgment["query"],
                "kind": judgment["kind"],
                "ndcg": ndcg(ranked, judgment["relevant"]),
                "total": outcome.total,
                "ranked": ranked,
                "partial": outcome.relaxed,
                "suggestion": outcome.suggestion,
            }
        )
    return rows


def by_kind(rows):
    kinds = defaultdict(list)
    for row in rows:
        kinds[row["kind"]].append(row["ndcg"])
    figures = {kind: sum(v) / len(v) for kind, v in sorted(kinds.items())}
    figures["mean"] = sum(r["ndcg"] for r in rows) / len(rows)
    return figures


def _setup(folder):
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amapartage.settings.dev")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'db.sqlite3'}"
    for name in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "VAR_DIR"):
        os.environ[name] = str(folder / name.lower())
    os.environ["SEARCH_INDEX_DIR"] = str(folder / "index")
    os.environ.pop("ELASTICSEARCH_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    marker = folder / "demo-loaded"
    call_command("migrate", verbosity=0)
    if not marker.exists():
        call_command("load_demo", "--force", stdout=StringIO())
        marker.touch()
    call_command("search_rebuild", stdout=StringIO())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default=str(ROOT / "bench" / "var" / "quality"))
    parser.add_argument("--save")
    parser.add_argument("--compare")
    parser.add_argument("--verbose", action="store_true", help="every query's score")
    args = parser.parse_args()
    _setup(Path(args.folder))
    rows = evaluate(load_judgments())
    figures = by_kind(rows)
    before = json.loads(Path(args.compare).read_text())["figures"] if args.compare else {}
    if args.verbose:
        for row in rows:
            print(f"{row['ndcg']:.2f}  {row['kind']:<12} {row['query']}  ({row['total']})")
    print(f"{'kind':<14}{'queries':>8}{'nDCG@10':>10}" + ("   before" if before else ""))
    counts = defaultdict(int)
    for row in rows:
        counts[row["kind"]] += 1
    for kind, value in figures.items():
        count = len(rows) if kind == "mean" else counts[kind]
        extra = f"{before[kind]:>9.2f}" if kind in before else ""
        print(f"{kind:<14}{count:>8}{value:>10.2f}{extra}")
    if args.save:
        Path(args.save).write_text(json.dumps({"figures": figures, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
