"""The store's tables, as DuckDB DDL. ``docs/store.md`` documents every column for people who query it.

One row per document (with its Document JSON, so a page or an export can always rebuild it), and
the document's contents in long form — one row per printed table cell, per narrative claim, per
finding and per cell a finding cites — so SQL can sum, filter and compare across thousands of
documents. Child rows carry ``document_id`` and are always written and deleted with their document
in one transaction. Amounts are ``DECIMAL(20,4)`` for arithmetic *and* the printed string, so
``0.00`` keeps its two places and a blank (NULL) is never mistaken for zero.
"""

from __future__ import annotations

SCHEMA_VERSION = "yusuan.store/1"

# The order of columns in each child table is the order of the Arrow batches of records.py.
DDL = f"""
CREATE SEQUENCE IF NOT EXISTS document_ids START 1;

CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT OR IGNORE INTO store_info VALUES ('schema', '{SCHEMA_VERSION}');

CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 VARCHAR NOT NULL UNIQUE,
    file VARCHAR,
    path VARCHAR,
    size BIGINT,
    entity VARCHAR,
    year INTEGER,
    kind VARCHAR,
    scope VARCHAR,
    format VARCHAR,
    unit VARCHAR,
    title VARCHAR,
    reader VARCHAR,
    errors INTEGER,
    warnings INTEGER,
    infos INTEGER,
    tables INTEGER,
    cells INTEGER,
    claims INTEGER,
    yusuan_version VARCHAR,
    ingested_at TIMESTAMPTZ,
    document JSON,
    content_sha256 VARCHAR,
    pages INTEGER,
    file_sha256 VARCHAR,
    body INTEGER,
    bodies INTEGER
);
-- stores made before these columns: they are added, the documents already there keep NULL
ALTER TABLE documents ADD COLUMN IF NOT EXISTS content_sha256 VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS pages INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_sha256 VARCHAR;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS body INTEGER;
ALTER TABLE documents ADD COLUMN IF NOT EXISTS bodies INTEGER;

CREATE TABLE IF NOT EXISTS cells (
    document_id INTEGER NOT NULL,
    table_number INTEGER,
    table_key VARCHAR,
    table_title VARCHAR,
    row_index INTEGER,
    row_code VARCHAR,
    row_label VARCHAR,
    row_ordinal VARCHAR,
    row_key VARCHAR,
    side VARCHAR,
    level INTEGER,
    column_index INTEGER,
    column_key VARCHAR,
    column_path VARCHAR[],
    column_label VARCHAR,
    printed VARCHAR,
    value DECIMAL(20, 4),
    unit VARCHAR,
    page INTEGER,
    line INTEGER
);

CREATE TABLE IF NOT EXISTS claims (
    document_id INTEGER NOT NULL,
    claim_index INTEGER,
    section VARCHAR,
    subject VARCHAR,
    name VARCHAR,
    role VARCHAR,
    amount_printed VARCHAR,
    amount DECIMAL(20, 4),
    unit VARCHAR,
    change_printed VARCHAR,
    change DECIMAL(20, 4),
    direction VARCHAR,
    percent_printed VARCHAR,
    percent DECIMAL(20, 4),
    percent_direction VARCHAR,
    comparable BOOLEAN,
    parent VARCHAR,
    goal VARCHAR,
    text VARCHAR,
    page INTEGER,
    line INTEGER
);

CREATE TABLE IF NOT EXISTS findings (
    document_id INTEGER NOT NULL,
    finding_index INTEGER,
    rule VARCHAR,
    severity VARCHAR,
    title VARCHAR,
    message VARCHAR,
    expected VARCHAR,
    actual VARCHAR
);

CREATE TABLE IF NOT EXISTS finding_cells (
    document_id INTEGER NOT NULL,
    finding_index INTEGER,
    cell_index INTEGER,
    table_number INTEGER,
    code VARCHAR,
    label VARCHAR,
    side VARCHAR,
    section VARCHAR,
    column_path VARCHAR[],
    printed VARCHAR,
    unit VARCHAR,
    page INTEGER,
    line INTEGER,
    missing BOOLEAN,
    row_index INTEGER,
    column_index INTEGER,
    boxes JSON,
    text VARCHAR
);
-- stores made before these columns: where each cell is printed on its page, a narrative cell's sentence
ALTER TABLE finding_cells ADD COLUMN IF NOT EXISTS boxes JSON;
ALTER TABLE finding_cells ADD COLUMN IF NOT EXISTS text VARCHAR;

-- A reviewer's marks, keyed by the file's sha256 (not by the document id) and, for a finding, by its rule
-- and the cells it cites: they survive the same file being read and stored again (docs/store.md).
CREATE TABLE IF NOT EXISTS reviews (
    file_sha256 VARCHAR NOT NULL,
    finding_key VARCHAR NOT NULL,
    rule VARCHAR,
    status VARCHAR NOT NULL,
    note VARCHAR,
    updated_at TIMESTAMPTZ,
    PRIMARY KEY (file_sha256, finding_key)
);

CREATE TABLE IF NOT EXISTS document_reviews (
    file_sha256 VARCHAR PRIMARY KEY,
    status VARCHAR NOT NULL,
    note VARCHAR,
    updated_at TIMESTAMPTZ
);

CREATE TABLE IF NOT EXISTS failures (
    path VARCHAR PRIMARY KEY,
    file VARCHAR,
    sha256 VARCHAR,
    reason VARCHAR,
    failed_at TIMESTAMPTZ
);
"""

# Tables whose rows belong to one document, in the order they are written.
CHILD_TABLES = ("cells", "claims", "findings", "finding_cells")
