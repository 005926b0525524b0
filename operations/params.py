"""Whole numbers read from a request, within bounds.

A query parameter is text of any length: `int()` turns `99999999999999999999999` into a number
no database column holds, and the query that uses it fails (OverflowError on SQLite,
DataError on PostgreSQL) as a 500. Every integer a visitor can send goes through here.
"""

import re

# The largest value of PostgreSQL's `integer`, the type of our primary keys.
MAX_ID = 2**31 - 1

_DIGITS = re.compile(r"[+-]?[0-9]{1,40}")


def bounded_int(raw, minimum=0, maximum=MAX_ID):
    """`raw` as an int between `minimum` and `maximum` (None: no bound); ValueError for
    anything else (not a plain ASCII number, out of bounds)."""
    text = str(raw).strip()
    if not _DIGITS.fullmatch(text):
        raise ValueError(raw)
    value = int(text)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ValueError(raw)
    return value


def optional_id(raw):
    """A primary key named in a request, or None if it cannot be one."""
    try:
        return bounded_int(raw, minimum=1)
    except ValueError:
        return None
