"""Every number the seed's Part 3 states, as a structured claim."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model import Claim, Document

D = Decimal
# (section, role, subject, amount, unit, direction, change, percent_direction, percent, comparable, parent)
CLAIMS = [
    ("一", "statement", "收入预算", D("3355.91"), "万元", "增加", D("118.97"), "增长", D("3.68"), True, None),
    ("一", "reason", "代发企业退休干部职级补贴", None, "万元", "增加", D("150"), None, None, True, "收入预算"),
    ("一", "statement", "支出预算", D("3355.91"), "万元", "增加", D("118.97"), "增长", D("3.68"), True, None),
    ("一", "reason", "代发企业退休干部职级补贴", None, "万元", "增加", D("150"), None, None, True, "支出预算"),
    ("二", "statement", "三公经费", D("6.5"), "万元", "减少", D("0.62"), "下降", D("8.71"), True, None),
    ("二", "part", "因公出国（境）费", D("0"), "万元", "增加", D("0"), "增长", None, False, "三公经费"),
    ("二", "part", "公务用车购置及运行维护费", D("5.7"), "万元", "减少", D("0.3"), "下降", D("5"), True,
     "三公经费"),
    ("二", "part", "公务用车购置费", D("0"), "万元", "增加", D("0"), None, None, True, "公务用车购置及运行维护费"),
    ("二", "part", "公务用车运行维护费", D("5.7"), "万元", "减少", D("0.3"), None, None, True,
     "公务用车购置及运行维护费"),
    ("二", "part", "公务接待费", D("0.8"), "万元", "减少", D("0.32"), "下降", D("28.57"), True, "三公经费"),
    ("三", "statement", "机关运行经费", D("242.39"), "万元", "减少", D("22.07"), "下降", D("8.35"), True, None),
    ("三", "reason", "办公设备购置费", None, "万元", "减少", D("15"), None, None, True, "机关运行经费"),
    ("三", "reason", "社保业务培训费", None, "万元", "减少", D("10.25"), None, None, True, "机关运行经费"),
    ("四", "statement", "政府采购", D("231.9"), "万元", None, None, None, None, True, None),
    ("四", "part", "政府采购·货物", D("6"), "万元", None, None, None, None, True, "政府采购"),
    ("四", "part", "政府采购·工程", D("15"), "万元", None, None, None, None, True, "政府采购"),
    ("四", "part", "政府采购·服务", D("210.9"), "万元", None, None, None, None, True, "政府采购"),
    ("五", "statement", "固定资产", D("984.3"), "万元", None, None, None, None, True, None),
    ("五", "statement", "房屋", D("3118.57"), "平方米", None, None, None, None, True, None),
    ("五", "statement", "车辆", D("2"), "辆", None, None, None, None, True, None),
    ("五", "statement", "大型设备", D("9"), "台", None, None, None, None, True, None),
    ("五", "statement", "拟购置固定资产", D("5"), "万元", None, None, None, None, True, None),
    ("六", "key_project", "社保经办工作经费", D("165"), "万元", None, None, None, None, True, None),
    ("六", "key_project", "社保政策宣传服务", D("50"), "万元", None, None, None, None, True, None),
    ("六", "key_project", "社保业务购买服务项目", D("22.6"), "万元", None, None, None, None, True, None),
    ("六", "key_project", "社保业务培训项目", D("13"), "万元", None, None, None, None, True, None),
    ("六", "key_project", "代发企业退休干部职级补贴", D("1050"), "万元", None, None, None, None, True, None),
]


def fields(c: Claim) -> tuple:
    return (c.section, c.role, c.subject, c.amount, c.unit, c.direction, c.change, c.percent_direction,
            c.percent, c.comparable, c.parent)


def test_every_claim(seed_doc: Document) -> None:
    assert [fields(c) for c in seed_doc.claims] == CLAIMS


def test_printed_precision_is_kept(seed_doc: Document) -> None:
    sangong = next(c for c in seed_doc.claims if c.subject == "三公经费")
    assert str(sangong.amount) == "6.5" and str(sangong.change) == "0.62"
    assert sangong.signed_change == D("-0.62")


def test_claims_keep_their_words_and_place(seed_doc: Document, seed_text: str) -> None:
    lines = seed_text.splitlines()
    income = seed_doc.claims[0]
    assert income.text == "2024年本部门收入预算3,355.91万元，比上年增加118.97万元，增长3.68%"
    assert income.source.page == 19 and "收入预算3,355.91" in lines[income.source.line - 1]
    abroad = next(c for c in seed_doc.claims if c.subject == "因公出国（境）费")
    assert abroad.text.endswith("增长--（基数为0，不可比）")
    equipment = next(c for c in seed_doc.claims if c.subject == "大型设备")
    assert equipment.name == "单价在100万元以上的设备"  # 100万元 is a threshold, not a figure
    for claim in seed_doc.claims:
        assert claim.source.line and claim.source.page in (19, 20, 21)


def test_key_projects_carry_their_goals(seed_doc: Document) -> None:
    goals = {c.subject: c.goal for c in seed_doc.claims if c.role == "key_project"}
    assert goals["社保经办工作经费"] == "加强经办服务队伍建设，进一步提升社保精细化管理服务水平，确保社保经办服务工作顺利开展。"
    assert goals["代发企业退休干部职级补贴"] == "确保每月按时足额代发市直企业退休干部的职级补贴，提高退休干部生活水平。"
    assert goals["社保政策宣传服务"].endswith("提升业务网办率。")  # across a page break with repeated header
