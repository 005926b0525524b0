"""Search benchmark: the embedded backend against Wagtail's stock database backend.

    python bench/search_bench.py [--sizes 1000,10000] [--repeat 5] [--stock-timeout 10]

For each corpus size: generates the corpus (bench/generate_corpus.py, cached in bench/var),
loads it into a fresh SQLite database (bench/loader.py), then in separate processes, so that
each peak memory is its own:

1. builds the embedded index (`search.indexing.rebuild`) and Wagtail's stock index
   (`update_index`, its database backend) and times both;
2. runs the same fixed mix of queries (QUERIES: one word, several words, filters, typos,
   empty query with facets) through our search service, which is what the search page and
   the API call: engine, facets with counts on the six facets, highlighted snippets, pages
   loaded from the database. Each query once to warm up, then `--repeat` times;
3. runs the same queries on the stock backend: `ResourcePage.objects.live().public()`,
   filtered the same way, `.search()`, the count, the first 20 pages and the facets it can
   count (`facet()` on type and year; it has none for themes, audiences, networks or
   licences, and no highlights). Once each: at 10k a broad query takes tens of seconds.
   A query still running after `--stock-timeout` seconds is interrupted and counted at the
   timeout, so the stock figures are lower bounds.

Prints, per size and backend: indexing time and throughput, peak memory (RSS), median and
p95 latency over all query runs and per kind of query, results found per query, and the
ratio stock / embedded. Everything is written to bench/var/search/results-SIZES.json too.
"""

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "var" / "search"

# (kind, query string of the search page). Words as volunteers type them: no accents,
# plurals, verbs, typos, the movement's synonyms.
QUERIES = [
    ("un mot", "q=cagnotte"),
    ("un mot", "q=grele"),
    ("un mot", "q=rgpd"),
    ("un mot", "q=installations"),
    ("un mot", "q=accessibilite"),
    ("un mot", "q=mediation"),
    ("un mot", "q=amap"),
    ("un mot", "q=paysans"),
    ("plusieurs mots", "q=paniers+solidaires"),
    ("plusieurs mots", "q=transmettre+sa+ferme"),
    ("plusieurs mots", "q=rgpd+amap"),
    ("plusieurs mots", "q=caisse+de+solidarit%C3%A9"),
    ("plusieurs mots", "q=perte+de+r%C3%A9colte+gr%C3%AAle"),
    ("plusieurs mots", "q=assembl%C3%A9e+g%C3%A9n%C3%A9rale+du+bureau"),
    ("plusieurs mots", "q=%22agriculture+paysanne%22"),
    ("filtres", "q=paniers+solidaires&theme=accessibilite-alimentaire"),
    ("filtres", "q=formation&type=training_catalogue&audience=formateurs"),
    ("filtres", "q=contrat&year=2020&year=2021"),
    ("filtres", "q=s%27installer&theme=installation-transmission&type=guide&type=faq"),
    ("filtres", "q=benevoles&sort=date"),
    ("fautes", "q=cagnote"),
    ("fautes", "q=acessibilit%C3%A9"),
    ("fautes", "q=transmision"),
    ("fautes", "q=mediaton+conflit"),
    ("fautes", "q=paysan%C2%B7ne+instalation"),
    ("vide + facettes", ""),
    ("vide + facettes", "theme=numerique-rgpd"),
    ("vide + facettes", "type=comic&sort=title"),
    ("vide + facettes", "audience=collectivites&licence=CC-BY-SA-4.0"),
]
STOCK_PAGE = 20
# What the stock backend can count: `facet()` needs a FilterField of the page itself, and
# `network` is shadowed by its RelatedFields (FilterFieldError); no M2M facets at all.
STOCK_FACETS = ("kind", "year")


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(samples):
    values = list(samples)
    return {
        "median_ms": round(statistics.median(values), 2) if values else None,
        "p95_ms": round(percentile(values, 0.95), 2) if values else None,
        "runs": len(values),
    }


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# -- phases, each run in a process of its own -----------------------------------------------


def phase_load(corpus):
    from bench import loader

    started = time.perf_counter()
    count = loader.load(corpus)
    return {"resources": count, "seconds": round(time.perf_counter() - started, 2)}


def phase_index_embedded():
    from search import backends, indexing

    started = time.perf_counter()
    counts = indexing.rebuild([backends.embedded_backend()])
    seconds = time.perf_counter() - started
    return {
        "documents": counts["embedded"],
        "seconds": round(seconds, 2),
        "docs_per_second": round(counts["embedded"] / seconds, 1),
    }


def phase_index_stock():
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", backend_name="default", verbosity=0)
    seconds = time.perf_counter() - started
    from resources.models import ResourcePage

    count = ResourcePage.objects.live().public().count()
    return {
        "documents": count,
        "seconds": round(seconds, 2),
        "docs_per_second": round(count / seconds, 1),
    }


