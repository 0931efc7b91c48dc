"""What ``cms.wagtail_internals`` relies on, pinned against the installed libraries.

One module per module of the package and one test per entry, named as the assumption it
pins: after an upgrade, the first test that fails names the private behaviour that changed,
and the entry to rewrite. ``test_public_apis`` pins the public APIs used where a private name
could have been.
"""
