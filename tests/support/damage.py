"""Realistic damage, made the way real pipelines make it, for tests and evaluations.

Every function takes clean text and returns it damaged; none of them knows
how normalize-zh repairs anything.
"""

from __future__ import annotations

import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "data" / "heldout_zh.txt"


def heldout(kind: str | None = None) -> list[str]:
    """Held-out real paragraphs ([forum], [title], [court]), never used to write rules."""
    out = []
    for line in HELDOUT.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        label, _, text = line.partition(" ")
        if kind is None or label == f"[{kind}]":
            out.append(text)
    return out


@functools.cache
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config + ".json")


def to_traditional(text: str, config: str = "s2t") -> str:
    return _opencc(config).convert(text)


def sloppy_cp1252(data: bytes) -> str:
    """cp1252 as browsers decode it: undefined bytes become the Latin-1 (C1) character."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes((b,)).decode("cp1252") for b in data
    )


# kind -> (function of simplified text, lossless?)
MOJIBAKE = {
    "utf8-as-latin1": (lambda s: s.encode("utf-8").decode("latin-1"), True),
    "utf8-as-cp1252": (lambda s: sloppy_cp1252(s.encode("utf-8")), True),
    "gbk-as-latin1": (lambda s: s.encode("gbk").decode("latin-1"), True),
    "gbk-as-cp1252": (lambda s: sloppy_cp1252(s.encode("gbk")), True),
    # lossy where a byte left over before ASCII or a line end is dropped (中, -> 涓�,)
    "utf8-as-gb18030": (lambda s: s.encode("utf-8").decode("gb18030", errors="replace"), False),
    "utf8-as-gbk-lossy": (lambda s: s.encode("utf-8").decode("gbk", errors="replace"), False),
    "big5-as-gb18030": (lambda s: to_traditional(s).encode("big5", "ignore").decode("gb18030"), True),
    "big5-as-gbk-lossy": (
        lambda s: to_traditional(s).encode("big5", "ignore").decode("gbk", errors="replace"),
        False,
    ),
    "gbk-as-big5-lossy": (lambda s: s.encode("gbk").decode("big5", errors="replace"), False),
    "big5-as-latin1": (lambda s: to_traditional(s).encode("big5", "ignore").decode("latin-1"), True),
}


def expected_for(kind: str, text: str) -> str:
    """What a repair of ``kind`` damage to ``text`` should give back."""
    if kind.startswith("big5"):
        return to_traditional(text).encode("big5", "ignore").decode("big5")
    return text


def levenshtein(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate of ``hypothesis`` against ``reference``."""
    if not reference:
        return 0.0 if not hypothesis else 1.0
    return levenshtein(hypothesis, reference) / len(reference)
