"""One date for every file written from a Document, and zip archives without the clock in them.

Office files and PDFs record when they were made (document properties, the date of every zip entry,
the PDF's /CreationDate and the /ID derived from it), so two builds of the same input differed byte
for byte and a rebuilt disclosure was stored again. Every writer stamps :func:`build_time` instead:
``$SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), otherwise 1 January of the
document's year, 00:00 China Standard Time — the same input, the same bytes.
"""

from __future__ import annotations

import os
import zipfile
from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO

from yusuan.model import Document

CST = timezone(timedelta(hours=8), "CST")
_FALLBACK_YEAR = 2000  # a document of no known year


def build_time(document: Document) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    year = document.meta.year if document.meta.year and 1980 <= document.meta.year <= 9999 else _FALLBACK_YEAR
    return datetime(year, 1, 1, tzinfo=CST)


def naive_utc(when: datetime) -> datetime:
    """For libraries that write a naive datetime as UTC (openpyxl, python-docx)."""
    return when.astimezone(UTC).replace(tzinfo=None)


def fixed_zip(data: bytes, when: datetime) -> bytes:
    """The same archive, every entry dated ``when`` (zip dates are local, to the second, from 1980)."""
    stamp = when.astimezone(CST).timetuple()[:6]
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            info.create_system = 0
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
