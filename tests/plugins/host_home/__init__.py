"""The ``home`` app a host site has, as ``wagtail start`` makes it (label ``home``, a
``HomePage``): the plugins' sections and directory go under it. Used by host_settings.py."""
