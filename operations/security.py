"""Security headers that Django does not set by itself."""

from django.conf import settings

from csp.middleware import CSPMiddleware

SAME_ORIGIN_FRAMING = {"frame-ancestors": ["'self'"]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy, enforced on the public site and report-only on the admin.

    The admin (Wagtail's editor) needs inline code, so enforcing the policy there would
    break it; django-csp excludes the admin from the enforced header, and this keeps the
    report-only header for the admin alone, so violations there are still visible in the
    browser console without a second, redundant header on every public page.

    Previews are the one exception to « never in a frame »: the editor shows them in its side
    panel, an iframe of the admin's own origin. Wagtail renders a preview through the whole
    middleware chain with `request.is_preview` set; that answer, and the admin view that
    returns it, may be framed by the same origin. Every other answer keeps
    `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
    """

    def process_response(self, request, response):
        if getattr(request, "is_preview", False):
            response._amapartage_preview = True
        if getattr(response, "_amapartage_preview", False):
            response._csp_replace = response._csp_replace_ro = SAME_ORIGIN_FRAMING
            response["X-Frame-Options"] = "SAMEORIGIN"
        if not request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
            response._csp_exempt_ro = True
        return super().process_response(request, response)
