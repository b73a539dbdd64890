"""``yusuan query`` touches nothing but its database: every way DuckDB has to read or write a file, load an
extension or reach a network is refused with one Chinese line (issue 14 found each of these working)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEED
from yusuan.store.db import Store
from yusuan.store.work import analyse_file

REFUSED = "yusuan query 只能查询数据库中的表：不能读写其他文件、安装或加载扩展、访问网络，也不能更改这些设置。"


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """The store with the seed, another yusuan database beside it, and a file a query must not read."""
    with Store(tmp_path / "s.duckdb") as store:
        store.put(analyse_file(SEED).records)
    with Store(tmp_path / "other.duckdb") as other:
        other.put(analyse_file(SEED).records)
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")
    return {"db": tmp_path / "s.duckdb", "other": tmp_path / "other.duckdb", "secret": secret, "dir": tmp_path}


STATEMENTS = [
    "COPY documents TO '{other}' (FORMAT csv)",
    "COPY (SELECT entity FROM documents) TO '{dir}/out.csv'",
    "EXPORT DATABASE '{dir}/export'",
    "SELECT * FROM read_text('{secret}')",
    "SELECT * FROM read_csv('{secret}')",
    "SELECT * FROM '{secret}'",
    "SELECT * FROM read_blob('{secret}')",
    "SELECT * FROM glob('{dir}/*')",
    "ATTACH '{other}' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SELECT * FROM read_csv('https://example.com/data.csv')",
    "SET enable_external_access = true",
    "RESET lock_configuration",
]


@pytest.mark.parametrize("statement", STATEMENTS)
def test_escape_refused(cli, place: dict[str, Path], statement: str) -> None:
    before = place["other"].read_bytes()
    code, out, err = cli("query", statement.format(**{k: v.as_posix() for k, v in place.items()}),
                         "--db", str(place["db"]))
    assert (code, out) == (2, "") and REFUSED in err and "\n" not in err.strip()
    assert "hunter2" not in err
    assert place["other"].read_bytes() == before
    assert sorted(p.name for p in place["dir"].iterdir()) == ["other.duckdb", "s.duckdb", "secret.csv"]


def test_ordinary_queries_still_answer(cli, place: dict[str, Path]) -> None:
    code, out, _ = cli("query", "SELECT entity, count(*) AS n FROM cells JOIN documents d ON d.id = document_id "
                       "GROUP BY entity", "--db", str(place["db"]), "-f", "csv")
    assert code == 0 and out == "entity,n\n江门市社会保险基金管理局,666\n"
    code, out, _ = cli("query", "SELECT json_extract(document, '$.meta.year') AS y, regexp_matches(entity, '局$') "
                       "AS m FROM documents", "--db", str(place["db"]), "-f", "json")
    assert code == 0 and '"y": "2024"' in out and '"m": true' in out
