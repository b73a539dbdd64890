"""The web app through FastAPI's TestClient: every API endpoint, the pages, and refused uploads."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="yusuan[web] is not installed")
from fastapi.testclient import TestClient

from conftest import SEED
from store_helpers import variant
from yusuan.web.app import create_app

LIMIT = 2 * 1024 * 1024


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(tmp_path / "web.duckdb", uploads=tmp_path / "uploads", limit=LIMIT)
    with TestClient(app) as test_client:
        test_client.uploads = tmp_path / "uploads"
        yield test_client


def upload(client: TestClient, name: str, data: bytes, path: str = "/api/documents"):
    return client.post(path, files={"file": (name, data, "application/octet-stream")})


def nothing_stored(client: TestClient) -> bool:
    listed = client.get("/api/documents").json()
    return listed["total"] == 0 and not any(client.uploads.glob("*"))


def test_upload_then_every_endpoint(client: TestClient, seed_text: str) -> None:
    created = upload(client, "江门2024.txt", SEED.read_bytes())
    assert created.status_code == 201
    doc = created.json()["document"]
    assert (doc["entity"], doc["year"], doc["errors"], doc["infos"], doc["file"]) == \
        ("江门市社会保险基金管理局", 2024, 0, 1, "江门2024.txt")
    saved = list(client.uploads.iterdir())
    assert [p.name for p in saved] == [f"{doc['sha256']}.txt"] and saved[0].read_bytes() == SEED.read_bytes()
    again = upload(client, "copy.txt", SEED.read_bytes())
    assert again.status_code == 200 and again.json()["existed"] and again.json()["id"] == doc["id"]
    second = upload(client, "next.txt", variant(seed_text, 1, year=2025).encode())
    assert second.status_code == 201

    listing = client.get("/api/documents", params={"year": 2025}).json()
    assert listing["total"] == 1 and listing["items"][0]["entity"] == "江门市第1测试局"
    assert client.get("/api/documents", params={"q": "社会保险"}).json()["total"] == 1
    assert client.get("/api/documents", params={"errors": True}).json()["total"] == 0
    assert client.get("/api/facets").json() == {"entities": ["江门市社会保险基金管理局", "江门市第1测试局"],
                                                "years": [2025, 2024], "kinds": ["budget"]}
    assert client.get(f"/api/documents/{doc['id']}").json()["sha256"] == doc["sha256"]
    document = client.get(f"/api/documents/{doc['id']}/document").json()
    assert document["schema"] == "yusuan.document/1" and len(document["tables"]) == 12
    findings = client.get(f"/api/documents/{doc['id']}/findings").json()
    assert findings["summary"] == {"error": 0, "warning": 0, "info": 1}
    [finding] = findings["findings"]
    assert finding["rule"] == "SUM-HIERARCHY" and finding["cells"][0]["value"] == "180.80"
    assert (finding["cells"][0]["table"], finding["cells"][0]["row_index"], finding["cells"][0]["column_index"]) \
        == (6, 27, 0)
    charts = client.get(f"/api/documents/{doc['id']}/charts").json()
    assert charts and all(isinstance(v, str) for c in charts for s in c["series"] for v in s["values"])
    compared = client.get("/api/compare", params={"a": doc["id"], "b": second.json()["id"]}).json()
    assert compared["changed"] == 0 and compared["b"]["year"] == 2025
    assert client.get("/api/documents/999").json() == {"detail": "数据库中没有编号为 999 的文件。"}
    assert client.get("/api/documents/abc").status_code == 422
    assert "请求参数无效" in client.get("/api/documents/abc").json()["detail"]
    assert "文件" in client.get("/api/compare", params={"a": "1", "b": "nope.txt"}).json()["detail"]

    page = client.get(f"/documents/{doc['id']}").text
    assert 'id="t6-r27-c0"' in page and "flag-info" in page and 'href="#t6-r27-c0"' in page
    assert "3,355.91" in page and "<svg" in page
    assert client.get(f"/documents/{doc['id']}/file").content == SEED.read_bytes()
    assert "江门市第1测试局" in client.get("/", params={"year": "2025"}).text
    assert "+" not in client.get("/compare", params={"a": "1", "b": "2"}).text.split("共 0 处不同")[0][-5:]


def test_docs_work_offline(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/swagger/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/swagger/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/documents", "/api/documents/{doc_id}/findings", "/api/compare", "/api/facets"} <= set(schema["paths"])
    for path in ("/", "/compare", "/static/style.css", "/static/app.js"):
        assert client.get(path).status_code == 200
    for page in (client.get("/").text, client.get("/compare").text, docs):
        assert "https://" not in page.replace("https://www.w3.org", "")


def test_oversize_upload_refused(client: TestClient) -> None:
    response = upload(client, "big.pdf", b"%PDF-1.7\n" + bytes(LIMIT + 200 * 1024))
    assert response.status_code == 413 and response.json()["detail"] == "文件太大：上传上限为 2 MB。"
    page = upload(client, "big.pdf", b"%PDF-1.7\n" + bytes(LIMIT + 200 * 1024), path="/upload")
    assert page.status_code == 413 and "文件太大" in page.text
    just_over = upload(client, "big.pdf", b"%PDF-1.7\n" + bytes(LIMIT))
    assert just_over.status_code == 413 and "文件太大" in just_over.json()["detail"]
    assert nothing_stored(client)


def test_non_pdf_renamed_pdf_refused(client: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(1000)
    response = upload(client, "预算.pdf", png)
    assert response.status_code == 415
    assert response.json()["detail"] == ("预算.pdf 的扩展名是 .pdf，内容却是二进制文件（不是文本、PDF 或 Excel）；"
                                         "文件类型与扩展名不符，已拒绝。")
    text_as_pdf = upload(client, "预算.pdf", SEED.read_bytes())
    assert text_as_pdf.status_code == 415 and "内容却是文本" in text_as_pdf.json()["detail"]
    page = upload(client, "预算.pdf", png, path="/upload")
    assert page.status_code == 415 and "文件类型与扩展名不符" in page.text
    assert nothing_stored(client)


def test_xlsx_zip_bomb_refused(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("xl/workbook.xml", "<workbook/>")
        bomb.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < LIMIT
    response = upload(client, "预算.xlsx", data)
    assert response.status_code == 415 and "压缩炸弹" in response.json()["detail"]
    assert nothing_stored(client)


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\evil.txt", "/tmp/x.txt", "a/../../b.txt", ".."])
def test_path_in_file_name_refused(client: TestClient, name: str) -> None:
    response = upload(client, name, SEED.read_bytes())
    assert response.status_code == 400 and "含有路径" in response.json()["detail"]
    assert nothing_stored(client)


def test_unreadable_upload_and_escaped_text(client: TestClient, seed_doc) -> None:
    response = upload(client, "纪要.txt", "会议纪要".encode())
    assert response.status_code == 422 and "找不到任何预算/决算表格" in response.json()["detail"]
    assert nothing_stored(client)
    from yusuan.document_json import to_dict

    data = to_dict(seed_doc)
    data["meta"]["entity"] = "<script>alert(1)</script>局"
    data["tables"][0]["rows"][0]["label"] = "<img src=x onerror=alert(2)>"
    created = upload(client, "evil.json", json.dumps(data, ensure_ascii=False).encode())
    assert created.status_code == 201
    for page in (client.get(f"/documents/{created.json()['id']}").text, client.get("/").text):
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;局" in page
