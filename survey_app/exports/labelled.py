"""SPSS (.sav), Stata (.dta) and Excel (.xlsx) files of the wide export, with variable and value labels.

pyreadstat (ReadStat, which R's haven also uses) writes the labelled files, so SPSS, Stata and R open
them with labels; openpyxl's write-only mode writes the workbook row by row. Both write to a file in a
temporary folder that is removed as soon as the download ends or is broken off. The SPSS and Stata files
are built from a pandas frame of the whole export, so they are offered up to ``BINARY_EXPORT_LIMIT``
responses; the workbook is written row by row and CSV streams, so both take any size.

Answers from a list become whole numbers 1, 2, 3 … in the list's order with the label on each; the
opt-outs are negative (−1 don't know, −2 would rather not say, −3 not applicable) and marked as missing
for SPSS. Multiple-choice options are 0/1 columns, ranks the number of the option at that rank.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..questionnaires.schema import Instrument, Item, local
from ..questionnaires.vocabulary import OPTOUTS
from .csvfile import neutralise
from .layouts import HEAD, wide_columns

BINARY_EXPORT_LIMIT = 200_000
CHUNK_BYTES = 256 * 1024
OPTOUT_NUMBERS = {"_dk": -1, "_pn": -2, "_na": -3}
_OPTOUT_LABELS = {code: (zh, en) for code, zh, en in OPTOUTS.values()}


@dataclass
class Variable:
    name: str
    label: str
    numbers: dict[str, int] = field(default_factory=dict)   # code -> number (coded variables)
    labels: dict[int, str] = field(default_factory=dict)    # number -> label
    numeric: bool = False                                   # a number item, or a coded or 0/1 column


def safe_name(name: str) -> str:
    """A variable name SPSS and Stata accept: letters, digits and _, starting with a letter, ≤ 32."""
    cleaned = re.sub(r"\W", "_", name, flags=re.ASCII) or "v"
    return (cleaned if cleaned[0].isalpha() else f"v{cleaned}")[:32]


def variables(definition: Instrument, items: list[Item], lang: str) -> list[Variable]:
    """One variable per column of the wide file (codes), with labels in ``lang``."""
    head = [Variable("response_key", "Response key (new for this export)"), Variable("month", "Month"),
            _coded("band", "Age band", [(b.id, local(b.label, lang)) for b in definition.bands]),
            _coded("setting", "Setting", [("school", "school"), ("community_centre", "community centre"),
                                          ("other", "other")]),
            Variable("district", "District code"), Variable("street", "Street code"),
            Variable("community", "Community code")]
    assert [v.name for v in head] == list(HEAD)
    by_code = {item.code: item for item in items}
    out = head
    for name, code, part in wide_columns(items):
        item = by_code[code]
        wording = local(next(iter(item.bands.values())).text, lang)
        options = item.options(lang)
        if item.type == "multiple" and part is not None:
            out.append(Variable(safe_name(name), f"{wording}: {dict(options).get(part, part)}",
                                labels={0: "no" if lang == "en" else "否", 1: "yes" if lang == "en" else "是"},
                                numeric=True))
        elif item.type == "multiple":
            out.append(Variable(safe_name(name), f"{wording} (all chosen, codes)"))
        elif item.type in ("single", "scale", "rank"):
            suffix = f" (rank {part})" if item.type == "rank" else ""
            out.append(_coded(safe_name(name), wording + suffix, options, lang))
        elif item.type == "number":
            out.append(Variable(safe_name(name), wording, numeric=True))
        else:
            out.append(Variable(safe_name(name), wording))
    return out


def _coded(name: str, label: str, options: list[tuple[str, str]], lang: str = "zh") -> Variable:
    numbers = {code: number for number, (code, _) in enumerate(options, start=1)}
    labels = {number: text for number, (_, text) in enumerate(options, start=1)}
    for code, number in OPTOUT_NUMBERS.items():
        numbers[code] = number
        labels[number] = _OPTOUT_LABELS[code][0 if lang == "zh" else 1]
    return Variable(name, label, numbers, labels, numeric=True)


def frame(rows: Iterable[list[object]], described: list[Variable]):
    """The wide rows (codes, header first) as a pandas frame of numbers and strings."""
    import pandas as pd

    iterator = iter(rows)
    next(iterator)  # the header: the variables name the columns
    columns: list[list[object]] = [[] for _ in described]
    for row in iterator:
        for index, (variable, value) in enumerate(zip(described, row, strict=True)):
            columns[index].append(_value(variable, value))
    return pd.DataFrame({v.name: pd.Series(c, dtype="float64" if v.numeric else "object")
                         for v, c in zip(described, columns, strict=True)})


def _value(variable: Variable, value: object) -> object:
    if value in ("", None):
        return None if variable.numeric else ""
    if variable.numbers:
        return variable.numbers.get(str(value))
    if variable.numeric:
        try:
            return float(value)
        except (TypeError, ValueError):
            return None
    return str(value)


def labelled_chunks(kind: str, rows: Iterable[list[object]], described: list[Variable]) -> Iterator[bytes]:
    """The file as bytes in chunks; its temporary folder goes when the generator ends or is closed."""
    folder = Path(tempfile.mkdtemp(prefix="export-"))
    try:
        path = folder / f"export.{kind}"
        if kind == "xlsx":
            _write_xlsx(path, rows)
        else:
            _write_labelled(kind, path, frame(rows, described), described)
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write_labelled(kind: str, path: Path, data, described: list[Variable]) -> None:
    import pyreadstat

    labels = {v.name: v.label[:80] for v in described}
    value_labels = {v.name: v.labels for v in described if v.labels}
    if kind == "sav":
        missing = {v.name: [{"lo": -3, "hi": -1}] for v in described if v.numbers}
        pyreadstat.write_sav(data, str(path), column_labels=labels, variable_value_labels=value_labels,
                             missing_ranges=missing)
    else:
        pyreadstat.write_dta(data, str(path), column_labels=labels, variable_value_labels=value_labels)


def _write_xlsx(path: Path, rows: Iterable[list[object]]) -> None:
    """Write-only: rows go to disk as they come, so memory stays flat whatever the size."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("responses")
    for row in rows:
        sheet.append([neutralise(value) for value in row])  # a text starting with = would be a formula
    workbook.save(path)
