"""The search service's architecture: what it loads and what it never does."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NO_ELASTICSEARCH = """
import sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from search import service
outcome = service.search(service.SearchParams(q="compost"))
service.autocomplete("comp")
assert outcome.backend == "embedded", outcome.backend
loaded = sorted(m for m in sys.modules if m == "elasticsearch" or m.startswith("elasticsearch."))
print("LOADED", loaded)
"""


def test_elasticsearch_client_not_imported_without_url(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ELASTICSEARCH_URL", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="amapartage.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(tmp_path / "index"),
        VAR_DIR=str(tmp_path / "var"),
    )
    done = subprocess.run(
        [sys.executable, "-c", NO_ELASTICSEARCH],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "LOADED []" in done.stdout, done.stdout
