"""What the author of a budget should look at before publishing: gaps compile can print around but
a reader of the disclosure would notice (a project without a goal, an empty overview)."""

from __future__ import annotations

from yusuan.budget.model import Budget


def review(budget: Budget) -> list[str]:
    notices = []
    profile = budget.profile
    if not profile.duties:
        notices.append("“职责与机构”表没有填写主要职责，第一部分概况将缺少这一节。")
    if not profile.internal_units:
        notices.append("“职责与机构”表没有填写内设机构。")
    if not profile.composition:
        notices.append("“职责与机构”表没有填写部门预算构成。")
    used = {item.project for item in budget.items if item.project}
    if used and not profile.overall_goal:
        notices.append("“基本信息”表没有填写项目支出总体绩效目标，表12“合计”一行的绩效目标将为空。")
    if budget.procurement.total == 0 and budget.assets.fixed_assets == 0:
        notices.append("政府采购和固定资产均为 0，情况说明第四、五部分将写 0 万元；请确认已填写“采购与资产”表。")
    elif budget.assets.as_of is None:
        notices.append("“采购与资产”表没有填写资产统计截止日期，情况说明第五部分将不写“截至……”。")
    for project in budget.projects:
        if project.name in used and not project.goal:
            notices.append(f"项目“{project.name}”没有填写绩效目标。")
        if project.name not in used:
            notices.append(f"项目“{project.name}”在支出明细中没有金额，不列入表12。")
    return notices
