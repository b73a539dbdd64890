"""Metadata, Part 1 overview, Part 3 sections and Part 4 glossary of the seed."""

from __future__ import annotations

from yusuan.model import Document

DUTIES = [
    "贯彻执行国家和省有关社会保险方面的方针政策和法律法规。",
    "负责全市养老、失业、工伤保险的征缴规划、任务目标制定和业务的监督考核，执行全市养老、失业、工伤保险基金预算"
    "和财务会计、统计制度，统筹全市养老、失业、工伤保险基金核算、存储、划拨、调剂管理工作。",
    "指导和监督全市养老、失业、工伤保险关系建立、中断、转移、接续、终止以及待遇核发、稽核、内部控制、档案管理等"
    "工作，指导全市社会保险经办机构做好离退休人员社会化服务管理工作。",
    "指导全市社会保险经办机构建立健全养老、失业、工伤保险信息系统及经办服务网络，并承担数据信息的采集、统计分析，"
    "负责全市社会保险系统管理、维护和升级，负责管理各项社会保险缴费记录和个人帐户的信息资料。",
    "统筹、管理和指导全市开展城乡居民（被征地农民）基本养老保险。",
    "负责经办市直机关、事业单位和社会团体等用人单位的社会保险登记，办理社会保险登记单位参保人的社会保险关系的建立"
    "（含视同缴费年限审核、建账）、中断、转移、接续和终止工作，审核和发放市直参保人的各项社会保险待遇。",
    "制定全市养老、失业、工伤保险经办服务宣传和培训计划并组织落实。",
    "负责央属、省属驻江门市机关事业单位养老保险经办和职业年金经办管理工作,指导全市机关事业单位养老保险经办工作。",
    "承办市人民政府交办的其他事项。",
]

UNITS = [
    "办公室", "人事科", "综合调研科", "计划财务科", "社会保险关系科", "职工养老和失业保险待遇科",
    "城乡居民养老保险待遇科", "工伤保险待遇科", "稽核内审科", "信息档案管理科", "机关事业单位养老保险科",
    "职业年金管理科",
]

GLOSSARY_START = {
    "财政拨款收入": "指预算单位从本级财政部门取得的财政预算资金收入。",
    "事业收入": "指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "经营收入": "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "其他收入": "指除上述“财政拨款收入”、“事业收入”、“经营收入”等以外的收入。主要是非本级财政拨款、存款利息收入、"
                "事业单位固定资产出租收入等。",
    "用事业基金弥补收支差额": "指事业单位在用当年的“财政拨款收入”、“事业收入”、“经营收入”、“其他收入”不足以"
                              "安排当年支出的情况下，使用以前年度积累的事业基金",
    "基本支出": "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "项目支出": "指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "经营支出": "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动所发生的支出。",
    "行政经费（机关运行经费）": "指用于维持行政（参公）单位机关运行的经费。具体包括：办公费、印刷费、水费、电费、"
                               "邮电费、取暖费、物业管理费、差旅费、因公出国（境）费用、维修（护）费、租赁费、会议费、"
                               "培训费、公务接待费、专用材料费、被装购置费、福利费、公务用车运行维护费、其他交通费用、"
                               "医疗费补助、办公设备购置、专用设备购置、信息网络及软件购置更新、公务用车购置、"
                               "其他交通工具购置经济科目对应的预算资金。",
    "“三公”经费": "“三公”经费指部门（单位）使用财政拨款安排的因公出国（境）费用、公务用车购置及运行维护费和公务接待费。",
}


def test_meta(seed_doc: Document) -> None:
    m = seed_doc.meta
    assert (m.entity, m.year, m.kind, m.scope, m.format, m.unit, m.reader) == (
        "江门市社会保险基金管理局", 2024, "budget", "department", "gd-budget-12", "万元", "text")


def test_nine_duties(seed_doc: Document) -> None:
    assert seed_doc.sections.duties == DUTIES


def test_twelve_internal_units(seed_doc: Document) -> None:
    assert seed_doc.sections.internal_units == UNITS
    assert seed_doc.sections.internal_unit_count == 12


def test_budget_composition(seed_doc: Document) -> None:
    assert seed_doc.sections.composition == "本部门无下属单位，部门预算为江门市社会保险基金管理局本级预算。"


def test_ten_glossary_terms(seed_doc: Document) -> None:
    glossary = seed_doc.sections.glossary
    assert list(glossary) == list(GLOSSARY_START)
    for term, start in GLOSSARY_START.items():
        assert glossary[term].startswith(start), term
    assert glossary["用事业基金弥补收支差额"].endswith("弥补本年度收支缺口的资金。")
    assert glossary["“三公”经费"].endswith("公务接待费反映按规定开支的各类公务接待（含外宾接待）费用。")


def test_part3_sections(seed_doc: Document) -> None:
    sections = seed_doc.sections.explanations
    assert [(s.number, s.title) for s in sections] == [
        ("一", "部门预算收支增减变化情况"), ("二", "“三公”经费安排情况"), ("三", "机关运行经费安排情况"),
        ("四", "政府采购情况"), ("五", "国有资产占有使用情况"), ("六", "重点项目预算绩效目标情况")]
    assert sections[3].text == ("2024年本部门政府采购安排231.9万元，其中：货物类采购预算6万元，工程类采购预算15万元，"
                                "服务类采购预算210.9万元等。")
    assert sections[5].text == "2024年，本部门重点项目绩效目标情况如下："  # the project list is in claims
    assert sections[0].source.page == 19
