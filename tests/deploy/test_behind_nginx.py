"""The site deployed as documented: deploy/nginx in front of gunicorn (deploy/gunicorn.conf.py,
production settings, the environment of deploy/env.example) on a Unix socket, where the
connection itself carries no client address. Checks that the proposal rate limit and the
admin login lockout see each visitor's real address, and only nginx's; that nginx limits
password resets and searches per address (its 429 in French) and names no version.

Adapted at test time only: nginx listens on a free loopback port without TLS, paths go to
temporary folders, and the database is a copy of this test run's migrated one (a SQLite
file, production settings accept one). One gunicorn worker, so its in-memory cache is the
one cache (production shares Redis between workers: tests/operations/test_cache.py).
Static files use the plain storage (no collectstatic manifest to build); the proposal form's
minimal fill time is zero and its rate limit 3 an hour, to keep the test short.
"""

import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
GUNICORN = Path(sys.executable).parent / "gunicorn"
HOST = "amapartage.example.org"
PASSWORD = "le-bon-mot-de-passe-du-deploiement"
ATTACKER, OTHER = "127.0.0.2", "127.0.0.3"

# The marker makes pytest-django create this run's test database, which the fixture copies.
pytestmark = pytest.mark.django_db

SETTINGS = """
from amapartage.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PROPOSAL_MIN_FILL_SECONDS = 0
PROPOSAL_RATE_LIMIT = "3/h"
"""


def _missing_tools():
    if NGINX is None:
        return "nginx absent (scripts/ensure_system_tools.sh l'installe depuis Debian)"
    if not GUNICORN.exists():
        return "gunicorn absent du virtualenv"
    return None


def example_environment():
    """The variables deploy/env.example sets."""
    lines = (DEPLOY / "env.example").read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _nginx_config(folder, port, socket_path):
    """deploy/nginx as installed, but on a loopback port, without TLS, in `folder`."""
    proxy = folder / "amapartage-proxy.conf"
    shutil.copy(DEPLOY / "nginx" / "amapartage-proxy.conf", proxy)
    site = (DEPLOY / "nginx" / "amapartage.conf").read_text(encoding="utf-8")
    # Drop the port-80 server (redirect to HTTPS) and the TLS lines of the other.
    first, rest = site.split("server {", 1)
    site = first + "server {" + rest.split("server {", 1)[1]
    site = re.sub(r"^\s*ssl_.*\n", "", site, flags=re.MULTILINE)
    site = site.replace("listen [::]:443 ssl http2;", "")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    site = site.replace("unix:/run/amapartage/gunicorn.sock", f"unix:{socket_path}")
    site = site.replace("/etc/nginx/snippets/amapartage-proxy.conf", str(proxy))
    site = site.replace("/srv/amapartage/data/", f"{folder}/data/")
    directives = re.sub(r"#.*", "", site)
    assert "ssl" not in directives and "443" not in directives and "/srv/" not in directives
    (folder / "site.conf").write_text(site, encoding="utf-8")
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / "temp" / name).mkdir(parents=True, exist_ok=True)
    (folder / "nginx.conf").write_text(
        f"""
        pid {folder}/nginx.pid;
        error_log {folder}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {folder}/temp/body;
            proxy_temp_path {folder}/temp/proxy;
            fastcgi_temp_path {folder}/temp/fastcgi;
            uwsgi_temp_path {folder}/temp/uwsgi;
            scgi_temp_path {folder}/temp/scgi;
            include {folder}/site.conf;
        }}
        """,
        encoding="utf-8",
    )
    return folder / "nginx.conf"


