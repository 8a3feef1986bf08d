"""Every spot of seeds/EXPECTED.md, on the default normalize() (preset corpus).

The spots are read from EXPECTED.md itself, so this test checks what that file
says and nothing else.
"""

from __future__ import annotations

import re

import pytest

from normalize_zh import normalize, run
from normalize_zh.script import converter

from .conftest import SEEDS, seed_text

HAN = "\u4e00-\u9fff"


def _expected() -> dict[str, dict]:
    text = (SEEDS / "EXPECTED.md").read_text(encoding="utf-8")
    sections = re.split(r"^## (\d{3}) .*$", text, flags=re.M)
    spots: dict[str, dict] = {}
    for number, body in zip(sections[1::2], sections[2::2]):
        entry = {"contains": [], "own_line": [], "gone": [], "metadata": {}, "keep": []}
        for block in re.split(r"\n\s*\n", body):
            head = block.strip().split("\n", 1)[0]
            quoted = re.findall(r"`([^`]+)`", block)
            if head.startswith("Contains"):
                entry["contains"] += quoted
            elif head.startswith("Own line"):
                entry["own_line"] += quoted
            elif head.startswith("Gone"):
                entry["gone"] += quoted
            elif "Result.metadata" in block:
                entry["metadata"] = dict(re.findall(r"the (\w+)\s+\(`([^`]+)`\)", block))
            elif head.startswith("With `to=\"keep\"`"):
                entry["keep"] += [q for q in quoted if q != 'to="keep"']
        spots[number] = entry
    return spots


EXPECTED = _expected()


def _params(kind: str) -> list:
    return [pytest.param(number, spot, id=f"{number}:{spot}") for number, entry in EXPECTED.items() for spot in entry[kind]]


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return {number: normalize(seed_text(number)) for number in EXPECTED}


def test_expected_md_was_parsed():
    assert set(EXPECTED) == {"000", "001", "002", "003", "004"}
    assert sum(len(e["contains"]) for e in EXPECTED.values()) >= 20
    assert EXPECTED["002"]["metadata"] == {"date": "2022-12-12 10:05", "source": "济源网-济源日报", "editor": "赵红媚"}


@pytest.mark.parametrize("number, spot", _params("contains"))
def test_contains(outputs, number, spot):
    assert spot in outputs[number]


@pytest.mark.parametrize("number, spot", _params("own_line"))
def test_own_line(outputs, number, spot):
    assert spot in outputs[number].splitlines()


@pytest.mark.parametrize("number, spot", _params("gone"))
def test_gone(outputs, number, spot):
    assert spot not in outputs[number]


@pytest.mark.parametrize("number", [n for n, e in EXPECTED.items() if e["metadata"]])
def test_metadata(number):
    metadata = run(seed_text(number)).metadata
    for key, value in EXPECTED[number]["metadata"].items():
        assert metadata.get(key) == value


@pytest.mark.parametrize("number, spot", _params("keep"))
def test_keep_script(number, spot):
    assert spot in normalize(seed_text(number), to="keep")


@pytest.mark.parametrize("number", sorted(EXPECTED))
def test_global_rules(outputs, number):
    out = outputs[number]
    raw = seed_text(number)
    assert not re.search(rf"[{HAN}][(（][a-zü\u0100-\u01dc]+[)）]", out), "a pinyin annotation is left"
    for stray in (",,", ",、", ",。", "，，", "，、", "，。"):
        assert stray not in out
    assert not re.search(rf"[{HAN}][,;:()?!]|[,;:()?!][{HAN}]", out), "ASCII punctuation next to Han"
    assert converter("t2s").convert(out) == out, "t2s would still change something"
    assert not any(line.strip() == "" and line for line in out.split("\n")), "white-space-only line"
    assert '"' not in out or '"' in raw, "curly quotes made straight"
    kept = normalize(raw, boilerplate=False, reflow=False)  # every line kept: every quote too
    assert (kept.count("“"), kept.count("”")) == (raw.count("“"), raw.count("”")), "curly quotes lost"


def test_seed_004_misaligned_gbk_with_boilerplate_kept():
    result = run(seed_text("004"), boilerplate=False, to="keep")
    assert "前沿熱點" in result.text
    assert "違" in result.text and "現象仍存在" in result.text
    lost = [f for f in result.flags if f.kind == "misaligned-gbk"]
    assert lost and all(f.start is not None for f in lost)
    assert all(result.text[f.start : f.end] in ("?", "？") for f in lost)
