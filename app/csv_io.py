"""CSV helpers shared by every slice: safe export and validated import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_IMPORT_ROWS = 5000


def safe_cell(value: Any) -> str:
    """Neutralise spreadsheet formula injection: cells that start like a formula get a
    leading apostrophe, so Excel or Sheets shows them as text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()


class CsvError(ValueError):
    """The file as a whole is unusable (encoding, header, size)."""


DELIMITERS = ",;\t"


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: comma, semicolon (spreadsheets in many
    European locales) or tab. A one-column header has none to find; comma then."""
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def read_csv(data: bytes, required: Sequence[str], optional: Sequence[str] = ()) -> list[dict]:
    """Parse an uploaded CSV into dicts keyed by lower-case header names, each with its
    1-based line number under '_line'. Raises CsvError naming the problem."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvError("The file is not UTF-8 text. Save it as 'CSV UTF-8' and retry.") from exc
    delimiter = sniff_delimiter(text)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvError(f"Missing column(s): {', '.join(missing)}. Expected: "
                       f"{', '.join(list(required) + list(optional))}, separated by commas "
                       "or semicolons, in the first line.")
    unknown = [h for h in header if h not in required and h not in optional]
    if unknown:
        raise CsvError(f"Unknown column(s): {', '.join(unknown)}.")
    reader.fieldnames = header
    rows = []
    for row in reader:
        if len(rows) >= MAX_IMPORT_ROWS:
            raise CsvError(f"Too many rows: at most {MAX_IMPORT_ROWS} per file.")
        if None in row:
            raise CsvError(f"Line {reader.line_num}: more cells than columns.")
        rows.append({k: (v or "").strip() for k, v in row.items()} | {"_line": reader.line_num})
    if not rows:
        raise CsvError("The file has a header but no rows.")
    return rows
