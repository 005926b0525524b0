"""The benchmark's corpus is real content: the generator writes valid import lines, and the
fast loader leaves pages that the site, the tree and search treat like any other. Bad input
to these tools is refused in French, with nothing written."""

import json
import subprocess
import sys

from django.http import QueryDict

from wagtail.models import Page

import pytest

from bench import generate_corpus, loader
from resources.models import ResourcePage
from search import indexing, service
from search.documents import build_documents
from tests.conftest import ROOT, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(tmp_path):
    return generate_corpus.generate(60, tmp_path / "corpus.jsonl", seed=3, file_count=3)


def test_same_seed_same_corpus(corpus, tmp_path):
    again = generate_corpus.generate(60, tmp_path / "again" / "corpus.jsonl", seed=3, file_count=3)
    other = generate_corpus.generate(60, tmp_path / "other" / "corpus.jsonl", seed=4, file_count=3)
    assert corpus.read_bytes() == again.read_bytes()
    assert corpus.read_bytes() != other.read_bytes()


def test_generated_lines_pass_the_import_rules(corpus):
    result = run_import(corpus, dry_run=True)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.summary == "60 created, 0 updated, 0 unchanged, 0 rejected"


def test_generated_corpus_is_varied(corpus):
    lines = [json.loads(line) for line in corpus.read_text().splitlines()[1:]]
    assert len({line["type"] for line in lines}) >= 5
    assert len({theme for line in lines for theme in line["themes"]}) >= 10
    assert any(line.get("files") for line in lines)
    words = [len(line["body"].split()) for line in lines]
    assert min(words) >= 25  # a short FAQ answer
    assert sum(words) / len(words) >= 150


def test_loaded_pages_are_real_pages(corpus, client):
    count = loader.load(corpus)

    assert count == 60
    assert all(not problems for problems in Page.find_problems())
    pages = ResourcePage.objects.live().public()
    assert pages.count() == 60
    page = pages.filter(downloads__isnull=False).specific().first()
    assert page.themes.exists() and page.kind == type(page).KIND
    response = client.get(page.url)
    assert response.status_code == 200
    assert page.title.replace("'", "&#x27;") in response.content.decode()


def test_loaded_pages_are_found_by_search(corpus, client):
    loader.load(corpus)
    indexing.rebuild()

    outcome = service.search(service.parse_params(QueryDict("")))
    assert outcome.total == 60
    # Attachment text comes from the real DOCX files the generator wrote, and is indexed.
    page = ResourcePage.objects.filter(downloads__isnull=False).first()
    [document] = build_documents([page.pk])
    extracted = page.downloads.first().document.extracted_text
    assert len(extracted) > 500
    assert extracted[:200] in document.attachments
    # The files of published pages are public, and downloadable.
    response = client.get(page.downloads.first().document.url)
    assert response.status_code == 200


def test_loader_refuses_a_bad_line_and_writes_nothing(corpus):
    lines = corpus.read_text().splitlines()
    bad = json.loads(lines[2])
    bad["themes"] = ["pas-un-theme"]
    lines[2] = json.dumps(bad, ensure_ascii=False)
    corpus.write_text("\n".join(lines) + "\n")

    with pytest.raises(SystemExit) as refused:
        loader.load(corpus)

    assert str(refused.value).startswith(f"{corpus}:3: ")
    assert "pas-un-theme" in str(refused.value)
    assert not ResourcePage.objects.exists()


@pytest.mark.parametrize(
    ("script", "args", "message"),
    [
        ("generate_corpus.py", ["0"], "0 : il en faut au moins 1"),
        ("generate_corpus.py", ["dix"], "« dix » n'est pas un nombre entier"),
        ("generate_corpus.py", ["5", "--files", "-1"], "-1 : il en faut au moins 0"),
        ("search_bench.py", ["--sizes", "1k"], "--sizes attend des nombres"),
        ("search_bench.py", ["--sizes", "10", "--repeat", "0"], "doivent être positifs"),
    ],
)
def test_bench_commands_refuse_bad_arguments(tmp_path, script, args, message):
    out = tmp_path / "out.jsonl"
    extra = [str(out)] if script == "generate_corpus.py" else []
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args, *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert not out.exists()
    assert not (ROOT / "bench" / "var" / "search" / "10").exists()
