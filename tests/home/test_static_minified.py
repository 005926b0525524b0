"""Production's collectstatic minifies the project's stylesheet; the source stays readable."""

from io import StringIO
from pathlib import Path

from django.core.management import call_command

from home.staticstorage import MinifiedManifestStaticFilesStorage

ROOT = Path(__file__).resolve().parents[2]


def test_collectstatic_minifies_our_css(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "home.staticstorage.MinifiedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--no-input", verbosity=0, stdout=StringIO())
    source = (ROOT / "static_src" / "css" / "site.css").read_text(encoding="utf-8")
    storage = MinifiedManifestStaticFilesStorage(location=settings.STATIC_ROOT)
    hashed = storage.stored_name("css/site.css")
    assert hashed != "css/site.css"  # still hashed for the immutable cache
    built = (settings.STATIC_ROOT / hashed).read_text(encoding="utf-8")
    assert len(built) < len(source) * 0.85, (len(built), len(source))
    assert "/*" not in built and "\n  " not in built
    assert ".search-layout" in built and "@media print" in built
    assert (settings.STATIC_ROOT / (hashed + ".gz")).exists()  # WhiteNoise still compresses
    # The source is untouched and readable.
    assert "/* 1. Tokens" in source
