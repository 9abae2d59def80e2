"""Benchmark corpora in the exact format of sources/, reproducible from a seed.

Two shapes:

- ``copies``: the five real articles copied under new ids. Every rule, mention
  and link is real work, and Bashar al-Assad is named in every article: the
  worst case for a person page and a person feed.
- ``realistic``: N articles of varied Arabic text built from the words of the
  real articles, N/10 people and N/20 events whose mentions follow a skewed
  (Zipf-like) distribution, N/50 claims whose quotes are sentences of the
  articles they cite (so the build verifies them), sha256 recorded.

Names and texts are synthetic and never published: they exist to load the
pipeline the way a large archive would.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_COPY = ("build_tools", "docs", "overrides", "schemas", "sources")

FIRST = ["سمير", "ليلى", "نادر", "هالة", "وسام", "رنا", "ماهر", "سلمى", "زياد", "دعاء", "فراس", "نور",
         "طارق", "ريم", "باسل", "عبير", "غسان", "منى", "ياسر", "هند", "أيمن", "سهى", "مروان", "لينا"]
FAMILY = ["الحلبي", "الخطيب", "العمري", "النجار", "الشامي", "الحسيني", "الزعبي", "القاسم", "الأيوبي",
          "المصري", "الدباغ", "الكردي", "السباعي", "الطحان", "العطار", "الجبوري", "الراوي", "الساعدي"]
PLACES = ["دمشق", "حلب", "حمص", "موسكو", "طهران", "بغداد", "أنقرة", "الدوحة", "بيروت", "عمّان"]
OUTLETS = ["aljazeera-net", "reuters", "network-964", "sada-elbalad"]


def _base(dest: Path) -> Path:
    for name in _COPY:
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def copies(dest: Path, n: int) -> Path:
    """The real articles, copied under new ids up to ``n`` articles."""
    _base(dest)
    arts = dest / "sources" / "articles"
    originals = sorted(arts.glob("*.yml"))
    for i in range(n - len(originals)):
        src = originals[i % len(originals)]
        new = f"{src.stem}-copy-{i}"
        shutil.copy(src.with_suffix(".txt"), arts / f"{new}.txt")
        shutil.copy(src, arts / f"{new}.yml")
    return dest


def _vocabulary() -> list[str]:
    words: list[str] = []
    for txt in sorted((ROOT / "sources" / "articles").glob("*.txt")):
        words += re.findall(r"[\u0621-\u064a]{3,}", txt.read_text("utf-8"))
    return sorted(set(words))


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def realistic(dest: Path, n: int, seed: int = 2024) -> Path:
    """``n`` synthetic articles, n/10 people, n/20 events, n/50 claims; Zipf-like mentions."""
    rng = random.Random(seed)
    _base(dest)
    src = dest / "sources"
    arts = src / "articles"
    for old in arts.iterdir():
        old.unlink()
    # A new archive: nothing of the real dossier's was published under it.
    for register in ("published-urls.txt", "redirects.yml"):
        (src / register).unlink(missing_ok=True)
    vocab = _vocabulary()
    n_people, n_events, n_claims = max(2, n // 10), max(2, n // 20), max(1, n // 50)

    people = []
    names_seen: set[str] = set()
    while len(people) < n_people:
        name = f"{rng.choice(FIRST)} {rng.choice(FAMILY)}"
        extra = rng.choice(FIRST)
        full = f"{name.split()[0]} {extra} {name.split()[1]}" if name in names_seen else name
        if full in names_seen:
            continue
        names_seen.add(full)
        people.append((f"person-{len(people) + 1}", full))
    lines = ["# yaml-language-server: $schema=../schemas/person.schema.json"]
    for pid, name in people:
        lines += [f"{pid}:", f"  name: {_q(name)}", f"  latin: {_q(pid)}", "  roles:",
                  f"    - title: {_q('شخصية في الملف')}", ""]
    (src / "people.yml").write_text("\n".join(lines), "utf-8")

    start = dt.date(2024, 11, 20)
    events = []
    lines = ["# yaml-language-server: $schema=../schemas/event.schema.json"]
    for i in range(n_events):
        eid = f"event-{i + 1}"
        day = start + dt.timedelta(days=rng.randrange(19))
        span = rng.choice([0, 0, 0, 1, 2])
        events.append(eid)
        lines += [f"{eid}:", f"  title: {_q(f'حدث رقم {i + 1} في {rng.choice(PLACES)}')}", f'  start: "{day}"']
        if span:
            lines.append(f'  end: "{day + dt.timedelta(days=span)}"')
        lines += [f"  date_note: {_q('تاريخ من مواد المدونة الاصطناعية')}",
                  f"  participants: [{', '.join(p for p, _ in rng.sample(people, 2))}]", ""]
    (src / "events.yml").write_text("\n".join(lines), "utf-8")

    # Zipf-like: the k-th person is named about 1/k as often as the first.
    weights = [1 / (k + 1) for k in range(n_people)]
    event_weights = [1 / (k + 1) for k in range(n_events)]
    sentences: dict[str, list[str]] = {}
    for i in range(n):
        aid = f"report-{i + 1:05d}"
        named = {p for p in rng.choices(range(n_people), weights, k=rng.randint(2, 6))}
        paras, sents = [], []
        for _ in range(rng.randint(6, 14)):
            para = []
            for _ in range(rng.randint(2, 4)):
                words = rng.sample(vocab, rng.randint(8, 18))
                if named and rng.random() < 0.6:
                    words.insert(rng.randrange(len(words)), people[rng.choice(sorted(named))][1])
                sentence = " ".join(words) + "."
                para.append(sentence)
                sents.append(sentence)
            paras.append(" ".join(para))
        menu = "الرئيسية | أخبار | سياسة | اقتصاد"
        raw = "\n\n".join([menu, f"تقرير رقم {i + 1}", *paras, "اقرأ أيضاً: خبر آخر لا صلة له"]) + "\n"
        data = raw.encode("utf-8")
        (arts / f"{aid}.txt").write_bytes(data)
        sentences[aid] = sents
        day = start + dt.timedelta(days=rng.randrange(30))
        listed = sorted(people[p][0] for p in named if people[p][1] in raw)
        ev = sorted({events[e] for e in rng.choices(range(n_events), event_weights, k=2)})
        (arts / f"{aid}.yml").write_text("\n".join([
            "# yaml-language-server: $schema=../../schemas/article.schema.json",
            f"title: {_q(f'تقرير رقم {i + 1}')}",
            f"outlet: {rng.choice(OUTLETS)}",
            f'url: "https://example.com/reports/{i + 1}"',
            f'published: "{day}"',
            f'added: "{start + dt.timedelta(days=rng.randrange(40))}"',
            "author: null", f"author_note: {_q('لا يذكر الكاتب')}",
            "language: ar",
            f"summary: {_q('ملخص اصطناعي لتقرير في مدونة القياس.')}",
            f"sha256: {hashlib.sha256(data).hexdigest()}",
            "provenance:", "  kind: unnamed-sources", f"  origins: [{rng.choice(OUTLETS)}]",
            f"people: [{', '.join(listed)}]",
            f"events: [{', '.join(ev)}]",
            "cleaning:", "  drop_lines: []", "",
        ]), "utf-8")

    lines = ["# yaml-language-server: $schema=../schemas/claim.schema.json"]
    ids = sorted(sentences)
    for i in range(n_claims):
        cited = rng.sample(ids, min(len(ids), rng.randint(2, 4)))
        lines += [f"claim-{i + 1}:", f"  statement: {_q(f'ادعاء اصطناعي رقم {i + 1}')}", "  sources:"]
        for j, aid in enumerate(cited):
            stance = "asserts" if j == 0 or rng.random() < 0.6 else "silent"
            lines.append(f"    - article: {aid}")
            lines.append(f"      stance: {stance}")
            if stance != "silent":
                lines.append(f"      quote: {_q(rng.choice(sentences[aid]))}")
        lines.append("")
    (src / "claims.yml").write_text("\n".join(lines), "utf-8")
    return dest


SHAPES = {"copies": copies, "realistic": realistic}
