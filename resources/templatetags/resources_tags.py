from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def hostname(url):
    """The host of an address, shown beside outside links so visitors know where they go."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


@register.filter
def duration_label(minutes):
    """90 -> '1 h 30', 45 -> '45 min': how durations are written in French."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}\u00a0min"
    return f"{hours}\u00a0h\u00a0{rest:02d}" if rest else f"{hours}\u00a0h"
