from django import template

register = template.Library()


@register.simple_tag
def accessible_widget(field):
    """The field's widget tied to its help and errors, and marked invalid when it is."""
    described_by = []
    attrs = {}
    if field.help_text:
        described_by.append(f"{field.auto_id}-aide")
    if field.errors:
        described_by.append(f"{field.auto_id}-erreur")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.field.required:
        attrs["required"] = True
    return field.as_widget(attrs=attrs)


@register.filter
def listed_error_count(form):
    """How many errors the summary lists (form_errors.html): the form's own and those of its
    visible fields, each one; `form.errors|length` counted fields, not errors."""
    return len(form.non_field_errors()) + sum(len(field.errors) for field in form.visible_fields())
