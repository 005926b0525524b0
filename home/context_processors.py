from django.utils.functional import SimpleLazyObject

from resources.models import ResourceIndexPage


def _navigation():
    index_page = ResourceIndexPage.objects.live().first()
    if index_page is None:
        return {}
    base = index_page.url
    return {
        "resources": base,
        "themes": base + index_page.reverse_subpage("themes"),
        "networks": base + index_page.reverse_subpage("networks"),
        "faq": base + index_page.reverse_subpage("faq"),
    }


def navigation(request):
    """Links of the main navigation, computed only when a template uses them."""
    return {"nav_links": SimpleLazyObject(_navigation)}
