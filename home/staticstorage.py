"""Production static files: WhiteNoise's hashed, compressed storage, with the project's own
stylesheets minified on the way (rcssmin). The source in static_src/ stays readable."""

from django.core.files.base import ContentFile

import rcssmin
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Our stylesheets (static_src/css/); Wagtail's and Django's own are left as shipped.
MINIFIED_PREFIXES = ("css/",)


class MinifiedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def _save(self, name, content):
        if name.endswith(".css") and name.startswith(MINIFIED_PREFIXES):
            content.seek(0)
            text = content.read()
            if isinstance(text, bytes):
                text = text.decode("utf-8")
            content = ContentFile(rcssmin.cssmin(text).encode("utf-8"))
        return super()._save(name, content)
