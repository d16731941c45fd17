"""The kiosk's service worker, served from /k/ so that it may control the survey pages.

Service workers run only in a secure context: HTTPS, or the machine's own address
(``localhost``). On a school LAN over plain HTTP the tablets work as before but a reload
without Wi-Fi cannot come back (README: *HTTPS on a school LAN*).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from flask import current_app, url_for

from .blueprint import bp

#: What a tablet needs to draw the survey with no network (the survey page itself is kept separately).
ASSETS = ("css/kiosk.css", "css/bars.css", "img/icon.svg", "img/faces.svg", "img/pictures.svg",
          "js/outbox.js", "js/rules.js", "js/speech.js", "js/facilitator.js", "js/screens.js", "js/items.js",
          "js/kiosk.js")


@lru_cache(maxsize=4)
def _worker_source(static_folder: str, urls: tuple[str, ...]) -> str:
    """The worker with its asset list and a version that changes whenever an asset does."""
    folder = Path(static_folder)
    digest = hashlib.sha256()
    for name in (*ASSETS, "js/sw.js"):
        digest.update((folder / name).read_bytes())
    prelude = f"var VERSION = {json.dumps(digest.hexdigest()[:16])};\nvar ASSETS = {json.dumps(list(urls))};\n"
    return prelude + (folder / "js" / "sw.js").read_text(encoding="utf-8")


@bp.get("/sw.js")
def service_worker():
    urls = tuple(url_for("static", filename=name) for name in ASSETS)
    source = _worker_source(current_app.static_folder, urls)
    return source, 200, {"Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache",
                         "Service-Worker-Allowed": "/k/"}
