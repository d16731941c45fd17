"""Load for ``bench.bench_submit``: realistic band-D survey payloads and the concurrent keep-alive clients.

``make_templates`` builds distinct surveys from the shipped instrument (with placeholders for the submission
id and the free text, and the rows each one stores); ``survey_bodies`` fills in a new id and text per request;
``drive`` runs concurrent ``http.client`` clients for a fixed time and counts what came back in a ``Run``.
"""

from __future__ import annotations

import csv
import http.client
import json
import random
import secrets
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from survey_app.fieldwork.breakdowns import breakdowns_of, crossed_tallies
from survey_app.questionnaires.answers import asked_with_rule

from .submit_setup import ROOT, BenchError

INSTRUMENT = ROOT / "questionnaires" / "me-and-my-city" / "instrument.yaml"
DEMO_PLACES = ROOT / "survey_app" / "demo" / "places.csv"
BAND = "D"
ID_MARK, TEXT_MARK = b"@@SUBMISSION_ID@@", b"@@FREE_TEXT@@"

# A child's suggestion to the mayor, put together from parts so that nearly every text is new
# (screening caches its segmentation; real answers rarely repeat).
TEXT_PARTS = (
    ("希望", "我建议", "请", "我想", "能不能", "可以", "如果可以，", "市长您好，", "我觉得应该", "最好"),
    ("在学校附近", "在我们小区旁边", "在公园里", "在地铁站", "在图书馆", "在河边", "在街道上", "在社区中心",
     "在放学的路上", "在广场"),
    ("多建一些", "增加", "修好", "多种一些", "多开放一些", "安装更多", "改善", "多放一些"),
    ("儿童游乐场", "树和花", "自行车道", "红绿灯", "饮水机", "休息的椅子", "图书角", "篮球场", "安全的人行道",
     "干净的厕所", "遮阳的地方", "路灯"),
    ("，让我们玩得更开心。", "，这样上学更安全。", "。", "，因为现在太少了。", "，谢谢！", "，小朋友都会喜欢。",
     "，夏天太热了。", ""),
)



# ---------------------------------------------------------------- payloads


@dataclass(frozen=True)
class Template:
    """One survey body with placeholders for the submission id and the free text, and the rows it makes."""

    body: bytes
    items: int  # items answered
    answers: int  # answers rows
    texts: int  # text_answers rows
    tallies: int  # (item, value) counts added to answer_tallies
    breakdowns: int = 0  # counts added to breakdown_tallies (background answers × indicator values)


@dataclass(frozen=True)
class Instrument:
    items: list  # band items always asked (no relevance rule) that store an answer
    rank_items: list[str]
    multiple_items: list[str]
    text_items: list[str]  # every free-text item of the band (the baseline must know them all)
    definition: Any = None  # the whole parsed instrument: relevance rules and breakdowns


def read_instrument() -> Instrument:
    from survey_app.questionnaires.loader import read_definition

    definition, problems = read_definition(INSTRUMENT)
    if definition is None:
        raise BenchError(f"{INSTRUMENT} has problems: {problems}")
    band_items = [item for item in definition.items_for(BAND) if item.stores_answer]
    return Instrument(items=[item for item in band_items if item.relevant is None and item.constraint is None],
                      rank_items=[item.code for item in band_items if item.type == "rank"],
                      multiple_items=[item.code for item in band_items if item.type == "multiple"],
                      text_items=[item.code for item in band_items if item.type == "text"], definition=definition)


def street_codes() -> list[str]:
    with DEMO_PLACES.open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle) if row["level"] == "street"]


def random_answer(item: Any, rng: random.Random, streets: list[str]) -> Any:
    """A valid answer to one item; now and then an opt-out where the item offers one."""
    from survey_app.questionnaires.vocabulary import OPTOUTS

    optouts = [OPTOUTS[name][0] for name in item.optouts]
    if optouts and item.type != "text" and rng.random() < 0.05:
        return rng.choice(optouts)
    codes = [choice.code for choice in item.choices]
    if item.type in ("scale", "single", "consent"):
        return rng.choice(codes)
    if item.type == "multiple":
        plain = [choice.code for choice in item.choices if not choice.exclusive]
        return rng.sample(plain, rng.randint(1, min(item.max_choices or len(plain), len(plain))))
    if item.type == "rank":
        return rng.sample(codes, min(item.top or len(codes), len(codes)))
    if item.type == "place":
        return rng.choice(streets)
    if item.type == "number":
        low, high = int(item.minimum or 0), int(item.maximum if item.maximum is not None else 100)
        return rng.randint(low, high)
    if item.type == "text":
        return TEXT_MARK.decode()
    raise BenchError(f"no answer generator for item type {item.type}")


