"""Validators of setting values, named in an ``AppSettings``' ``checks``: each returns a message
saying what is wrong with a value, or None."""

import ipaddress
from urllib.parse import urlsplit


def base_url(value):
    """Empty, or an absolute http(s) URL without a trailing slash, query or fragment."""
    if not isinstance(value, str):
        return f"must be a string, not {type(value).__name__}"
    if value == "":
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"must be an absolute http(s) URL such as 'https://www.example.com', not {value!r}"
    if value.endswith("/") or parts.query or parts.fragment:
        return f"must not end with '/' nor carry a query or fragment: {value!r}"
    return None


def string(value):
    return None if isinstance(value, str) else f"must be a string, not {type(value).__name__}"


def non_empty_string(value):
    return string(value) or (None if value else "must not be empty")


def dotted_path(value):
    if not isinstance(value, str) or "." not in value:
        return f"must be a dotted path such as 'package.module.function', not {value!r}"
    return None


def boolean(value):
    return None if isinstance(value, bool) else f"must be True or False, not {value!r}"


def _integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def non_negative_int(value):
    return None if _integer(value) and value >= 0 else f"must be an integer >= 0, not {value!r}"


def positive_int(value):
    return None if _integer(value) and value > 0 else f"must be an integer > 0, not {value!r}"


def positive_number(value):
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return None
    return f"must be a number > 0, not {value!r}"


def list_of_strings(value):
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return None
    return f"must be a list of strings, not {value!r}"


def ip_addresses(value):
    """A list of IP addresses (compared with the connecting address: no networks)."""
    message = list_of_strings(value)
    if message:
        return message
    for item in value:
        try:
            ipaddress.ip_address(item)
        except ValueError:
            return f"must list IP addresses such as '10.0.0.5', not {item!r}"
    return None


def mapping(value):
    return None if isinstance(value, dict) else f"must be a dict, not {type(value).__name__}"
