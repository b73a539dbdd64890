"""The format declarations load, and say what formats.md says."""

from __future__ import annotations

from yusuan.formats import catalog, load_format
from yusuan.formats.detect import detect_format, detect_region, regional_formats

WIDTHS = {1: 1, 2: 12, 3: 7, 4: 1, 5: 3, 6: 1, 7: 1, 8: 4, 9: 3, 10: 3, 11: 7, 12: 7}


def test_guangdong_declaration() -> None:
    fmt = load_format("gd-budget-12")
    assert (fmt.kind, fmt.unit) == ("budget", "万元")
    assert [t.number for t in fmt.tables] == list(range(1, 13))
    assert {t.number: len(t.columns) for t in fmt.tables} == WIDTHS
    assert fmt.table(12).text_column.path == ("绩效目标",)
    assert [r.key for r in fmt.table(8).rows] == [
        "admin", "sangong", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception"]
    t1 = fmt.table(1)
    assert len(t1.expense) == 23 + 5 and t1.expense[22].ordinal == "二十三"
    assert t1.expense[25].ordinal == "二十五"  # the declared rows after the classes go on counting


def test_classes_are_the_verified_catalog_classes() -> None:
    fmt = load_format("gd-budget-12")
    functional = catalog.functional()
    for code, name in fmt.functional_classes:
        subject = functional[code]
        assert (subject.name, subject.level, subject.verified) == (name, 1, True)


def test_catalogs() -> None:
    assert catalog.name_of("2080101") == "行政运行"
    assert catalog.name_of("30217", "economic") == "公务接待费"
    assert catalog.economic()["302"].level == 1
    assert "50101" not in catalog.economic()  # the government scheme is kept apart
    assert catalog.RENAMED["医疗卫生与计划生育支出"] == ("210", "卫生健康支出")


def test_every_declared_format_is_detected_by_its_own_titles() -> None:
    for fmt in regional_formats():
        titles = [t.title for t in fmt.tables]
        assert detect_format(titles) is fmt
        assert detect_region([(t.number, t.title) for t in fmt.tables], None, fmt.kind) is fmt


def test_a_layout_nobody_declared_is_read_on_the_national_model() -> None:
    """Numbered otherwise than a declaration says (表七 where Guangdong has 表9): the nation's model."""
    printed = [(1, "2026年部门收支总体情况表"), (2, "2026年部门收入总体情况表"), (3, "2026年部门支出总体情况表"),
               (4, "2026年财政拨款收支总体情况表"), (5, "2026年一般公共预算支出情况表"),
               (6, "2026年一般公共预算基本支出情况表"), (7, "2026年政府性基金预算支出情况表")]
    assert detect_region(printed, None, "budget").id == "cn-budget"
    assert detect_region([], None, "final_accounts").id == "cn-final"
    assert all(f.extra.get("national") is None for f in regional_formats())