def _copy_database(target):
    """This run's migrated test database, plus two administrators, as a file for gunicorn."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.utils import timezone

    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
        # Production's hashers (not the test settings' MD5), few rounds to stay quick.
        hasher = PBKDF2PasswordHasher()
        for name in ("camille", "dominique"):
            copy.execute(
                "INSERT INTO auth_user (password, is_superuser, username, first_name, "
                "last_name, email, is_staff, is_active, date_joined) "
                "VALUES (?, 1, ?, '', '', ?, 0, 1, ?)",
                (
                    hasher.encode(PASSWORD, hasher.salt(), iterations=1000),
                    name,
                    f"{name}@exemple.org",
                    timezone.now().isoformat(),
                ),
            )
    copy.close()


@pytest.fixture(scope="module")
def deployed(django_db_setup, django_db_blocker):
    """nginx on a free loopback port in front of gunicorn on a Unix socket."""
    missing = _missing_tools()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(missing)
        pytest.skip(missing)
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("copie de la base de test : SQLite seulement")
    # Short path: a Unix socket path is limited to 107 bytes.
    folder = Path(tempfile.mkdtemp(prefix="amap-deploy-"))
    folder.chmod(0o755)  # nginx's workers run as another user when the tests run as root
    processes = []
    try:
        (folder / "data" / "media").mkdir(parents=True)
        (folder / "data" / "static").mkdir()
        with django_db_blocker.unblock():
            _copy_database(folder / "db.sqlite3")
        (folder / "deploytest_settings.py").write_text(SETTINGS, encoding="utf-8")
        socket_path = folder / "gunicorn.sock"
        env = {
            **os.environ,
            # deploy/env.example as documented (REAL_IP_HEADER included), then this
            # machine's paths and services, and no TLS in front.
            **example_environment(),
            "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "deploytest_settings",
            "SECRET_KEY": "deploy-test-" + "x" * 40,
            "DATABASE_URL": f"sqlite:///{folder}/db.sqlite3",
            "MEDIA_ROOT": str(folder / "data" / "media"),
            "PRIVATE_MEDIA_ROOT": str(folder / "data" / "private-media"),
            "STATIC_ROOT": str(folder / "data" / "static"),
            "VAR_DIR": str(folder / "data" / "var"),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "SECURE_SSL_REDIRECT": "false",
            "GUNICORN_BIND": f"unix:{socket_path}",
            "GUNICORN_WORKERS": "1",
        }
        for name in ("REDIS_URL", "ELASTICSEARCH_URL", "DEBUG", "EMAIL_HOST"):
            env.pop(name, None)
        log = (folder / "gunicorn.log").open("w")
        processes.append(
            subprocess.Popen(
                [
                    str(GUNICORN),
                    "-c",
                    str(DEPLOY / "gunicorn.conf.py"),
                    # Its own control socket: the default path is shared (xdist, other runs).
                    "--control-socket",
                    str(folder / "gunicorn.ctl"),
                    "amapartage.wsgi",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        port = _free_port()
        config = _nginx_config(folder, port, socket_path)
        processes.append(
            subprocess.Popen(
                [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config),
                 "-g", "daemon off;"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while True:
            try:
                status = request(port, "GET", "/", ATTACKER)[0]
                if status == 200:
                    break
            except OSError:
                status = None
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                log.flush()
                pytest.fail(
                    f"le site ne répond pas ({status}) : "
                    + (folder / "gunicorn.log").read_text(errors="replace")[-3000:]
                    + (folder / "error.log").read_text(errors="replace")[-2000:]
                )
            time.sleep(0.3)
        yield port, folder
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(folder, ignore_errors=True)


def request(port, method, path, source, data=None, cookies=None, headers=None):
    """One HTTP request to nginx from the loopback address `source`."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    sent = {"Host": HOST, **(headers or {})}
    if cookies:
        sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data, doseq=True)
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read().decode("utf-8", errors="replace")
        set_cookies = {}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _sep, rest = value.partition("=")
                set_cookies[name] = rest.split(";", 1)[0]
        return response.status, content, set_cookies, dict(response.getheaders())
    finally:
        conn.close()


def forged(n):
    """What an attacker adds to hide: a different address in each request."""
    return {"X-Real-IP": f"198.51.100.{n}", "X-Forwarded-For": f"203.0.113.{n}, 192.0.2.{n}"}


