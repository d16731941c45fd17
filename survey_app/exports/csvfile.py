"""CSV as spreadsheets read it safely: RFC 4180 quoting (the csv module), UTF-8 with a byte-order mark
by default so Excel opens Chinese correctly, and a cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return) neutralised with a leading apostrophe (OWASP's
advice for CSV injection). A plain number such as -3 stays a number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

FORMULA_CHARS = "=+-@\t\r"
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
BOM = "\ufeff"
ROWS_PER_CHUNK = 500


def neutralise(value: object) -> object:
    """The value as a spreadsheet may safely read it; numbers pass through (the writer prints them)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value if isinstance(value, int | float) else neutralise(str(value))
    if value and value[0] in FORMULA_CHARS and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[Sequence[object]], *, bom: bool = True) -> Iterator[str]:
    """The rows as CSV text in chunks of a few hundred rows, so a download streams with flat memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write(BOM)
    for count, row in enumerate(rows, start=1):
        writer.writerow([neutralise(value) for value in row])
        if count % ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()