def phase_query_embedded(repeat):
    from django.http import QueryDict

    from search import service

    def run(query):
        params = service.parse_params(QueryDict(query), strict=True)
        started = time.perf_counter()
        outcome = service.search(params)
        return (time.perf_counter() - started) * 1000, outcome

    per_query = []
    for kind, query in QUERIES:
        _, outcome = run(query)  # warm-up
        times = [run(query)[0] for _ in range(repeat)]
        per_query.append(
            {
                "kind": kind,
                "query": query,
                "found": outcome.total,
                "suggestion": outcome.suggestion or "",
                "backend": outcome.backend,
                "times_ms": [round(t, 3) for t in times],
            }
        )
    return {"queries": per_query}


def _stock_filtered(query):
    from django.http import QueryDict

    from resources.models import ResourcePage

    params = QueryDict(query)
    queryset = ResourcePage.objects.live().public()
    for name, relation in (("theme", "themes"), ("audience", "audiences")):
        if params.getlist(name):
            through = getattr(ResourcePage, relation).through
            field = f"{relation[:-1]}__slug__in"
            queryset = queryset.filter(
                pk__in=through.objects.filter(**{field: params.getlist(name)}).values(
                    "resourcepage_id"
                )
            )
    if params.getlist("type"):
        queryset = queryset.filter(kind__in=params.getlist("type"))
    if params.getlist("year"):
        queryset = queryset.filter(year__in=params.getlist("year"))
    if params.getlist("licence"):
        queryset = queryset.filter(licence__slug__in=params.getlist("licence"))
    return queryset, params.get("q", ""), params.get("sort", "")


def phase_query_stock(timeout):
    from django.db import OperationalError, connection
    from django.db.models import Count

    def run(query):
        queryset, text, sort = _stock_filtered(query)
        connection.ensure_connection()
        raw = connection.connection
        timer = threading.Timer(timeout, raw.interrupt) if hasattr(raw, "interrupt") else None
        started = time.perf_counter()
        found = None
        try:
            if timer:
                timer.start()
            if text:
                results = queryset.search(text, backend="default", order_by_relevance=not sort)
            else:
                results = queryset.order_by("title" if sort == "title" else "-first_published_at")
            found = results.count()
            list(results[:STOCK_PAGE])
            if text:
                for name in STOCK_FACETS:
                    results.facet(name)
            else:
                for name in STOCK_FACETS:
                    list(results.order_by().values(name).annotate(n=Count("pk")))
            interrupted = False
        except OperationalError as exc:
            if "interrupt" not in str(exc):
                raise
            interrupted = True
        finally:
            if timer:
                timer.cancel()
        elapsed = (time.perf_counter() - started) * 1000
        return min(elapsed, timeout * 1000) if interrupted else elapsed, found, interrupted

    per_query = []
    for kind, query in QUERIES:
        elapsed, found, interrupted = run(query)
        per_query.append(
            {
                "kind": kind,
                "query": query,
                "found": found,
                "interrupted": interrupted,
                "times_ms": [round(elapsed, 3)],
            }
        )
    return {"queries": per_query}


def run_phase(args):
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    if args.phase == "load":
        result = phase_load(args.corpus)
    elif args.phase == "index-embedded":
        result = phase_index_embedded()
    elif args.phase == "index-stock":
        result = phase_index_stock()
    elif args.phase == "query-embedded":
        result = phase_query_embedded(args.repeat)
    elif args.phase == "query-stock":
        result = phase_query_stock(args.stock_timeout)
    else:
        raise SystemExit(f"phase inconnue : {args.phase}")
    result["peak_rss_mb"] = peak_rss_mb()
    print("RESULT " + json.dumps(result))


# -- the driver ------------------------------------------------------------------------------


def environment(folder):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="amapartage.settings.dev",
        DEBUG="0",  # no query log growing in memory
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private-media"),
        VAR_DIR=str(folder / "var"),
        SEARCH_INDEX_DIR=str(folder / "var" / "search"),
        ELASTICSEARCH_URL="",
        REDIS_URL="",
        PYTHONPATH=str(ROOT),
    )
    return env


