"""Office files (DOCX, XLSX; PPTX decks could share it) reproducible to the byte: one fixed timestamp for every zip entry and for the
document dates, whatever the library stamped into them (openpyxl writes the current time into
docProps/core.xml on every save)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can carry
_DATES = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stamp(epoch: int) -> dt.datetime:
    """The documents' date (naive UTC, as the libraries want it) from SOURCE_DATE_EPOCH."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)


def fixed_zip(data: bytes, epoch: int) -> bytes:
    """The same archive with every entry stamped `epoch` (at least 1980), fixed attributes, and the core
    properties' created and modified dates set to `epoch`."""
    when = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH), dt.UTC)
    iso = stamp(epoch).strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():  # keep the library's order: [Content_Types].xml must come first
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _DATES.sub(lambda m: m.group(1) + iso + m.group(2), body)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()
