"""The DuckDB store (``docs/store.md``). Nothing is imported here, so naming the default file is free."""

DEFAULT_DB = "yusuan.duckdb"