def phase(env, name, args, *extra):
    command = [sys.executable, str(Path(__file__)), "--phase", name, *extra]
    command += ["--repeat", str(args.repeat), "--stock-timeout", str(args.stock_timeout)]
    output = subprocess.run(
        command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def prepare(size):
    folder = WORK / f"{size}"
    corpus_dir = BENCH / "var" / "corpus"
    corpus = corpus_dir / f"corpus-{size}.jsonl"
    if not corpus.exists():
        subprocess.run(
            [sys.executable, str(BENCH / "generate_corpus.py"), str(size), str(corpus)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    env = environment(folder)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env, corpus


def totals(per_query):
    return [t for q in per_query for t in q["times_ms"]]


def by_kind(per_query):
    kinds = {}
    for q in per_query:
        kinds.setdefault(q["kind"], []).extend(q["times_ms"])
    return {kind: summary(times) for kind, times in kinds.items()}


def bench_size(size, args):
    print(f"\n== {size} ressources ==", flush=True)
    env, corpus = prepare(size)
    figures = {"size": size}
    figures["load"] = phase(env, "load", args, "--corpus", str(corpus))
    print(f"chargement : {figures['load']['seconds']} s", flush=True)
    figures["index_embedded"] = phase(env, "index-embedded", args)
    print(f"index embarqué : {figures['index_embedded']}", flush=True)
    figures["query_embedded"] = phase(env, "query-embedded", args)
    if not args.no_stock:
        figures["index_stock"] = phase(env, "index-stock", args)
        print(f"index stock : {figures['index_stock']}", flush=True)
        figures["query_stock"] = phase(env, "query-stock", args)
    report(figures)
    return figures


def report(figures):
    embedded = figures["query_embedded"]["queries"]
    stock = figures.get("query_stock", {}).get("queries")
    all_embedded = summary(totals(embedded))
    print(
        f"\n{'requête':<62} {'embarqué méd.':>13} {'trouvés':>8}"
        + (f" {'stock':>10} {'trouvés':>8}" if stock else "")
    )
    for n, q in enumerate(embedded):
        line = f"{(q['query'] or '(vide)')[:62]:<62} {statistics.median(q['times_ms']):>10.1f} ms"
        line += f" {q['found']:>8}"
        if stock:
            s = stock[n]
            mark = "≥" if s["interrupted"] else " "
            found = "?" if s["found"] is None else s["found"]
            line += f" {mark}{s['times_ms'][0]:>7.0f} ms {found:>8}"
        print(line)
    print("\nPar sorte de requête (médiane / p95, ms) :")
    stock_kinds = by_kind(stock) if stock else {}
    for kind, values in by_kind(embedded).items():
        line = f"  {kind:<18} embarqué {values['median_ms']:>7} / {values['p95_ms']:>7}"
        if kind in stock_kinds:
            s = stock_kinds[kind]
            line += f"   stock {s['median_ms']:>9} / {s['p95_ms']:>9}"
        print(line)
    line = (
        f"\nTOTAL {figures['size']} ressources : embarqué médiane {all_embedded['median_ms']} ms,"
        f" p95 {all_embedded['p95_ms']} ms ({all_embedded['runs']} requêtes),"
        f" mémoire max {figures['query_embedded']['peak_rss_mb']} Mo"
    )
    print(line)
    if stock:
        all_stock = summary(totals(stock))
        interrupted = sum(1 for s in stock if s["interrupted"])
        ratio_median = all_stock["median_ms"] / all_embedded["median_ms"]
        ratio_p95 = all_stock["p95_ms"] / all_embedded["p95_ms"]
        print(
            f"      stock : médiane {all_stock['median_ms']} ms, p95 {all_stock['p95_ms']} ms"
            f" ({interrupted} interrompue(s)), mémoire max"
            f" {figures['query_stock']['peak_rss_mb']} Mo"
        )
        print(f"      ratio stock / embarqué : médiane ×{ratio_median:.0f}, p95 ×{ratio_p95:.0f}")
        zero_stock = sum(1 for s in stock if s["found"] == 0)
        zero_embedded = sum(1 for q in embedded if q["found"] == 0)
        print(
            f"      requêtes sans résultat : embarqué {zero_embedded}, stock {zero_stock}"
            f" sur {len(embedded)}"
        )
        figures["summary_stock"] = all_stock
    figures["summary_embedded"] = all_embedded
    for name in ("index_embedded", "index_stock"):
        if name in figures:
            i = figures[name]
            print(
                f"      {name.replace('_', ' ')} : {i['documents']} documents en {i['seconds']} s"
                f" ({i['docs_per_second']} / s), mémoire max {i['peak_rss_mb']} Mo"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="tailles de corpus, séparées par ,")
    parser.add_argument("--repeat", type=int, default=5, help="passages par requête (embarqué)")
    parser.add_argument(
        "--stock-timeout", type=float, default=10.0, help="secondes avant d'interrompre (stock)"
    )
    parser.add_argument("--no-stock", action="store_true", help="sans le moteur stock")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        run_phase(args)
        return
    try:
        sizes = [int(size) for size in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes attend des nombres séparés par des virgules (reçu : {args.sizes})")
    if min(sizes) < 1 or args.repeat < 1 or args.stock_timeout <= 0:
        parser.error("--sizes, --repeat et --stock-timeout doivent être positifs")
    WORK.mkdir(parents=True, exist_ok=True)
    results = [bench_size(size, args) for size in sizes]
    out = WORK / f"results-{args.sizes.replace(',', '-')}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"\nRésultats détaillés : {out}")


if __name__ == "__main__":
    main()
