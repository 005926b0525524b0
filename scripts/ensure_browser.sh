#!/usr/bin/env sh
# The browser tests drive Debian's Chromium, never a browser downloaded by Playwright.
# Installs it from Debian's packages only when it is missing.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" != "0" ]; then
    SUDO=sudo
else
    SUDO=
fi
echo "Chromium est absent : installation du paquet Debian « chromium »."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