def make_templates(instrument: Instrument, with_text: bool, count: int = 256, seed: int = 1) -> list[Template]:
    """Distinct realistic band-D surveys; the client fills in a new id (and text) for every request."""
    rng, streets = random.Random(seed), street_codes()
    templates = []
    for _ in range(count):
        answers = {item.code: random_answer(item, rng, streets) for item in instrument.items
                   if with_text or item.type != "text"}
        # What intake counts (fieldwork.intake.stored_rows): each value, '_text' per text, '_answered' for a
        # multiple-choice or rank item with a substantive answer, rank positions, and the response once.
        values, texts, types = {("_responses", "_n")}, 0, {item.code: item.type for item in instrument.items}
        for code, answer in answers.items():
            if code in instrument.text_items:
                texts += 1
                values.add((code, "_text"))
            else:
                chosen = [str(v) for v in (answer if isinstance(answer, list) else [answer])]
                values.update((code, v) for v in chosen)
                if types[code] == "rank":  # and each ranked option at its position
                    values.update((code, f"_r{p}:{v}") for p, v in enumerate(chosen, 1) if not v.startswith("_"))
                if types[code] in ("multiple", "rank") and any(not v.startswith("_") for v in chosen):
                    values.add((code, "_answered"))
        # items with a relevance rule these answers show, and each background answer × the indicator values
        values.update((code, "_asked") for code in asked_with_rule(instrument.definition, BAND, answers))
        crossed = crossed_tallies(instrument.definition, sorted(values), ("_responses", "_n"), "_answered")
        breakdowns = len(breakdowns_of(instrument.definition, answers)) * len(crossed)
        body = json.dumps({"submission_id": ID_MARK.decode(), "band": BAND, "answers": answers}, ensure_ascii=False)
        rows = sum(len(a) if isinstance(a, list) else 1 for code, a in answers.items()
                   if code not in instrument.text_items)
        templates.append(Template(body.encode(), len(answers), rows, texts, len(values), breakdowns))
    return templates


def free_text(rng: random.Random) -> bytes:
    return "".join(rng.choice(part) for part in TEXT_PARTS).encode()


# ---------------------------------------------------------------- load


@dataclass
class Run:
    """What one timed run of concurrent clients got back."""

    seconds: float = 0.0
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)  # rows the 201 answers promise

    @property
    def created(self) -> int:
        return self.statuses[201]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def created_rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0

    def add(self, other: Run) -> None:
        self.requests += other.requests
        self.statuses.update(other.statuses)
        self.errors.update(other.errors)
        self.expected.update(other.expected)


BodyMaker = Callable[[random.Random], tuple[bytes | None, Template | None]]


def drive(port: int, method: str, path: str, headers: dict[str, str], make_body: BodyMaker, seconds: float,
          clients: int) -> Run:
    """``clients`` threads, each with its own keep-alive connection, send requests for ``seconds``."""
    start_line = threading.Barrier(clients + 1)
    shared = {"deadline": 0.0}
    total, lock = Run(), threading.Lock()

    def client(number: int) -> None:
        rng, mine = random.Random(secrets.randbits(128)), Run()  # ids never repeat across runs
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start_line.wait()
        deadline = shared["deadline"]
        try:
            while time.perf_counter() < deadline:
                body, template = make_body(rng)
                try:
                    connection.request(method, path, body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    mine.errors[type(error).__name__] += 1
                    connection.close()
                    continue
                mine.requests += 1
                mine.statuses[response.status] += 1
                if response.status == 201 and template is not None:
                    mine.expected.update(responses=1, answers=template.answers, texts=template.texts,
                                         tallies=template.tallies, breakdowns=template.breakdowns)
        finally:
            connection.close()
            with lock:
                total.add(mine)

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    shared["deadline"] = started + seconds
    start_line.wait()
    for thread in threads:
        thread.join()
    total.seconds = time.perf_counter() - started
    return total


def survey_bodies(templates: list[Template]) -> BodyMaker:
    def make(rng: random.Random) -> tuple[bytes, Template]:
        template = rng.choice(templates)
        body = template.body.replace(ID_MARK, str(uuid.UUID(int=rng.getrandbits(128), version=4)).encode())
        if template.texts:
            body = body.replace(TEXT_MARK, free_text(rng))
        return body, template

    return make


def no_body(rng: random.Random) -> tuple[None, None]:
    return None, None
