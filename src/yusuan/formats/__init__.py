"""Disclosure formats declared as data (one TOML file each) and how to tell them apart."""

from yusuan.formats.spec import ColumnSpec, FormatSpec, RowSpec, TableSpec, all_formats, load_format

__all__ = ["ColumnSpec", "FormatSpec", "RowSpec", "TableSpec", "all_formats", "load_format"]
