"""Comment times to ISO 8601, whatever the source wrote.

Understood: ISO 8601 text (``2016-02-09T14:52:44Z``, ``2016-02-09 14:52``), epoch seconds,
milliseconds or microseconds (number or digit string, read as UTC), compact UTC stamps
(``20120618192155Z``), RFC 2822 (``Tue, 09 Feb 2016 14:52:44 +0000``) and page times such as
``January 4, 2014 at 3:31 am``. Month names are matched in English whatever the process locale
(Qt sets the locale from the environment, so ``strptime("%B")`` is not safe here).

Times with a zone are given in UTC (``+00:00``); times without one stay as written (naive).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}

# "January 4, 2014 at 3:31 am", "Jan 4, 2014, 3:31 p.m.", "January 4 2014 15:31"
_PAGE_TIME = re.compile(
    r"^(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4}),?"
    r"(?:\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$")
# ISO 8601 as ``_format`` writes a naive time to the second: parsed, it is written back as is.
_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")
_NUMBER = re.compile(r"^\d{9,17}(?:\.\d+)?$")

_MIN_YEAR, _MAX_YEAR = 1980, 2100


def raw_text(value: object) -> str:
    """The source value as text for ``posted_at_raw`` (``None`` -> ``""``, ``1.5e12`` kept)."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def to_iso(value: object) -> str:
    """ISO 8601 for a source time, or ``""`` when it cannot be understood."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = str(value).strip()
    if not text:
        return ""
    if len(text) == 19 and _CANONICAL.match(text):  # the common case: already as we write it
        try:
            year = datetime.fromisoformat(text).year
        except ValueError:
            year = 0
        if _MIN_YEAR <= year <= _MAX_YEAR:
            return text
    if _NUMBER.match(text):
        return _from_epoch(float(text))
    for parse in (_from_iso, _from_compact, _from_page, _from_rfc2822):
        dt = parse(text)
        if dt is not None and _MIN_YEAR <= dt.year <= _MAX_YEAR:
            return _format(dt)
    return ""


def _format(dt: datetime) -> str:
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC)
    return dt.isoformat(timespec="milliseconds" if dt.microsecond else "seconds")


def _from_epoch(number: float) -> str:
    """Seconds, milliseconds or microseconds since 1970, told apart by size."""
    if number >= 1e14:
        number /= 1e6
    elif number >= 1e11:
        number /= 1e3
    try:
        dt = datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return ""
    if not _MIN_YEAR <= dt.year <= _MAX_YEAR:
        return ""
    return _format(dt)


def _from_iso(text: str) -> datetime | None:
    if not text[:4].isdigit():
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _from_compact(text: str) -> datetime | None:
    m = _COMPACT.match(text)
    if not m:
        return None
    try:
        return datetime(*(int(g) for g in m.groups()), tzinfo=UTC)
    except ValueError:
        return None


def _from_page(text: str) -> datetime | None:
    m = _PAGE_TIME.match(text)
    if not m:
        return None
    month = _MONTHS.get(m["month"].lower())
    if month is None:
        return None
    hour = int(m["hour"] or 0)
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        pm = m["ampm"][0] in "Pp"
        hour = hour % 12 + (12 if pm else 0)
    try:
        return datetime(int(m["year"]), month, int(m["day"]), hour, int(m["minute"] or 0),
                        int(m["second"] or 0))
    except ValueError:
        return None


def _from_rfc2822(text: str) -> datetime | None:
    if "," not in text and not text[:1].isdigit():
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