def proposal_form(port, source):
    status, html, cookies, _headers = request(port, "GET", "/proposer/", source)
    assert status == 200
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|started)" value="([^"]*)"', html))
    return fields, cookies


def proposal(fields, title):
    return {
        **fields,
        "kind": "guide",
        "title": title,
        "summary": "Comment notre AMAP partage les paniers invendus.",
        "body": "Premier paragraphe.",
        "themes": ["vie-associative"],
        "network": "",
        "licence": "CC-BY-SA-4.0",
        "contributor_name": "Alex Bénévole",
        "contributor_email": "alex@exemple.org",
        "consent": "on",
        "website": "",
    }


def count_pages(folder, title_prefix):
    with sqlite3.connect(folder / "db.sqlite3") as db:
        row = db.execute(
            "SELECT count(*) FROM wagtailcore_page WHERE title LIKE ?", (title_prefix + "%",)
        ).fetchone()
    return row[0]


def test_proposals_are_limited_per_real_address(deployed):
    port, folder = deployed
    for n in range(3):
        fields, cookies = proposal_form(port, ATTACKER)  # each form's token is single-use
        status, html, _c, headers = request(
            port, "POST", "/proposer/", ATTACKER, proposal(fields, f"Attaque {n}"), cookies,
            forged(n),
        )  # fmt: skip
        assert status == 302, html[:2000]
        assert "merci" in headers["Location"]
    assert count_pages(folder, "Attaque") == 3
    fields, cookies = proposal_form(port, ATTACKER)
    # The fourth, even under another forged address, is refused by the application.
    status, html, _c, headers = request(
        port, "POST", "/proposer/", ATTACKER, proposal(fields, "Attaque 4"), cookies, forged(9)
    )
    assert status == 429
    assert "Trop de propositions envoyées" in html and headers["Retry-After"] == "3600"
    assert count_pages(folder, "Attaque") == 3  # nothing created
    # Another visitor, from another address, is not affected.
    fields, cookies = proposal_form(port, OTHER)
    status, html, _c, _h = request(
        port, "POST", "/proposer/", OTHER, proposal(fields, "Bénévole honnête"), cookies
    )
    assert status == 302, html[:2000]
    assert count_pages(folder, "Bénévole honnête") == 1


def test_login_lockout_per_real_address(deployed):
    port, folder = deployed
    # The CSRF cookie from the proposal form (not /admin/login/: nginx limits it to 6 a burst).
    _fields, cookies = proposal_form(port, ATTACKER)
    token = cookies["csrftoken"]
    login = "/admin/login/"
    for n in range(5):
        status, html, _c, _h = request(
            port, "POST", login, ATTACKER,
            {"csrfmiddlewaretoken": token, "username": "camille", "password": "mauvais"},
            cookies, forged(n),
        )  # fmt: skip
        assert status == 200 or (n == 4 and status == 429), (n, status, html[:1000])
    status, html, set_cookies, _h = request(
        port, "POST", login, ATTACKER,
        {"csrfmiddlewaretoken": token, "username": "camille", "password": PASSWORD},
        cookies, forged(7),
    )  # fmt: skip
    assert status == 429
    assert "Trop de tentatives de connexion" in html  # django-axes, not nginx's limit
    assert "sessionid" not in set_cookies  # not logged in
    with sqlite3.connect(folder / "db.sqlite3") as db:
        addresses = {row[0] for row in db.execute("SELECT ip_address FROM axes_accessattempt")}
    assert addresses == {ATTACKER}  # never a forged address, never an empty one
    # Someone else, from another address, logs in.
    _fields, cookies = proposal_form(port, OTHER)
    status, html, set_cookies, _headers = request(
        port, "POST", login, OTHER,
        {"csrfmiddlewaretoken": cookies["csrftoken"], "username": "dominique",
         "password": PASSWORD},
        cookies,
    )  # fmt: skip
    assert status == 302, html[:1000]
    assert "sessionid" in set_cookies


def test_no_server_version_on_any_kind_of_answer(deployed):
    """A version number tells an attacker which known flaws to try: nginx says its name only,
    on Django's pages, on the files it serves and on its own error pages."""
    port, _folder = deployed
    for path in ("/", "/static/", "/static/absent.css", "/media/documents/x.pdf", "/%2e%2e/"):
        status, html, _c, headers = request(port, "GET", path, OTHER)
        assert status in (200, 400, 403, 404), (path, status)
        assert headers["Server"] == "nginx", (path, headers["Server"])
        assert not re.search(r"nginx/\d", html), path


def test_password_reset_is_rate_limited_per_address(deployed):
    """Each request sends an e-mail to a real account: unlimited, a robot turns the site into
    a mail bomb aimed at its own editors (and ruins its sender's reputation)."""
    port, _folder = deployed
    source = "127.0.0.4"
    _fields, cookies = proposal_form(port, source)
    answers = []
    for _n in range(10):
        status, _html, _c, _h = request(
            port, "POST", "/admin/password_reset/", source,
            {"csrfmiddlewaretoken": cookies["csrftoken"], "email": "camille@exemple.org"},
            cookies, forged(_n),
        )  # fmt: skip
        answers.append(status)
    assert answers[0] == 302  # the form works
    assert answers.count(429) >= 4, answers
    # Another address is not affected.
    _fields, cookies = proposal_form(port, "127.0.0.5")
    status, _html, _c, _h = request(
        port, "POST", "/admin/password_reset/", "127.0.0.5",
        {"csrfmiddlewaretoken": cookies["csrftoken"], "email": "camille@exemple.org"}, cookies,
    )  # fmt: skip
    assert status == 302


def test_searches_one_after_the_other_are_never_refused(deployed):
    """A person clicking filters, or a program going through a list of queries: each search
    waits for the previous answer, and none is refused."""
    port, _folder = deployed
    statuses = []
    for n in range(60):
        path = f"/api/v1/search/?q=panier+{n}" if n % 2 else f"/recherche/?q=amap+{n}"
        statuses.append(request(port, "GET", path, "127.0.0.7")[0])
    assert statuses == [200] * 60, statuses


def test_a_flood_of_searches_is_refused_per_address_with_a_french_answer(deployed):
    """A search is the dearest thing an anonymous visitor can ask for (never cached): a robot
    firing many at once has the excess refused, whatever address it pretends to have."""
    port, _folder = deployed
    source = "127.0.0.6"

    def one(n):
        path = f"/api/v1/search/?q=panier+{n}" if n % 2 else f"/recherche/?q=amap+{n}"
        return request(port, "GET", path, source, headers=forged(n))

    with ThreadPoolExecutor(max_workers=80) as pool:
        answers = list(pool.map(one, range(80)))
    statuses = [a[0] for a in answers]
    assert statuses.count(429) >= 20, statuses
    assert statuses.count(200) >= 1, statuses
    html, headers = next((a[1], a[3]) for a in answers if a[0] == 429)
    assert "Trop de requêtes" in html
    assert headers["Retry-After"] == "60"
    assert headers["Content-Type"].startswith("text/html; charset=utf-8")
    assert headers["X-Content-Type-Options"] == "nosniff"
    # Another address is not affected, and suggestions (one per keystroke) are not limited.
    assert request(port, "GET", "/recherche/?q=panier", OTHER)[0] == 200
    assert request(port, "GET", "/recherche/suggestions/?q=pan", source)[0] == 200


def test_other_hosts_get_a_french_400_and_no_log(deployed):
    """Scanners ask for the bare address or made-up names: Django refuses them in French,
    repeating nothing of the request, and does not fill the log."""
    port, folder = deployed
    log = folder / "gunicorn.log"
    before = log.read_text(errors="replace").count("DisallowedHost")
    for host in ("evil.example", "127.0.0.1", f"127.0.0.1:{port}"):
        status, html, _c, _h = request(port, "GET", "/", OTHER, headers={"Host": host})
        assert status == 400, host
        assert "Requête incorrecte" in html, html[:300]
        assert host not in html
    text = log.read_text(errors="replace")
    assert text.count("DisallowedHost") == before, text[-3000:]
    assert request(port, "GET", "/", OTHER, headers={"Host": HOST.upper()})[0] == 200


def raw_request(port, request_line):
    """The bytes of one answer to a request line sent as is (http.client would encode it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            request_line + b"\r\nHost: " + HOST.encode() + b"\r\nConnection: close\r\n\r\n"
        )
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    head, _sep, body = answer.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


def test_a_raw_non_ascii_address_gets_a_french_400(deployed):
    """Browsers percent-encode addresses; a robot or a home-made script may send raw UTF-8,
    which gunicorn refuses with its own English page. nginx refuses it first, in French."""
    port, _folder = deployed
    head, body = raw_request(port, b"GET /recherche/?q=gr\xc3\xaale HTTP/1.1")
    assert head.startswith("HTTP/1.1 400"), head
    text = body.decode("utf-8")
    assert 'lang="fr"' in text and "Requête incorrecte" in text, text[:500]
    assert "Bad Request" not in text and "Invalid" not in text
    assert "Server: nginx\r" in head + "\r"
    # The same address, percent-encoded as a browser sends it, is answered.
    head, body = raw_request(port, b"GET /recherche/?q=gr%C3%AAle HTTP/1.1")
    assert head.startswith("HTTP/1.1 200"), head
    assert "grêle" in body.decode("utf-8")
