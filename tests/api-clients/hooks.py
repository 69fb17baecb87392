"""Schemathesis hooks for scripts/api-clients.sh (loaded through SCHEMATHESIS_HOOKS).

Schemathesis 4.32 scans every string of a 2xx JSON body for links back to the
API and parses those that start with http:// with urllib; a string such as
"http://[" that the fuzzer itself sent in a free-text field (a name, a note)
and the API echoes makes urllib raise "Invalid IPv6 URL", and the whole run
stops with an internal error. Such a string is not a link: it is skipped.
"""

from schemathesis.engine import observations

_same_origin_path = observations._same_origin_path


def _same_origin_path_or_none(value, origin):
    try:
        return _same_origin_path(value, origin)
    except ValueError:
        return None


observations._same_origin_path = _same_origin_path_or_none
