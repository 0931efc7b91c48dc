"""Admin widgets of the news plugin."""

from django import forms
from django.utils.html import format_html


class CountedTextInput(forms.TextInput):
    """A one-line field with a length limit the editor sees as a counter ("86 of 100
    characters") instead of a browser ``maxlength``, which cuts pasted text silently; the
    form refuses longer text with a message (the model field's ``max_length``)."""

    def __init__(self, limit: int, attrs: dict | None = None):
        super().__init__(attrs)
        self.limit = limit

    class Media:
        js = ["news/admin/length-counter.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.pop("maxlength", None)
        widget_attrs["data-length-limit"] = str(self.limit)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        length = len(value or "")
        return html + format_html(
            '<p class="help" data-length-counter aria-live="polite">{} of {} characters</p>',
            length,
            self.limit,
        )


class SearchableCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them that narrows the list as the editor types
    (a long list of countries, instead of a Ctrl-click multiple select)."""

    class Media:
        js = ["news/admin/searchable-choices.js"]

    def render(self, name, value, attrs=None, renderer=None):
        search = format_html(
            '<input type="search" class="w-mb-2" placeholder="Search {}…" aria-label="Search {}"'
            ' data-searchable-choices="{}">',
            name,
            name,
            (attrs or {}).get("id", f"id_{name}"),
        )
        return search + super().render(name, value, attrs, renderer)
