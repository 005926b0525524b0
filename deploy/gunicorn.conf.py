"""gunicorn settings for AMAP'artage (deploy/systemd/amapartage.service uses this file)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "unix:/run/amapartage/gunicorn.sock")
# Sync workers: pages are quick and cached; two per core leaves room for the database.
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count() * 2)))
worker_class = "sync"
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, so that a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
# nginx is on this machine and talks over the socket.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
errorlog = "-"
# No client address in access logs: it is personal data we have no need for.
access_log_format = '"%(r)s" %(s)s %(b)s %(D)sµs "%(a)s"'
