"""Every private name of Wagtail, DRF, django-taggit, treebeard, django-ninja and Django we use.

The rest of the code calls these instead of touching a library's private attribute
or undocumented behaviour, so an upgrade has one place to look at: one module per
library area. Each entry says what we rely on and why no public API does it; each has
a test against the installed libraries that names the assumption
(``tests/platform/wagtail_internals/``), and ``tests/platform/test_private_names.py``
fails when a module of ``cms``, ``home``, ``news`` or ``directory`` outside this
package reaches for a private name itself.

Where a public API exists it is used instead, not wrapped here: the RFC 7807 title of
a status (``wagtail.api.v3.errors.build_problem_detail``), tag fields
(``Model._meta.get_field`` and ``taggit.managers.TaggableManager``), a formset form's
deletion (its ``DELETE`` field), whether a relation is loaded (``field.is_cached``).
"""
