"""``yusuan compare``: two stored documents, differences by table, subject code and column."""

from __future__ import annotations

from typing import Annotated

import typer

from yusuan.cli.app import app, console
from yusuan.cli.database import DbOption, db_path
from yusuan.cli.terminal import echo_data
from yusuan.errors import YusuanError

FORMATS = ("table", "json", "csv")


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="文件 A：编号、sha256 前几位或文件名", show_default=False)],
    b: Annotated[str, typer.Argument(help="文件 B（与 A 比较）", show_default=False)],
    db: DbOption = None,
    everything: Annotated[bool, typer.Option("--all", help="也列出相同的数字。")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="输出格式：table（默认）、json 或 csv。")] = "table",
) -> None:
    """比较库中的两份文件（如同一部门的两个年度）：按表、科目编码和栏目列出增减。"""
    if format not in FORMATS:
        raise YusuanError(f"--format 只能是 {'、'.join(FORMATS)}，不能是“{format}”。")
    import csv
    import io
    import json

    from rich.markup import escape
    from rich.table import Table as RichTable

    from yusuan.store.browse import compare_stored
    from yusuan.store.compare import STATUS, shown
    from yusuan.store.db import Store

    with Store(db_path(db), read_only=True) as store:
        data = compare_stored(store.cursor(), a, b, everything=everything)
    if format == "json":
        echo_data(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if format == "csv":
        buffer = io.StringIO()
        out = csv.writer(buffer, lineterminator="\n")
        out.writerow(["表", "表名", "单位", "收支", "科目编码", "名称", "栏目", "A", "B", "增减", "增减率%", "状态"])
        for t in data["tables"]:
            for d in t["differences"]:
                out.writerow([t["number"], t["title"], t["unit"], d["side"] or "", d["code"] or "", d["label"],
                              d["column"], d["a"] or "", d["b"] or "", d["change"] or "", d["percent"] or "",
                              STATUS[d["status"]]])
        echo_data(buffer.getvalue())
        return
    for side in ("a", "b"):
        doc = data[side]
        console.print(f"[bold]{side.upper()}[/]：#{doc['id']} {escape(doc['entity'] or '')} {doc['year'] or ''} "
                      f"{escape(doc['file'] or '')}", highlight=False)
    for note in data["notes"]:
        console.print(f"[yellow]注意：[/]{escape(note)}", highlight=False)
    for t in data["tables"]:
        if not t["differences"]:
            continue
        view = RichTable(title=f"表{t['number']} {escape(t['title'])}（单位：{t['unit']}，{t['changed']} 处不同）",
                         title_style="bold", show_lines=False)
        for name, justify in (("收支", "left"), ("科目编码", "left"), ("名称", "left"), ("栏目", "left"),
                              ("A", "right"), ("B", "right"), ("增减", "right"), ("增减率", "right"), ("", "left")):
            view.add_column(name, justify=justify, overflow="fold")
        for d in t["differences"]:
            percent = f"{d['percent']}%" if d["percent"] is not None else ""
            view.add_row(d["side"] or "", d["code"] or "", escape(d["label"]), escape(d["column"]), shown(d["a"]),
                         shown(d["b"]), shown(d["change"], signed=True), percent, STATUS[d["status"]])
        console.print(view)
    console.print(f"共 {data['changed']} 处不同。", highlight=False)
