"""Load test: gunicorn (2 workers) on PostgreSQL, under wrk, on loopback only.

    python bench/load_test.py [--duration 300] [--connections 8] [--scenarios all]

Builds a library in a database of its own (the demo content, plus a generated corpus when
bench/generate_corpus.py is there), serves it with the production settings, and sends a mix
of requests (home, listings and theme pages, resource pages, searches with facets, file
downloads) for each scenario:

- normal: Redis as shared cache, no Elasticsearch;
- es-down: ELASTICSEARCH_URL points at a closed port (the embedded backend answers);
- redis-down: the Redis server is stopped under the running application.

Prints requests per second, median, p95, p99 and errors per scenario, and writes them to
bench/var/load/results.json. Everything listens on 127.0.0.1 and stops by itself.
"""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "var" / "load"
PYTHON = sys.executable
LUA = BENCH / "load_mix.lua"
PG_URL = "postgres://postgres@127.0.0.1:5432"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, env, **kwargs):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, **kwargs)


def manage(env, *args, **kwargs):
    return run([PYTHON, "manage.py", *args], env, **kwargs)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Le serveur ne répond pas : {url}")


def prepare(env, corpus_size):
    """A fresh database with the demo content and, if possible, a generated corpus."""
    database = env["DATABASE_URL"]
    run([PYTHON, "scripts/pg_database.py", "create", database], env)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo", "--force", stdout=subprocess.DEVNULL)
    generator = BENCH / "generate_corpus.py"
    if corpus_size and generator.exists():
        corpus = WORK / f"corpus-{corpus_size}.jsonl"
        run([PYTHON, str(generator), str(corpus_size), str(corpus)], env, stdout=subprocess.DEVNULL)
        manage(env, "import_resources", str(corpus), stdout=subprocess.DEVNULL)
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "search_rebuild", stdout=subprocess.DEVNULL)


def request_mix(env, count=400, seed=7):
    """The paths wrk asks for, in the proportions a visitor session has."""
    script = (
        "import json;"
        "from resources.models import ResourcePage, Theme, ResourceIndexPage;"
        "pages=[p.url for p in ResourcePage.objects.live().public()];"
        "index=ResourceIndexPage.objects.first();"
        "themes=[index.theme_url(t) for t in Theme.objects.all()];"
        "docs=[f'{d.document.url}?ressource={p.pk}' for p in ResourcePage.objects.live()"
        " for d in p.downloads.select_related('document').all()][:60];"
        "print(json.dumps({'pages':pages,'themes':themes,'docs':docs,'index':index.url}))"
    )
    found = json.loads(
        manage(env, "shell", "-c", script, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    queries = [
        "amap",
        "paniers solidaires",
        "cagnote grele",
        "transmettre sa ferme",
        "rgpd",
        "charte des amap",
        "installation maraichage",
        "prix juste",
        "formation benevoles",
        "bd",
        "accessibilite alimentaire",
        "covid distribution",
    ]
    facets = [
        "",
        "&theme=vie-associative",
        "&type=guide",
        "&theme=aleas-de-production",
        "&audience=amapiens&sort=date",
    ]
    rng = random.Random(seed)
    mix = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.15:
            mix.append("/")
        elif roll < 0.25:
            mix.append(rng.choice([found["index"], *found["themes"]]))
        elif roll < 0.65:
            mix.append(rng.choice(found["pages"]))
        elif roll < 0.95:
            query = urllib.parse.quote(rng.choice(queries))
            mix.append(f"/recherche/?q={query}{rng.choice(facets)}")
        else:
            mix.append(rng.choice(found["docs"]) if found["docs"] else "/")
    return mix


def start_gunicorn(env, port):
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            os.devnull,
            "--error-logfile",
            str(WORK / "gunicorn.log"),
            "amapartage.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
    )
    wait_for(f"http://127.0.0.1:{port}/")
    return process


def wrk(port, paths_file, duration, connections):
    env = {**os.environ, "WRK_PATHS": str(paths_file)}
    # A short warm-up, then the measured run.
    for seconds, measured in ((min(10, duration), False), (duration, True)):
        result = subprocess.run(
            [
                "wrk",
                "-t2",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "5s",
                "-s",
                str(LUA),
                f"http://127.0.0.1:{port}",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        if measured:
            line = next(line for line in result.stdout.splitlines() if line.startswith("JSON "))
            figures = json.loads(line[5:])
            figures["requests_per_second"] = round(
                figures["requests"] / (figures["duration_us"] / 1e6), 1
            )
            return figures
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=300, help="secondes par scénario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument(
        "--corpus",
        type=int,
        default=1000,
        help="ressources générées en plus de la démo (0 : aucune)",
    )
    parser.add_argument("--scenarios", default="normal,es-down,redis-down")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk est absent : apt-get install wrk (paquet Debian).")

    if WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True)
    redis_port, app_port = free_port(), free_port()
    redis = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amapartage.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # wrk talks to gunicorn over TCP: the peer address is the client's.
        "REAL_IP_HEADER": "REMOTE_ADDR",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"{PG_URL}/amapartage_load",
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "MEDIA_ROOT": str(WORK / "media"),
        "PRIVATE_MEDIA_ROOT": str(WORK / "private-media"),
        "STATIC_ROOT": str(WORK / "static"),
        "VAR_DIR": str(WORK / "var"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    results = {}
    gunicorn = None
    try:
        print("Préparation de la bibliothèque…", flush=True)
        prepare(env, args.corpus)
        paths = WORK / "paths.txt"
        paths.write_text("\n".join(request_mix(env)) + "\n")
        for scenario in args.scenarios.split(","):
            run_env = dict(env)
            if scenario == "es-down":
                run_env["ELASTICSEARCH_URL"] = f"http://127.0.0.1:{free_port()}"
            if gunicorn is not None:
                gunicorn.send_signal(signal.SIGTERM)
                gunicorn.wait(30)
            gunicorn = start_gunicorn(run_env, app_port)
            if scenario == "redis-down":
                redis.terminate()
                redis.wait(10)
            print(
                f"Scénario {scenario} : {args.duration} s, {args.connections} connexions…",
                flush=True,
            )
            results[scenario] = wrk(app_port, paths, args.duration, args.connections)
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(30)
        if redis.poll() is None:
            redis.terminate()
        run([PYTHON, "scripts/pg_database.py", "drop", env["DATABASE_URL"]], env)

    (WORK / "results.json").write_text(json.dumps(results, indent=2))
    print(f"\n{'scénario':<12} {'req/s':>8} {'médiane':>9} {'p95':>9} {'p99':>9} {'erreurs':>8}")
    for scenario, f in results.items():
        errors = f["errors_status"] + f["errors_connect"] + f["errors_timeout"] + f["errors_read"]
        print(
            f"{scenario:<12} {f['requests_per_second']:>8} {f['p50_us'] / 1000:>7.1f}ms "
            f"{f['p95_us'] / 1000:>7.1f}ms {f['p99_us'] / 1000:>7.1f}ms {errors:>8}"
        )


if __name__ == "__main__":
    main()
