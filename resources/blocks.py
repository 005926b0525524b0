"""StreamField blocks shared by every resource page."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("titre"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Titre de section")), ("h3", _("Sous-titre"))],
        default="h2",
        search_index=False,  # layout, not words of the resource
    )

    class Meta:
        icon = "title"
        label = _("Titre")
        template = "blocks/heading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation"))
    attribution = blocks.CharBlock(label=_("auteur·rice"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation")
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("légende"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class ListItemsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(blocks.CharBlock(label=_("élément")), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Liste")
        template = "blocks/list_block.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        label=_("Paragraphe"),
        template="blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    list = ListItemsBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    embed = EmbedBlock(
        icon="media",
        label=_("Média intégré"),
        template="blocks/embed_block.html",
        help_text=_(
            "Adresse d'une vidéo ou d'un média : le lecteur externe ne se charge "
            "qu'au clic du visiteur."
        ),
    )


def audience_choices():
    # Evaluated when the form is built, so audiences added in the admin appear at once.
    # (Imported here: the models import these blocks.)
    from resources.models import Audience

    return [(a.slug, a.name) for a in Audience.objects.all()]


class ActivityBlock(blocks.StructBlock):
    """One animation or training activity of a catalogue, for a trainer to scan."""

    title = blocks.CharBlock(label=_("titre"), max_length=255)
    summary = blocks.TextBlock(label=_("résumé"), required=False)
    # Not searched: the catalogue's own audiences are facets, and reading these labels
    # would query the audiences once per activity while indexing.
    audiences = blocks.MultipleChoiceBlock(
        label=_("publics"), choices=audience_choices, required=False, search_index=False
    )
    duration_minutes = blocks.IntegerBlock(
        label=_("durée (minutes)"), min_value=1, max_value=60 * 24 * 10, required=False
    )
    group_size = blocks.CharBlock(
        label=_("taille du groupe"),
        max_length=60,
        required=False,
        help_text=_("Par exemple « 8 à 20 personnes »."),
        search_index=False,
    )

    class Meta:
        icon = "group"
        label = _("Activité")
        template = "blocks/activity_block.html"
