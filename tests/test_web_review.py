"""The review workflow through the API and the pages (FastAPI's TestClient), on a corpus PDF uploaded:
marks on findings and on the document survive the same file stored again, show on the page and in the
exported table; repeated findings are grouped; the annotated PDF and a page view are made on the server."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="yusuan[web] is not installed")
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from PIL import Image

from yusuan.check import check_document
from yusuan.read import read_path
from yusuan.store.db import Store
from yusuan.store.ingest import ingest
from yusuan.web.app import create_app

NAME = "sh-putuo-wanli-2024-budget.pdf"


@pytest.fixture
def stored(tmp_path: Path, corpus: Path):
    db = tmp_path / "review.duckdb"
    app = create_app(db, uploads=tmp_path / "uploads", limit=50 * 1024 * 1024)
    with TestClient(app) as client:
        created = client.post("/api/documents", files={"file": (NAME, (corpus / NAME).read_bytes(), "application/pdf")})
        assert created.status_code == 201
        yield client, created.json()["id"], db


def test_marks_are_stored_shown_and_survive_storing_the_file_again(stored, corpus: Path) -> None:
    client, doc_id, db = stored
    marks = client.get(f"/api/documents/{doc_id}/reviews").json()
    findings = check_document(read_path(corpus / NAME))
    assert marks["document"]["status"] == "unreviewed" and len(marks["findings"]) == len(findings)
    answer = client.post(f"/api/documents/{doc_id}/findings/1/review",
                         json={"status": "confirmed", "note": "已核对原表"})
    assert answer.status_code == 200 and answer.json()["status_name"] == "确认"
    assert client.post(f"/api/documents/{doc_id}/findings/2/review", json={"status": "dismissed"}).status_code == 200
    bad = client.post(f"/api/documents/{doc_id}/findings/1/review", json={"status": "maybe"})
    assert bad.status_code == 400 and "确认" in bad.json()["detail"]
    beyond = client.post(f"/api/documents/{doc_id}/findings/999/review", json={"status": "pending"})
    assert beyond.status_code == 400 and "第 999 条" in beyond.json()["detail"]
    page = client.post(f"/documents/{doc_id}/review", data={"status": "problems", "note": "退回修改"},
                       follow_redirects=True)
    assert page.status_code == 200 and "有问题" in page.text and "已核对原表" in page.text

    # the same file read and stored again (`yusuan ingest --force`, as after a new version of yusuan): marks stay
    with Store(db) as store:
        report = ingest(store, [corpus / NAME], jobs=1, force=True)
    assert len(report.stored) == 1
    new_id = client.get("/api/documents").json()["items"][0]["id"]
    marks = client.get(f"/api/documents/{new_id}/reviews").json()
    assert marks["document"]["status"] == "problems"
    reviewed = [(m["number"], m["review"]["status"], m["review"]["note"]) for m in marks["findings"] if m["review"]]
    assert reviewed == [(1, "confirmed", "已核对原表"), (2, "dismissed", None)]

    table = load_workbook(io.BytesIO(client.get(f"/documents/{new_id}/findings.xlsx").content)).active
    rows = list(table.iter_rows(values_only=True))
    assert rows[1][15:] == ("确认", "已核对原表") and rows[2][15] == "忽略" and rows[3][15] is None
    text = client.get(f"/documents/{new_id}/findings.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][15] == "确认"


def test_filters_and_groups_on_the_page(stored) -> None:
    client, doc_id, _ = stored
    whole = client.get(f"/documents/{doc_id}").text
    level = whole.split('data-rule="WORD-LEVEL"')[1].split("</section>")[0]
    assert "共 1 条" in level  # one WORD-LEVEL finding citing its five sentences
    client.post(f"/api/documents/{doc_id}/findings/1/review", json={"status": "pending"})
    only = client.get(f"/documents/{doc_id}", params={"status": "pending"}).text
    assert only.count('class="finding sev-') == 1
    unmarked = client.get(f"/documents/{doc_id}", params={"status": "unmarked", "severity": "warning"}).text
    assert unmarked.count('class="finding sev-warning') == unmarked.count('class="finding sev-') > 0
    by_rule = client.get(f"/documents/{doc_id}", params={"rule": "NARR-REASON-SUBJECT"}).text
    assert by_rule.count('class="rule-group') == 1 and "共 2 条" in by_rule


def test_annotated_pdf_and_page_view_are_made_on_the_server(stored, corpus: Path) -> None:
    client, doc_id, _ = stored
    pdf = client.get(f"/documents/{doc_id}/annotated.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert "attachment" in pdf.headers["content-disposition"]
    findings = client.get(f"/api/documents/{doc_id}/findings").json()
    page_of = next(c["boxes"][0] for c in findings["findings"][0]["cells"] if c["boxes"])
    png = client.get(f"/documents/{doc_id}/pages/{page_of[0]}.png", params={"finding": 1})
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(png.content)).convert("RGB")
    scale = image.width / 842  # the page is A4 landscape
    x0, top, x1, _ = page_of[1:]
    edge = [image.getpixel((round(x * scale), round((top - 1.5) * scale) + dy)) for x in (x0 + 4, x1 - 4)
            for dy in (-1, 0, 1)]
    assert any(r > 180 and g < 90 and b < 90 for r, g, b in edge)  # the error's red box
    missing = client.get(f"/documents/{doc_id}/pages/999.png")
    assert missing.status_code == 400 and "没有第 999 页" in missing.text
