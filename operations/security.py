"""Security headers that Django does not set by itself."""

from django.conf import settings

from csp.middleware import CSPMiddleware


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy, enforced on the public site and report-only on the admin.

    The admin (Wagtail's editor) needs inline code, so enforcing the policy there would
    break it; django-csp excludes the admin from the enforced header, and this keeps the
    report-only header for the admin alone, so violations there are still visible in the
    browser console without a second, redundant header on every public page.
    """

    def process_response(self, request, response):
        if not request.path_info.startswith(tuple(settings.ADMIN_PATH_PREFIXES)):
            response._csp_exempt_ro = True
        return super().process_response(request, response)
