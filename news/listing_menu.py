"""The "More" menu of a story's row in the admin's page listings, drawn without a template
per item: Wagtail renders each of its ~10 entries (and each entry's icon) through its own
template, which at 50 rows was about a fifth of the Articles listing's time."""

from functools import lru_cache

from django.template import Context, Template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from wagtail.admin.widgets import Button, ButtonWithDropdownFromHook


@lru_cache(maxsize=256)
def icon_html(name: str, classname: str | None = None) -> SafeString:
    """Wagtail's icon markup (``{% icon %}``): the same for every row, drawn once."""
    icon = Template("{% load wagtailadmin_tags %}{% icon name=name classname=classname %}")
    return icon.render(Context({"name": name, "classname": classname}))


def item_html(button: Button, parent_context: dict) -> SafeString:
    """A plain menu entry as Wagtail's ``shared/button.html`` draws it; any other kind of
    button (a form, a custom template) draws itself."""
    if type(button) is not Button:
        return button.render_html(parent_context)
    icon = icon_html(button.icon_name) if button.icon_name else ""
    tag, href = ("a", format_html(' href="{}"', button.url)) if button.url else ("button", "")
    return format_html(
        '<{}{} class="{}"{}>{}{}</{}>',
        tag,
        href,
        button.classname,
        mark_safe(button.base_attrs_string),  # noqa: S308 - flatatt escapes the values
        icon,
        button.label,
        tag,
    )


class StoryActionsMenu(ButtonWithDropdownFromHook):
    """Wagtail's per-row "More" menu (the same hook, entries and order), one template
    render per row instead of one per entry and icon."""

    def render_html(self, parent_context=None) -> SafeString:
        """Wagtail's ``shared/dropdown/dropdown.html`` with a toggle icon and no label."""
        parent_context = parent_context or {}
        items = (item_html(button, parent_context) for button in sorted(self.dropdown_buttons))
        toggle = ("w-dropdown__toggle", "w-dropdown__toggle--icon", self.classname)
        return format_html(
            '<div data-controller="w-dropdown" class="w-dropdown" {}><button type="button" '
            'class="{}" data-w-dropdown-target="toggle"{}>{}</button><div '
            'data-w-dropdown-target="content" class="w-dropdown__content" hidden>{}</div></div>',
            mark_safe(self.base_attrs_string),  # noqa: S308 - flatatt escapes the values
            " ".join(name for name in toggle if name),
            format_html(' aria-label="{}"', self.aria_label) if self.aria_label else "",
            icon_html(self.icon_name or "arrow-down", "w-dropdown__toggle-icon"),
            mark_safe("".join(items)),  # noqa: S308 - each item is escaped
        )

    @classmethod
    def replacing(cls, menu: ButtonWithDropdownFromHook) -> "StoryActionsMenu":
        replacement = cls(
            menu.label,
            hook_name=menu.hook_name,
            page=menu.page,
            user=menu.user,
            next_url=menu.next_url,
            classname=menu.classname,
            icon_name=menu.icon_name,
            attrs=menu.attrs,
            priority=menu.priority,
        )
        # Wagtail has already asked the hooks for the entries (to know whether to show it).
        replacement.dropdown_buttons = menu.dropdown_buttons
        return replacement
