"""The deployment files of deploy/ are valid for the tools that read them."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def self_signed_certificate(folder):
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=amapartage.example.org", "-keyout", str(folder / "privkey.pem"),
         "-out", str(folder / "fullchain.pem")],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.skipif(NGINX is None, reason="nginx absent (make test l'installe depuis Debian)")
def test_nginx_configuration_passes_nginx_t(tmp_path):
    """`nginx -t` on our site and proxy files, inside a minimal main configuration; only the
    certificate (self-signed here) and the files' folder differ from a real server."""
    self_signed_certificate(tmp_path)
    proxy = tmp_path / "amapartage-proxy.conf"
    shutil.copy(DEPLOY / "nginx" / "amapartage-proxy.conf", proxy)
    site = (DEPLOY / "nginx" / "amapartage.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/letsencrypt/live/amapartage.example.org/", f"{tmp_path}/")
    site = site.replace("/etc/nginx/snippets/amapartage-proxy.conf", str(proxy))
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    main = f"""
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {tmp_path};
            include {tmp_path}/site.conf;
        }}
    """
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_nginx_never_serves_private_files():
    site = (DEPLOY / "nginx" / "amapartage.conf").read_text(encoding="utf-8")
    assert "private-media" not in site.replace("PRIVATE_MEDIA_ROOT", "")
    assert "location /media/documents/ { return 404; }" in site
    assert "location /media/wagtail_uploads/ { return 404; }" in site
    assert "client_max_body_size 60m;" in site


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent")
@pytest.mark.parametrize("name", ["amapartage.service", "amapartage-worker.service"])
def test_systemd_unit_passes_systemd_analyze_verify(tmp_path, name):
    """Verified with the paths of this checkout (the unit names /srv/amapartage/app, absent
    here) and the current user: everything else is the unit as shipped."""
    unit = (DEPLOY / "systemd" / name).read_text(encoding="utf-8")
    unit = unit.replace("/srv/amapartage/app", str(ROOT))
    unit = unit.replace("User=amapartage", "User=root").replace("Group=amapartage", "Group=root")
    unit = unit.replace(
        "EnvironmentFile=/etc/amapartage/env", "EnvironmentFile=-/etc/amapartage/env"
    )
    (tmp_path / name).write_text(unit, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / name)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_cron_runs_existing_commands():
    from django.core.management import get_commands

    commands = get_commands()
    lines = [
        line
        for line in (DEPLOY / "cron" / "amapartage").read_text().splitlines()
        if line and not line.startswith("#") and "$M " in line
    ]
    used = {line.split("$M ")[1].split()[0] for line in lines}
    assert used == {
        "publish_scheduled",
        "search_reconcile",
        "purge_proposals",
        "purge_bin",
        "purge_uploads",
        "clearsessions",
        "backup",
        "send_monthly_digest",
    }
    assert used <= set(commands)


def test_gunicorn_configuration_loads():
    namespace = {}
    exec((DEPLOY / "gunicorn.conf.py").read_text(), namespace)  # noqa: S102 - our own file
    assert namespace["bind"].startswith("unix:") and namespace["workers"] >= 2


def _free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(NGINX is None, reason="nginx absent (make test l'installe depuis Debian)")
def test_nginx_refuses_pending_uploads_and_serves_public_media(tmp_path):
    """The shipped site file run by a real nginx (own prefix, free port, self-signed
    certificate): a file left under /media/wagtail_uploads/ is a 404, a public image a 200
    with HSTS and nosniff."""
    import http.client
    import ssl
    import time

    self_signed_certificate(tmp_path)
    media = tmp_path / "media"
    (media / "wagtail_uploads").mkdir(parents=True)
    (media / "images").mkdir()
    (media / "wagtail_uploads" / "secret.png").write_bytes(b"\x89PNG pending")
    (media / "images" / "public.png").write_bytes(b"\x89PNG public")
    proxy = tmp_path / "amapartage-proxy.conf"
    shutil.copy(DEPLOY / "nginx" / "amapartage-proxy.conf", proxy)
    port, port_http = _free_port(), _free_port()
    site = (DEPLOY / "nginx" / "amapartage.conf").read_text(encoding="utf-8")
    site = site.replace("/etc/letsencrypt/live/amapartage.example.org/", f"{tmp_path}/")
    site = site.replace("/etc/nginx/snippets/amapartage-proxy.conf", str(proxy))
    site = site.replace("/srv/amapartage/data/media/", f"{media}/")
    site = site.replace("listen [::]:443 ssl http2;", "").replace("listen [::]:80;", "")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port_http};")
    site = site.replace("unix:/run/amapartage/gunicorn.sock", f"unix:{tmp_path}/none.sock")
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    temp = "".join(
        f"{kind}_temp_path {tmp_path}/{kind};\n" for kind in ("proxy", "fastcgi", "uwsgi", "scgi")
    )
    # As root, nginx's workers would run as nobody, who cannot read pytest's private folder.
    user = "user root;" if os.geteuid() == 0 else ""
    main = f"""
        {user}
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log;
        daemon off;
        events {{}}
        http {{
            include /etc/nginx/mime.types;
            access_log off;
            client_body_temp_path {tmp_path}/body;
            {temp}
            include {tmp_path}/site.conf;
        }}
    """
    (tmp_path / "nginx.conf").write_text(main, encoding="utf-8")
    server = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c",
         str(tmp_path / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        context = ssl._create_unverified_context()  # noqa: S323 (our own self-signed test cert)
        headers = {}

        def get(path):
            for _attempt in range(50):
                try:
                    connection = http.client.HTTPSConnection(
                        "127.0.0.1", port, context=context, timeout=5
                    )
                    connection.request("GET", path, headers={"Host": "amapartage.example.org"})
                    response = connection.getresponse()
                    headers.update(response.getheaders())
                    return response.status, response.read()
                except (ConnectionRefusedError, ssl.SSLError):
                    assert server.poll() is None, server.stderr.read().decode()
                    time.sleep(0.1)
            raise AssertionError("nginx did not start")

        assert get("/media/images/public.png") == (200, b"\x89PNG public")
        # What nginx serves itself carries the headers Django sets on its own answers.
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Content-Type-Options"] == "nosniff"
        status, body = get("/media/wagtail_uploads/secret.png")
        assert status == 404 and b"pending" not in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_worker_unit_runs_the_database_task_worker():
    from django.core.management import get_commands

    unit = (DEPLOY / "systemd" / "amapartage-worker.service").read_text(encoding="utf-8")
    assert "manage.py db_worker" in unit
    assert "db_worker" in get_commands()
    settings = (ROOT / "amapartage" / "settings" / "production.py").read_text(encoding="utf-8")
    assert '"django_tasks_db.DatabaseBackend"' in settings
