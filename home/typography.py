"""French typography: the non-breaking spaces French printers put before « : ; ! ? » and
inside guillemets, so that punctuation never starts a line."""

import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

NBSP = "\u00a0"  # before a colon and inside « »
NNBSP = "\u202f"  # narrow, before ; ! ?

_BEFORE_COLON = re.compile(r"[ \t\u00a0\u202f]+:")
_BEFORE_OTHERS = re.compile(r"[ \t\u00a0\u202f]+([;!?])")
_AFTER_OPENING = re.compile(r"«[ \t\u00a0\u202f]*")
_BEFORE_CLOSING = re.compile(r"[ \t\u00a0\u202f]*»")
_TAG = re.compile(r"(<[^>]*>)")
_RAW_ELEMENTS = re.compile(r"<(/?)(script|style|pre|code|textarea)\b", re.IGNORECASE)


def fix_text(text):
    """Plain text (no markup) with French non-breaking spaces."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_OTHERS.sub(NNBSP + r"\1", text)
    text = _AFTER_OPENING.sub("«" + NBSP, text)
    return _BEFORE_CLOSING.sub(NBSP + "»", text)


def fix_html(html):
    """The same, on HTML: only text between tags changes, never tags, scripts or code."""
    out, raw_depth = [], 0
    for part in _TAG.split(html):
        if part.startswith("<") and part.endswith(">"):
            match = _RAW_ELEMENTS.match(part)
            if match:
                raw_depth = max(0, raw_depth + (-1 if match.group(1) else 1))
            out.append(part)
        else:
            out.append(part if raw_depth else fix_text(part))
    return "".join(out)


def typographie(value):
    if value is None:
        return ""
    if isinstance(value, SafeData) or hasattr(value, "__html__"):
        # Markup already safe (rich text): only its text nodes change.
        return mark_safe(fix_html(str(value.__html__())))  # noqa: S308
    return mark_safe(fix_text(str(conditional_escape(value))))  # noqa: S308 - escaped first
