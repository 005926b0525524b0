"""The rich text editor of the admin, named by its field's label for assistive technology."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail editor of a RichTextField gives its text box (role="textbox") no
    accessible name: the field's <label> points at the hidden input, so axe reports
    « ARIA input fields must have an accessible name » on every edit form. The panel's label
    has the id "<input id>-label"; the editor is told to be labelled by it. StreamField's
    rich text blocks are built in the browser (telepath) and name their editor themselves."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            options = {**self.options, "ariaLabelledBy": f"{widget_attrs['id']}-label"}
            widget_attrs["data-w-init-detail-value"] = json.dumps(options, cls=DjangoJSONEncoder)
        return context
