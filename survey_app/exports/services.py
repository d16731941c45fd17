"""Researcher exports: plan one (what, in which form, for which responses), log it, and stream it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from flask_babel import gettext as _

from ..auth.models import User
from ..core.audit import record_event
from ..privacy.disclosure import k_anonymise_classes
from ..questionnaires.models import QuestionnaireVersion
from ..questionnaires.services import get_definition
from .codebook import COLUMNS, codebook_rows
from .csvfile import csv_chunks
from .labelled import BINARY_EXPORT_LIMIT, labelled_chunks, variables
from .layouts import long_rows, wide_rows
from .responses import EXPORT_K, ExportFilters, class_sizes, exported_items, stream_responses

FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "sav": "application/x-spss-sav", "dta": "application/x-stata-dta"}


class ExportRefused(ValueError):
    """The export cannot be made as asked; the message says why, for people."""


@dataclass(frozen=True)
class ExportRequest:
    layout: str = "wide"
    labels: bool = False              # labels instead of codes (wide; long has both)
    lang: str = "zh"
    bom: bool = True
    include_text: bool = False        # free text: the redacted words, never one that reached the lead
    file_format: str = "csv"          # csv, or for the wide file also xlsx, sav (SPSS) and dta (Stata)
    filters: ExportFilters = field(default_factory=ExportFilters)


@dataclass(frozen=True)
class PlannedExport:
    filename: str
    rows: int                         # responses going out (codebook: its rows)
    withheld: int                     # responses k-anonymity withheld
    chunks: Iterator[str] | Iterator[bytes]
    mimetype: str = "text/csv"


def plan_export(version: QuestionnaireVersion, request: ExportRequest, *, actor: User) -> PlannedExport:
    """Count what goes out, log the export, and return its CSV as a stream (nothing is written to disk,
    so a download broken off leaves nothing behind)."""
    definition = get_definition(version)
    name = f"{version.questionnaire.slug}-v{version.version}-{request.layout}"
    if request.layout == "codebook":
        rows = codebook_rows(definition)
        table = [list(COLUMNS), *([row.values()[c] for c in COLUMNS] for row in rows)]
        _log(actor, version, request, len(rows), 0)
        return PlannedExport(f"{name}.csv", len(rows), 0, csv_chunks(table, bom=request.bom))
    sizes = class_sizes(version, definition, request.filters)
    released = k_anonymise_classes(sizes, k=EXPORT_K)
    going = sum(n for key, n in sizes.items() if released.get(key) is not False)
    if not going:  # nothing to send: the page says so, and there is no export to log
        return PlannedExport(f"{name}.csv", 0, sum(sizes.values()), iter(()))
    binary = request.file_format != "csv"
    if binary and request.layout != "wide":
        raise ExportRefused(_("Excel, SPSS and Stata files hold the wide layout: choose Wide, or CSV."))
    if request.file_format in ("sav", "dta") and going > BINARY_EXPORT_LIMIT:
        raise ExportRefused(_("%(n)d responses are more than an SPSS or Stata file is built for here "
                              "(%(limit)d): narrow the filters, or choose CSV or Excel, which take any size.",
                              n=going, limit=BINARY_EXPORT_LIMIT))
    _log(actor, version, request, going, sum(sizes.values()) - going)
    responses = stream_responses(version, definition, request.filters, released, request.include_text)
    if binary:
        items = exported_items(definition, request.include_text)
        labelled = request.file_format != "xlsx"  # SPSS and Stata carry codes with their labels attached
        table = wide_rows(responses, definition, items, request.labels and not labelled, request.lang)
        chunks = labelled_chunks(request.file_format, table, variables(definition, items, request.lang))
        return PlannedExport(f"{name}.{request.file_format}", going, sum(sizes.values()) - going, chunks,
                             FORMATS[request.file_format])
    if request.layout == "long":
        table = long_rows(responses, definition, request.lang)
    else:
        table = wide_rows(responses, definition, exported_items(definition, request.include_text), request.labels,
                          request.lang)
    return PlannedExport(f"{name}.csv", going, sum(sizes.values()) - going, csv_chunks(table, bom=request.bom))


def _log(actor: User, version: QuestionnaireVersion, request: ExportRequest, rows: int, withheld: int) -> None:
    filters = {key: str(value) for key, value in asdict(request.filters).items() if value}
    record_event(actor, "export_responses", version.label, {
        "layout": request.layout, "labels": request.labels, "lang": request.lang, "bom": request.bom,
        "text": request.include_text, "format": request.file_format, "filters": filters, "rows": rows,
        "withheld": withheld})
