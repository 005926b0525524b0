"""The visitor's address, the one way the whole site reads it (download counts, proposal rate
limit, admin login protection)."""

import logging

from django.conf import settings

logger = logging.getLogger("amapartage.security")

# What an unknown address counts as: every such visitor shares one rate-limit bucket and one
# login lockout, so the site keeps working (and stays protected) while the error is logged.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (an address, not a bind)


def client_ip(request):
    """REAL_IP_HEADER when the reverse proxy sets it (its rightmost entry: the address the
    proxy itself saw, which a client cannot forge), else the connection's address.

    Never empty: behind a proxy on a Unix socket REMOTE_ADDR is "", and an empty address
    breaks the rate limit (500) and the login lockout (no address, no lock). That is a
    misconfiguration (REAL_IP_HEADER unset): logged as an error, and UNKNOWN_ADDRESS used.
    """
    header = settings.REAL_IP_HEADER
    value = request.META.get(header) or request.META.get("REMOTE_ADDR") or ""
    address = value.split(",")[-1].strip()
    if not address:
        logger.error(
            "No client address (REAL_IP_HEADER=%s): set REAL_IP_HEADER to the header the "
            "reverse proxy overwrites (HTTP_X_REAL_IP with deploy/nginx).",
            header,
        )
        return UNKNOWN_ADDRESS
    return address
