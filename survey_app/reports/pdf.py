"""HTML pages printed to PDF with WeasyPrint, offline: only the app's own static files are read.

WeasyPrint lays out HTML and CSS itself (Pango for text, so Chinese shapes and wraps correctly with the
Noto CJK fonts the README's commands install); it is the well-kept choice for print CSS in Python.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

STATIC_PREFIX = "/static/"
_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


def pdf_from_html(html: str, static_dir: Path) -> bytes:
    """The page as PDF; a link to anything but the app's static files is not fetched (no network)."""
    from weasyprint import HTML  # imported here: Pango loads only when a PDF is asked for
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = static_dir.resolve()

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlparse(url).path
            target = (root / path[len(STATIC_PREFIX):]).resolve() if path.startswith(STATIC_PREFIX) else None
            if target is None or root not in target.parents or not target.is_file():
                raise ValueError(f"not fetched for a PDF: {url}")
            return URLFetcherResponse(url, target.read_bytes(),
                                      {"Content-Type": _TYPES.get(target.suffix, "application/octet-stream")})

    return HTML(string=html, base_url="http://app.invalid/", url_fetcher=StaticOnly()).write_pdf()
