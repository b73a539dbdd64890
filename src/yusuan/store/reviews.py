"""A reviewer's marks on findings and documents: 确认 / 忽略 / 待定 with a note, and 待审 / 已审 / 有问题.

Marks are kept apart from the document's rows, keyed by the file's sha256 — not by the document id,
which a re-ingest may change, and not by the finding's number or message, which a newer checker may
change — and, for a finding, by its rule and the cells it cites (each cell's identity, value and
sentence; the n-th of several findings that cite the very same cells). Storing the same file again
deletes and rewrites its rows; its marks stay and attach to the same findings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import duckdb

from yusuan.errors import YusuanError

FINDING_STATUSES = {"confirmed": "确认", "dismissed": "忽略", "pending": "待定"}
DOCUMENT_STATUSES = {"unreviewed": "待审", "reviewed": "已审", "problems": "有问题"}
MAX_NOTE = 2000  # characters: a note, not a document


def _cell_identity(cell: dict[str, Any]) -> list[Any]:
    return [cell.get("table"), cell.get("side"), cell.get("code"), cell.get("label"), list(cell.get("column") or ()),
            cell.get("section"), cell.get("value"), cell.get("text")]


def finding_keys(findings: Iterable[dict[str, Any]]) -> list[str]:
    """Each finding's key, in order: its rule and cells; repeated identical findings get their number."""
    seen: dict[str, int] = {}
    keys = []
    for finding in findings:
        identity = json.dumps([finding["rule"], [_cell_identity(c) for c in finding.get("cells", [])]],
                              ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]
        n = seen.get(digest, 0)
        seen[digest] = n + 1
        keys.append(f"{digest}-{n}")
    return keys


def _note(note: str | None) -> str | None:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise YusuanError(f"备注太长（{len(note)} 字），最多 {MAX_NOTE} 字。")
    return note or None


def mark_finding(cursor: duckdb.DuckDBPyConnection, sha256: str, key: str, rule: str, status: str,
                 note: str | None) -> None:
    if status not in FINDING_STATUSES:
        raise YusuanError(f"复核结论只能是 {'、'.join(FINDING_STATUSES.values())}（{'、'.join(FINDING_STATUSES)}）。")
    cursor.execute("INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?, now())",
                   [sha256, key, rule, status, _note(note)])


def mark_document(cursor: duckdb.DuckDBPyConnection, sha256: str, status: str, note: str | None) -> None:
    if status not in DOCUMENT_STATUSES:
        raise YusuanError(f"文件的复核状态只能是 {'、'.join(DOCUMENT_STATUSES.values())}。")
    cursor.execute("INSERT OR REPLACE INTO document_reviews VALUES (?, ?, ?, now())", [sha256, status, _note(note)])


def finding_marks(cursor: duckdb.DuckDBPyConnection, sha256: str) -> dict[str, dict[str, Any]]:
    """Key → {status, status_name, note, updated_at} of every finding marked in this file."""
    rows = cursor.execute("SELECT finding_key, status, note, updated_at FROM reviews WHERE file_sha256 = ?",
                          [sha256]).fetchall()
    return {key: {"status": status, "status_name": FINDING_STATUSES.get(status, status), "note": note,
                  "updated_at": str(updated)[:19]} for key, status, note, updated in rows}


def document_mark(cursor: duckdb.DuckDBPyConnection, sha256: str) -> dict[str, Any]:
    row = cursor.execute("SELECT status, note, updated_at FROM document_reviews WHERE file_sha256 = ?",
                         [sha256]).fetchone()
    status, note, updated = row or ("unreviewed", None, None)
    return {"status": status, "status_name": DOCUMENT_STATUSES.get(status, status), "note": note,
            "updated_at": str(updated)[:19] if updated else None}


def with_marks(cursor: duckdb.DuckDBPyConnection, sha256: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings (as :func:`yusuan.store.browse.findings` gives them), each with its ``key`` and ``review``
    (None when not marked)."""
    marks = finding_marks(cursor, sha256)
    for finding, key in zip(findings, finding_keys(findings), strict=True):
        finding["key"] = key
        finding["review"] = marks.get(key)
    return findings
