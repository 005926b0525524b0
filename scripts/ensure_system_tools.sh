#!/usr/bin/env sh
# System tools from Debian's packages, installed only when missing.
#
#   sh scripts/ensure_system_tools.sh          what the tests need (and the search thesaurus)
#   sh scripts/ensure_system_tools.sh search   only what the site's search uses (`make setup`)
#
# Tests: Chromium for the browser tests (never a browser downloaded by Playwright), nginx to
# check the deployment configuration with `nginx -t`, Java for the Nu HTML Checker.
# Search: LibreOffice's French thesaurus (mythes-fr), which bridges words the library does
# not write (search/thesaurus.py), and Hunspell's French dictionary (hunspell-fr), which tells
# a real word the library lacks from a typo (search/dictionary.py); the site works without
# them, so failing to install them only warns.
set -eu
missing=""
[ -f /usr/share/mythes/thes_fr.dat ] || missing="$missing mythes-fr"
[ -f /usr/share/hunspell/fr_FR.dic ] || missing="$missing hunspell-fr"
if [ "${1:-}" != "search" ]; then
    [ -x /usr/bin/chromium ] || missing="$missing chromium fonts-dejavu-core"
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
    # Java runs the Nu HTML Checker (vnu-jar, from npm) of tests/home/test_html_validity.py.
    command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=; fi
echo "Outils système absents, installation depuis Debian :$missing"
install() {
    $SUDO apt-get update -qq &&
        # shellcheck disable=SC2086 # one word per package
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
if [ "${1:-}" = "search" ]; then
    install || echo "Thésaurus mythes-fr ou dictionnaire hunspell-fr non installé : la recherche fonctionne sans (README « Search quality »)."
else
    install
fi
