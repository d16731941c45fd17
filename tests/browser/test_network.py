"""The tablet talks only to this server, and the survey page is small enough for weak school Wi-Fi."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.stored import wait_for_responses

pytestmark = pytest.mark.browser

PAGE_BUDGET = 150 * 1024


def test_full_run_requests_only_this_server_and_the_page_weighs_at_most_150_kb(kiosk, make_session, page, context):
    """Join → unlock → a whole band A survey → thanks: every request goes to the live server."""
    context.set_extra_http_headers({"Accept-Encoding": "gzip, br"})
    requests, loads = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda response: loads.append(response))
    session = make_session(bands=("A",))
    kiosk.unlock(session, shots=False)
    survey_url = page.url
    kiosk.start(age=7, shots=False)
    kiosk.answer_all("A", {"P08": ["garden"]}, shots=False)
    kiosk.send(shots=False)
    wait_for_responses(1)

    server = urlsplit(kiosk.base).netloc
    assert {urlsplit(url).netloc for url in requests} == {server}, "the tablet may only talk to this server"

    first_load = {}
    for response in loads[next(i for i, r in enumerate(loads) if r.url == survey_url):]:
        if response.request.method == "GET" and response.status == 200 and response.url not in first_load:
            first_load[response.url] = response
    weights = {url: _transferred(response) for url, response in first_load.items()}
    table = "\n".join(f"  {size:>7,} B  {encoding:<5} {urlsplit(url).path}"
                      for url, (size, encoding) in sorted(weights.items(), key=lambda kv: -kv[1][0]))
    total = sum(size for size, _ in weights.values())
    print(f"\nsurvey page load, as transferred (body bytes, Content-Encoding):\n{table}\n  {total:>7,} B  total")
    kinds = {urlsplit(url).path.rsplit(".", 1)[-1] for url in weights}
    assert {"css", "js", "svg"} <= kinds and survey_url in weights
    assert total <= PAGE_BUDGET, f"the survey page transfers {total:,} bytes (budget {PAGE_BUDGET:,})"


def _transferred(response) -> tuple[int, str]:
    """The body bytes that crossed the network (compressed when compressed), and the encoding."""
    sizes = response.request.sizes()
    encoding = response.headers.get("content-encoding", "none")
    size = sizes["responseBodySize"] or int(response.headers.get("content-length") or len(response.body()))
    return size, encoding
