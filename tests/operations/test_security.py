"""Security headers, login protection and cookies, as a visitor's browser receives them."""

from django.test import override_settings
from django.urls import reverse

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_have_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "Content-Security-Policy-Report-Only" not in response


def test_admin_has_the_policy_report_only(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]


def test_other_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions


def test_no_cookie_on_public_pages_but_the_csrf_cookie_on_forms(client):
    from tests.sitedata import build_site

    site = build_site()
    for url in (
        "/",
        "/ressources/",
        "/ressources/themes/",
        site["guide"].url,
        "/recherche/?q=amap",
        "/api/v1/search/?q=amap",
        "/flux/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, list(response.cookies))
    form = client.get(reverse("moderation:propose"))
    assert set(form.cookies) == {"csrftoken"}
    cookie = form.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_login_protection_locks_one_address_not_the_others(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("camille", "c@example.org", "le-bon-mot-de-passe")
    url = reverse("wagtailadmin_login")
    attacker = {"REMOTE_ADDR": "81.2.69.160"}
    for _ in range(4):
        response = client.post(url, {"username": "camille", "password": "mauvais"}, **attacker)
        assert response.status_code == 200  # the form again, with its error
    # The fifth failure locks the address.
    fifth = client.post(url, {"username": "camille", "password": "mauvais"}, **attacker)
    assert fifth.status_code == 429
    locked = client.post(
        url, {"username": "camille", "password": "le-bon-mot-de-passe"}, **attacker
    )
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()
    # Public addresses (documentation ranges are not routable, so not used here).
    # Someone else, from another address, logs in normally.
    other = client.post(
        url, {"username": "camille", "password": "le-bon-mot-de-passe"}, REMOTE_ADDR="93.184.216.34"
    )
    assert other.status_code == 302


@override_settings(
    REAL_IP_HEADER="HTTP_X_REAL_IP", AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_REAL_IP"]
)
def test_behind_the_proxy_only_the_trusted_header_counts(client):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("camille", "c@example.org", "le-bon-mot-de-passe")
    url = reverse("wagtailadmin_login")
    for n in range(5):
        # The attacker varies X-Forwarded-For; nginx sets X-Real-IP from the real address.
        client.post(
            url,
            {"username": "camille", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP="81.2.69.160",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        )
    locked = client.post(
        url,
        {"username": "camille", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="81.2.69.160",
    )
    assert locked.status_code == 429
    other = client.post(
        url,
        {"username": "camille", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_REAL_IP="93.184.216.34",
    )
    assert other.status_code == 302


def test_previews_may_be_framed_by_the_admin_only(client):
    """Issue 12: the editor's preview panel is an iframe of the admin's origin."""
    from django.contrib.auth import get_user_model

    from tests.moderation.test_permissions import guide_data
    from tests.sitedata import build_site

    site = build_site()
    guide = site["guide"]
    admin = get_user_model().objects.create_superuser("admin", "admin@exemple.org", "x")
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[guide.pk])
    data = guide_data(guide.network, title="Titre en aperçu", slug=guide.slug)
    assert client.post(url, data).json()["is_valid"]
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Titre en aperçu" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in preview["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in preview.get("Content-Security-Policy-Report-Only", "")

    # The admin itself, and the public page, still refuse any frame.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[guide.pk]))
    assert edit["X-Frame-Options"] == "DENY"
    client.logout()
    public = client.get(guide.url)
    assert public.status_code == 200
    assert public["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]


# -- the client address when the proxy's header is missing (issue 10) ----------------------


def test_empty_client_address_keeps_the_proposal_form_working_and_is_logged(client, caplog):
    """Behind nginx on a Unix socket REMOTE_ADDR is "": without REAL_IP_HEADER the rate limit
    used to raise (500). Now the error is logged and the proposal still accepted."""
    import time

    from django.core.cache import cache

    from moderation.forms import make_timestamp
    from moderation.models import Proposal
    from tests.sitedata import build_site

    build_site()
    cache.clear()
    data = {
        "kind": "guide",
        "title": "Organiser une distribution solidaire",
        "summary": "Comment notre AMAP partage les paniers invendus.",
        "body": "Premier paragraphe.",
        "themes": ["vie-associative"],
        "licence": "CC-BY-SA-4.0",
        "contributor_name": "Alex Bénévole",
        "contributor_email": "alex@exemple.org",
        "consent": "on",
        "website": "",
        "started": make_timestamp(time.time() - 60),
    }
    with caplog.at_level("ERROR", logger="amapartage.security"):
        response = client.post(reverse("moderation:propose"), data, REMOTE_ADDR="")
    cache.clear()
    assert response.status_code == 302, response.content.decode()[:500]
    assert Proposal.objects.count() == 1
    assert any("REAL_IP_HEADER" in record.getMessage() for record in caplog.records)


def test_empty_client_address_still_locks_admin_login(client):
    """django-axes used to store failures with no address and never lock: 5 failures then
    the right password logged in."""
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("camille", "c@example.org", "le-bon-mot-de-passe")
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        client.post(url, {"username": "camille", "password": "mauvais"}, REMOTE_ADDR="")
    locked = client.post(
        url, {"username": "camille", "password": "le-bon-mot-de-passe"}, REMOTE_ADDR=""
    )
    assert locked.status_code == 429
    assert "Trop de tentatives de connexion" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_production_refuses_to_start_without_real_ip_header(tmp_path):
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "amapartage.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "amapartage.example.org",
        "VAR_DIR": str(tmp_path),
    }
    env.pop("REAL_IP_HEADER", None)
    command = [sys.executable, "-c", "import django; django.setup()"]
    refused = subprocess.run(
        command, env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
    )
    assert refused.returncode != 0
    assert "REAL_IP_HEADER doit être défini en production" in refused.stderr
    started = subprocess.run(
        command,
        env={**env, "REAL_IP_HEADER": "HTTP_X_REAL_IP"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr


def test_no_admin_page_references_gravatar(admin_client):
    """The admin used to load avatars from a third party (Gravatar) over plain HTTP."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="admin")
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:edit", args=[user.pk]),
        reverse("wagtailadmin_explore_root"),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "gravatar" not in response.content.decode().lower(), url
