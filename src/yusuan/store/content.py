"""What a document *says*, as one hash: two files whose content is equal are stored once.

Content is the Document as read, less everything that tells where it came from: the file's name,
bytes (sha256) and reader, the page/line/box of every row, claim and section, and the reader's
diagnostics (which describe the reading, not the disclosure). What remains — entity, year, kind,
scope, format, unit, title, every section, every table (title, unit, columns, rows, each value as
printed) and every narrative claim — is serialised canonically (sorted keys, no whitespace) and
hashed. A PDF rebuilt with another timestamp, the same PDF saved by another program, or its Excel
export read back to the same tables therefore all have the same content hash.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from yusuan.document_json import to_dict
from yusuan.model import Document

_WHERE = frozenset({"source"})
_META_WHERE = ("file", "sha256", "reader")


def _without_sources(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_sources(v) for k, v in value.items() if k not in _WHERE}
    if isinstance(value, list):
        return [_without_sources(v) for v in value]
    return value


def content_sha256(document: Document) -> str:
    data = to_dict(document)
    data.pop("diagnostics", None)
    for key in _META_WHERE:
        data["meta"].pop(key, None)
    text = json.dumps(_without_sources(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
