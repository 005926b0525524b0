#!/usr/bin/env sh
# System tools some tests need, from Debian's packages, installed only when missing:
# Chromium for the browser tests (never a browser downloaded by Playwright), nginx to check
# the deployment configuration with `nginx -t`, Java for the Nu HTML Checker.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium fonts-dejavu-core"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
# Java runs the Nu HTML Checker (vnu-jar, from npm) of tests/home/test_html_validity.py.
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=; fi
echo "Outils système absents, installation depuis Debian :$missing"
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
