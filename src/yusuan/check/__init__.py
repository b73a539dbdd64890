"""The checker: every identity a disclosure's numbers must satisfy, rounding-aware, as findings.

``check_document(document)`` returns every :class:`Finding` (never raises on a Document);
``findings_to_dict(document, findings)`` is their JSON form (``docs/findings-json.md``).
"""

from yusuan.check.engine import Rule, all_rules, check_document
from yusuan.check.findings import (
    SCHEMA,
    Cell,
    Finding,
    Severity,
    counts,
    findings_from_dict,
    findings_to_dict,
)

__all__ = [
    "SCHEMA",
    "Cell",
    "Finding",
    "Rule",
    "Severity",
    "all_rules",
    "check_document",
    "counts",
    "findings_from_dict",
    "findings_to_dict",
]
