"""The plain-text body format of the import (import-format.md), turned into page content.

Paragraphs are separated by a blank line; `## ` starts a sub-heading; `- ` a list item.
"""

import re
import unicodedata
import uuid

from django.utils.html import escape

HEADING = "heading"
LIST = "list"
PARAGRAPH = "paragraph"


def parse(text):
    """[(kind, value)]: headings and paragraphs carry a string, lists a list of strings."""
    blocks, paragraph, items = [], [], []

    def flush():
        if paragraph:
            blocks.append((PARAGRAPH, " ".join(paragraph)))
            paragraph.clear()
        if items:
            blocks.append((LIST, list(items)))
            items.clear()

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif raw.startswith("## "):
            flush()
            blocks.append((HEADING, line[3:].strip()))
        elif raw.startswith("- "):
            if paragraph:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            paragraph.append(line)
    flush()
    return [(kind, value) for kind, value in blocks if value]


def to_richtext(blocks):
    html = []
    for kind, value in blocks:
        if kind == HEADING:
            html.append(f"<h3>{escape(value)}</h3>")
        elif kind == LIST:
            html.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in value) + "</ul>")
        else:
            html.append(f"<p>{escape(value)}</p>")
    return "".join(html)


def to_stream_data(blocks):
    """Raw StreamField data for BodyBlock. Block ids are derived from the content so that
    importing the same text twice gives identical data (and no spurious revision)."""
    data = []
    for position, (kind, value) in enumerate(blocks):
        if kind == HEADING:
            block_value = {"text": value, "level": "h2"}
        elif kind == LIST:
            block_value = list(value)
        else:
            block_value = f"<p>{escape(value)}</p>"
        block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{position}:{kind}:{value}"))
        data.append({"type": kind, "value": block_value, "id": block_id})
    return data


def fold(text):
    text = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe"))
    return "".join(c for c in text if not unicodedata.combining(c))


# Headings of an experience sheet recognised as its structured parts.
EXPERIENCE_SECTIONS = [
    (
        "context",
        re.compile(
            r"^(le |la |l')?(contexte|origine|point de depart|situation|"
            r"presentation|le projet)"
        ),
    ),
    (
        "actions",
        re.compile(
            r"^(ce qui a ete fait|ce que nous avons fait|actions?|demarche|"
            r"mise en oeuvre|deroulement|comment (ca|cela) marche|organisation|"
            r"etapes|les etapes)"
        ),
    ),
    (
        "outcomes",
        re.compile(
            r"^(resultats?|les resultats|bilan|ce qui (fonctionne|marche)|"
            r"effets|reussites|impacts?)"
        ),
    ),
    (
        "watch_points",
        re.compile(
            r"^(points? (de vigilance|d'attention)|vigilance|"
            r"(les )?limites|difficultes|ce qui coince|conseils|a retenir)"
        ),
    ),
    ("contact_details", re.compile(r"^(contacts?|pour en savoir plus|qui contacter)")),
]


def split_experience_sections(blocks):
    """Sort a parsed body into the parts of an experience sheet.

    Text before the first heading is the context; a section whose heading is recognised
    goes to its part; anything else stays in the body with its heading.
    """
    parts = {name: [] for name, _pattern in EXPERIENCE_SECTIONS}
    body, current = [], "context"
    for kind, value in blocks:
        if kind == HEADING:
            current = next(
                (name for name, pattern in EXPERIENCE_SECTIONS if pattern.match(fold(value))), None
            )
            if current is None:
                body.append((kind, value))
            continue
        (parts[current] if current else body).append((kind, value))
    return parts, body


def to_plain_text(blocks):
    lines = []
    for kind, value in blocks:
        lines.extend(f"- {item}" for item in value) if kind == LIST else lines.append(value)
    return "\n".join(lines)


# Characters that change how text around them is displayed without being seen: bidirectional
# controls (U+202E makes « fiche‮fdp.exe » read backwards), zero-width spaces, byte order marks.
# The zero-width joiners stay: emoji sequences and some scripts need them.
KEPT_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def clean_title(text):
    """A title as one plain line: control characters (C0, C1) become spaces, invisible format
    characters (bidi overrides and isolates, U+200B, U+FEFF...) go, spaces are collapsed.
    The one rule for the titles of images, documents, resources and proposals."""
    if not text:
        return text
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc":
            kept.append(" ")
        elif category == "Cf" and char not in KEPT_FORMAT_CHARACTERS:
            continue
        else:
            kept.append(char)
    return " ".join("".join(kept).split())
