"""The review status at the top of a resource's edit form: the contributor sees where their work
stands, and the committee's comment in full, without opening the workflow history."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel

from . import status


class ReviewStatusPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Où en est la ressource"))
        super().__init__(*args, **kwargs)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.pop("help_text", None)
        return kwargs

    @property
    def clean_name(self):
        return super().clean_name or "review_status"

    class BoundPanel(Panel.BoundPanel):
        template_name = "moderation/admin/review_status_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            page = self.instance
            self.status = None
            if page is not None and page.pk:
                self.status = status.statuses([page])[page.pk]

        def is_shown(self):
            return self.status is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update({"status": self.status, "statuses": status})
            return context
