"""The web app as deployed: uploads read in a limited worker (a flate bomb leaves the server as it was),
the same file in flight read once, the token for writes, Origin and Host checks, rate and size limits,
security headers, no server paths, Chinese JSON errors, and only public parameters in URLs."""

from __future__ import annotations

import json
import resource
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="yusuan[web] is not installed")
from fastapi.testclient import TestClient

from bombs import flate_bomb_pdf
from conftest import SEED
from store_helpers import variant
from test_store_records import big_table
from yusuan.store.sandbox import Limits
from yusuan.web.app import create_app
from yusuan.web.guard import Policy

LIMIT = 4 * 1024 * 1024


def make_client(tmp_path: Path, **options) -> TestClient:
    options.setdefault("limits", Limits(seconds=60, memory_mb=512))
    app = create_app(tmp_path / "web.duckdb", uploads=tmp_path / "uploads", limit=LIMIT, **options)
    return TestClient(app, raise_server_exceptions=False)


def upload(client: TestClient, name: str, data: bytes, path: str = "/api/documents", **kwargs):
    return client.post(path, files={"file": (name, data, "application/octet-stream")}, **kwargs)


def test_flate_bomb_refused_and_the_server_unharmed(tmp_path: Path) -> None:
    bomb = flate_bomb_pdf(3072)  # 3 MB that inflate to 3 GB
    with make_client(tmp_path) as client:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        response = upload(client, "预算.pdf", bomb)
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert response.status_code == 422 and "512 MB 的上限" in response.json()["detail"]
        assert grown_mb < 200, f"the server grew by {grown_mb:.0f} MB"
        assert client.get("/").status_code == 200
        after = upload(client, "江门.txt", SEED.read_bytes())
        assert after.status_code == 201
        assert client.get("/api/documents").json()["total"] == 1
        assert [p.suffix for p in (tmp_path / "uploads").iterdir()] == [".txt"]


