"""The findings of the document page: grouped by rule with a count, filtered by rule, severity and review.

Five findings of one rule are one group of five, each still its own card with its own place and mark:
a reviewer reads a rule's message once and goes through its places. Groups keep the checker's order
(errors first). ``status`` filters by the reviewer's mark; ``unmarked`` are the findings not yet marked.
"""

from __future__ import annotations

from typing import Any

from yusuan.check import Severity
from yusuan.store.reviews import FINDING_STATUSES

UNMARKED = "unmarked"
STATUS_CHOICES = {**FINDING_STATUSES, UNMARKED: "未复核"}
SEVERITY_NAMES = {s.value: s.chinese for s in Severity}


def _keeps(finding: dict[str, Any], rule: str, severity: str, status: str) -> bool:
    mark = (finding.get("review") or {}).get("status", UNMARKED)
    return (not rule or finding["rule"] == rule) and (not severity or finding["severity"] == severity) and (
        not status or mark == status)


def finding_groups(findings: list[dict[str, Any]], rule: str = "", severity: str = "",
                   status: str = "") -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    for finding in findings:
        if not _keeps(finding, rule, severity, status):
            continue
        group = groups.setdefault(finding["rule"], {"rule": finding["rule"], "title": finding["title"],
                                                    "severity": finding["severity"], "findings": []})
        group["findings"].append(finding)
    for group in groups.values():
        group["count"] = len(group["findings"])
        group["severity_name"] = SEVERITY_NAMES.get(group["severity"], group["severity"])
    return list(groups.values())


def finding_filters(findings: list[dict[str, Any]]) -> dict[str, Any]:
    """What the filter menus offer: the rules present (with counts), the severities, the review states."""
    rules: dict[str, int] = {}
    for finding in findings:
        rules[finding["rule"]] = rules.get(finding["rule"], 0) + 1
    severities = [s.value for s in Severity if any(f["severity"] == s.value for f in findings)]
    return {"rules": rules, "severities": {s: SEVERITY_NAMES[s] for s in severities}, "statuses": STATUS_CHOICES}
