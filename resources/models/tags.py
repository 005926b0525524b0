from django.db import models

from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )
