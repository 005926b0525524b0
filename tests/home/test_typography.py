"""French typography, video players loaded on request: the template helpers."""

from django.utils.safestring import mark_safe

import pytest

from home.templatetags.site_tags import player_url, typo
from home.typography import NBSP, NNBSP


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pour citer : la source", f"Pour citer{NBSP}: la source"),
        ("Pourquoi pas moi ?", f"Pourquoi pas moi{NNBSP}?"),
        ("Vite ! Non ; oui", f"Vite{NNBSP}! Non{NNBSP}; oui"),
        ("« Et si » dit-il", f"«{NBSP}Et si{NBSP}» dit-il"),
        ("«serré»", f"«{NBSP}serré{NBSP}»"),
        # Nothing to change where no space stands before: addresses, hours, ratios.
        ("https://amap.example.org/?q=1", "https://amap.example.org/?q=1"),
        ("10:30", "10:30"),
        ("deux  :  espaces", f"deux{NBSP}:  espaces"),
    ],
)
def test_plain_text(text, expected):
    assert str(typo(text)) == expected


def test_plain_text_is_escaped():
    assert str(typo("<b>gras</b> ?")) == f"&lt;b&gt;gras&lt;/b&gt;{NNBSP}?"


def test_markup_keeps_tags_and_code():
    html = mark_safe('<p class="a : b">Question ?</p><code>x ? y</code><p>« Oui »</p>')
    assert str(typo(html)) == (
        f'<p class="a : b">Question{NNBSP}?</p><code>x ? y</code><p>«{NBSP}Oui{NBSP}»</p>'
    )


def test_none_is_empty():
    assert typo(None) == ""


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://youtu.be/abcDEF12345", "https://www.youtube-nocookie.com/embed/abcDEF12345"),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456"),
        ("https://tube.example.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d",
         "https://tube.example.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d"),
        # Unknown hosts, plain http and odd ids get no player: the link out is enough.
        ("https://example.org/video.mp4", ""),
        ("http://www.youtube.com/watch?v=abcDEF12345", ""),
        ("https://www.youtube.com/watch?v=<script>", ""),
        ("pas une adresse", ""),
        ("", ""),
    ],
)  # fmt: skip
def test_player_url(url, player):
    assert player_url(url) == player
