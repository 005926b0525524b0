"""The visitor's address, the one way the whole site reads it (download counts, proposal rate
limit, admin login protection)."""

from django.conf import settings


def client_ip(request):
    """REAL_IP_HEADER when the reverse proxy sets it (its rightmost entry: the address the
    proxy itself saw, which a client cannot forge), else the connection's address."""
    header = getattr(settings, "REAL_IP_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR", "")
    return value.split(",")[-1].strip()
