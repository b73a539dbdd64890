"""Text in the CSV files we write can never become a spreadsheet formula (CSV injection).

Excel, WPS and LibreOffice run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (a tab or carriage
return before one hides it) as a formula when the CSV is opened — an entity or a 绩效目标 typed as
``=HYPERLINK(…)`` would be live. Such text gets a leading apostrophe, OWASP's advice, which the
spreadsheet shows as text. A plain number (``-12.50``, the printed figure of a negative amount) is
a number to every spreadsheet, not a formula, and stays as it is. The same rule in Python (query
output) and as a DuckDB expression (``dump`` and the Fiscal Data Package, written by ``COPY``).
"""

from __future__ import annotations

import re

TRIGGERS = "=+-@\t\r"
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def inert(text: str) -> str:
    if text and text[0] in TRIGGERS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def inert_sql(expression: str) -> str:
    """``expression`` (VARCHAR) with :func:`inert` applied, in DuckDB SQL."""
    return (f"CASE WHEN regexp_matches({expression}, '^[=+\\-@\\t\\r]') "
            f"AND NOT regexp_matches({expression}, '^[+-]?[0-9]+([.][0-9]+)?$') "
            f"THEN '''' || {expression} ELSE {expression} END")
