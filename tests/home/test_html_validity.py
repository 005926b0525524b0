"""Every kind of public page is valid HTML for the Nu HTML Checker (vnu-jar, npm
devDependency, run on Java). The pages are rendered by Django's test client on the French
demo content, written to a temporary folder, and checked in one run of the checker (the JVM
is slow to start). Errors fail the test; warnings are printed."""

import json
import os
import shutil
import subprocess
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

import pytest

from moderation.forms import make_timestamp
from resources.models import Network, ResourceIndexPage, ResourcePage, Theme

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
KINDS = ["experience_sheet", "guide", "training_catalogue", "comic", "report", "video", "faq"]


def _missing(message):
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def pages_to_check(client):
    index = ResourceIndexPage.objects.get()
    search_url = reverse("search:search")
    urls = {
        "accueil": "/",
        "ressources": index.url,
        "themes": index.url + "themes/",
        "theme": index.theme_url(Theme.objects.first()),
        "reseaux": index.url + "reseaux/",
        "reseau": index.network_url(Network.objects.filter(resources__isnull=False).first()),
        "questions": index.faq_url(),
        "recherche": search_url + "?q=amap",
        "recherche-vide": search_url + "?q=xylophonezzz",
        "recherche-filtree": search_url + "?q=amap&type=guide",
        "proposer": reverse("moderation:propose"),
        "introuvable": "/cette-page-n-existe-pas/",
    }
    for kind in KINDS:
        urls[kind] = ResourcePage.objects.live().filter(kind=kind).first().url
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "introuvable" else 200), (name, url)
        pages[name] = response.content.decode()
    # The proposal form in its error state (sent empty).
    response = client.post(reverse("moderation:propose"), {"started": make_timestamp()})
    assert response.status_code == 200
    assert "obligatoire" in response.content.decode()
    pages["proposer-erreurs"] = response.content.decode()
    return pages


def test_public_pages_are_valid_html(client, settings, tmp_path):
    java = shutil.which("java")
    if not java:
        _missing("java est absent : le validateur Nu HTML Checker ne peut pas tourner")
    if not VNU.exists():
        _missing(f"{VNU} est absent (npm ci installe vnu-jar)")
    settings.PROPOSAL_MIN_FILL_SECONDS = 0
    call_command("load_demo", "--force", stdout=StringIO(), stderr=StringIO())
    files = []
    for name, html in pages_to_check(client).items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    # A page with the defects fixed here, checked in the same run: proof the checker runs
    # and reports them.
    control = tmp_path / "temoin-invalide.html"
    control.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><h1>t</h1>'
        '<h2 role="status">0 ressource</h2><form action=""></form></body></html>',
        encoding="utf-8",
    )
    files.append(str(control))
    run = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors, warnings = [], []
    control_errors = [m for m in messages if m.get("url", "").endswith(control.name)]
    assert len([m for m in control_errors if m["type"] == "error"]) == 2, control_errors
    for m in messages:
        where = Path(m.get("url", "")).name
        if where == control.name:
            continue
        line = f"{where}:{m.get('lastLine', '?')}: {m.get('message')} « {m.get('extract', '')} »"
        (errors if m["type"] in ("error", "non-document-error") else warnings).append(line)
    for warning in warnings:
        print("avertissement :", warning)
    assert not errors, "\n".join(errors)
