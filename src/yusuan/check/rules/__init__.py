"""The Python rule units: checks that need logic rather than a declared sum. Importing this package
registers them with the engine (:func:`yusuan.check.engine.rule`)."""

from yusuan.check.rules import (  # noqa: F401  (each module registers its rules)
    admin_expense,
    catalog_names,
    completeness,
    consistency,
    dates,
    diagnostics,
    drafting,
    items,
    narrative,
    notes,
    ocr,
    overview,
    projects,
    punctuation,
    ratios,
    structure,
    wording,
)