def test_same_file_in_flight_is_read_once(tmp_path: Path) -> None:
    data = big_table(6000).encode()  # takes a second or two to read and check: the uploads overlap
    with make_client(tmp_path) as client:
        answers: list = []

        def send() -> None:
            answers.append(upload(client, "大表.txt", data))

        threads = [threading.Thread(target=send) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(a.status_code for a in answers) == [200, 200, 200, 201]
        assert len({a.json()["id"] for a in answers}) == 1
        assert [a.json()["existed"] for a in answers].count(False) == 1


def test_token_needed_for_writes_only(tmp_path: Path) -> None:
    with make_client(tmp_path, policy=Policy(token="s3cret-令牌".encode().hex())) as client:
        token = "s3cret-令牌".encode().hex()
        refused = upload(client, "江门.txt", SEED.read_bytes())
        assert refused.status_code == 401 and "上传需要令牌" in refused.json()["detail"]
        wrong = upload(client, "江门.txt", SEED.read_bytes(), headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        page = upload(client, "江门.txt", SEED.read_bytes(), path="/upload")
        assert page.status_code == 401 and "/login" in page.text
        assert client.get("/api/documents").json()["total"] == 0 and not (tmp_path / "uploads").exists()
        assert 'href="/login"' in client.get("/").text and 'action="/upload"' not in client.get("/").text

        accepted = upload(client, "江门.txt", SEED.read_bytes(), headers={"Authorization": f"Bearer {token}"})
        assert accepted.status_code == 201
        assert client.get(f"/api/documents/{accepted.json()['id']}").status_code == 200  # reads stay open

        bad_login = client.post("/login", data={"token": "guess"})
        assert bad_login.status_code == 401 and "令牌不对" in bad_login.text
        login = client.post("/login", data={"token": token}, follow_redirects=False)
        assert login.status_code == 303 and token not in login.headers["set-cookie"]
        assert "httponly" in login.headers["set-cookie"].lower() and "samesite=strict" in login.headers[
            "set-cookie"].lower()
        assert 'action="/upload"' in client.get("/").text
        second = upload(client, "下年.txt", variant(SEED.read_text(encoding="utf-8"), 1, year=2025).encode(),
                        path="/upload", follow_redirects=False)
        assert second.status_code == 303


def test_posts_from_other_sites_refused(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
            response = upload(client, "江门.txt", SEED.read_bytes(), headers=headers)
            assert response.status_code == 403 and "其他网站" in response.json()["detail"], headers
        assert client.get("/api/documents").json()["total"] == 0
        same = upload(client, "江门.txt", SEED.read_bytes(), headers={"Origin": "http://testserver"})
        assert same.status_code == 201


def test_loopback_server_answers_local_host_names_only(tmp_path: Path) -> None:
    with make_client(tmp_path, policy=Policy(local=True)) as client:
        rebound = client.get("/", headers={"Host": "attacker.example"})
        assert rebound.status_code == 400 and "只在本机开放" in rebound.text
        assert client.get("/api/documents", headers={"Host": "localhost:8000"}).status_code == 200
        assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_rate_and_size_limits_on_search_and_uploads(tmp_path: Path) -> None:
    policy = Policy(uploads_per_minute=2, searches_per_minute=3)
    with make_client(tmp_path, policy=policy) as client:
        seed = SEED.read_text(encoding="utf-8")
        codes = [upload(client, f"{n}.txt", variant(seed, n).encode()).status_code for n in range(3)]
        assert codes == [201, 201, 429]
        limited = upload(client, "3.txt", variant(seed, 3).encode())
        assert "上传过于频繁" in limited.json()["detail"] and int(limited.headers["retry-after"]) > 0
        assert [client.get("/api/documents", params={"q": "测试局"}).status_code for _ in range(4)] == \
            [200, 200, 200, 429]
        assert client.get("/api/documents").status_code == 200  # listing without a search is not counted

    with make_client(tmp_path / "b") as client:
        words = " ".join(f"w{n}" for n in range(5_000))
        response = client.get("/api/documents", params={"q": words})
        assert response.status_code == 422 and response.json()["detail"] == "搜索内容太长：最多 100 个字符、8 个词。"
        assert "搜索内容太长" in client.get("/", params={"q": "x" * 101}).text


def test_upload_folder_quota(tmp_path: Path) -> None:
    with make_client(tmp_path, quota=SEED.stat().st_size + 100) as client:
        assert upload(client, "江门.txt", SEED.read_bytes()).status_code == 201
        full = upload(client, "下年.txt", variant(SEED.read_text(encoding="utf-8"), 1).encode())
        assert full.status_code == 507 and "上传文件夹已满" in full.json()["detail"]
        assert client.get("/api/documents").json()["total"] == 1


def test_security_headers(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        for path in ("/", "/api/documents", "/static/style.css", "/nowhere"):
            headers = client.get(path).headers
            assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
            assert "script-src 'self';" in headers["content-security-policy"]
            assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "'unsafe-inline'" in client.get("/docs").headers["content-security-policy"].split("script-src")[1]


def test_no_server_paths_and_chinese_json_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with make_client(tmp_path) as client:
        created = upload(client, "江门.txt", SEED.read_bytes())
        doc_id = created.json()["id"]
        second = upload(client, "下年.txt", variant(SEED.read_text(encoding="utf-8"), 1, year=2025).encode()).json()
        answers = [created.text, client.get("/api/documents").text, client.get(f"/api/documents/{doc_id}").text,
                   client.get(f"/api/documents/{doc_id}/findings").text,
                   client.get("/api/compare", params={"a": doc_id, "b": second["id"]}).text]
        for text in answers:
            assert str(tmp_path) not in text and '"path"' not in text
        stored_at = str(tmp_path / "uploads" / f"{created.json()['document']['sha256']}.txt")
        probe = client.get("/api/compare", params={"a": stored_at, "b": doc_id})  # a path is no way to find a file
        assert probe.status_code == 400 and "数据库中找不到" in probe.json()["detail"]
        assert str(tmp_path) not in probe.text  # the echo is cut short
        schema = client.get("/openapi.json").json()["components"]["schemas"]["DocumentSummary"]
        assert "path" not in schema["properties"] and "file" in schema["properties"]

        huge = str(10 ** 30)
        assert client.get("/", params={"page": huge}).status_code == 200
        assert client.get("/", params={"year": "9" * 40}).status_code == 200
        assert client.get("/api/documents", params={"offset": huge}).status_code == 200
        for path in (f"/api/documents/{huge}", f"/documents/{huge}"):
            response = client.get(path)
            assert response.status_code == 422 and "请求参数无效" in response.text
        too_big_year = client.get("/api/documents", params={"year": huge})
        assert too_big_year.status_code == 422 and "year" in too_big_year.json()["detail"]

        from yusuan.store import browse

        def broken(*_):
            raise RuntimeError("/secret/server/path exploded")

        monkeypatch.setattr(browse, "facets", broken)
        failed = client.get("/api/facets")
        assert failed.status_code == 500 and failed.json()["detail"].startswith("服务器内部错误")
        assert "/secret" not in failed.text
        page = client.get("/")
        assert page.status_code == 500 and "服务器内部错误" in page.text and "/secret" not in page.text


def test_alert_text_and_status_not_taken_from_the_url(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        response = client.get("/", params={"message": "请到 evil.example 下载新版", "status": "5000"})
        assert response.status_code == 200 and "evil.example" not in response.text
        refused = upload(client, "纪要.txt", "会议纪要".encode(), path="/upload")
        assert refused.status_code == 422 and "未能存入" in refused.text  # the server's own message still shows
        assert json.loads(client.get("/api/documents").text)["total"] == 0
