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
    return sloppy(data, "cp1252")


def sloppy(data: bytes, codec: str) -> str:
    """A single-byte code page as browsers decode it: a byte it leaves
    undefined becomes the Latin-1 (C1) character of the same value."""
    out = []
    for byte in data:
        try:
            out.append(bytes((byte,)).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def big5_bytes(text: str) -> bytes:
    """``text`` (simplified) as Big5 bytes: converted to traditional, what Big5 lacks dropped."""
    return to_traditional(text).encode("big5", "ignore")


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


# More wrong readings (issue 16), each lossless: kind -> function of simplified text.
# (Kept apart from MOJIBAKE, whose kinds the shared property tests draw from.)
MORE_MOJIBAKE = {
    "gbk-as-cp1250": lambda s: sloppy(s.encode("gbk"), "cp1250"),
    "gbk-as-cp1251": lambda s: sloppy(s.encode("gbk"), "cp1251"),
    "gbk-as-cp1254": lambda s: sloppy(s.encode("gbk"), "cp1254"),
    "gbk-as-macroman": lambda s: s.encode("gbk").decode("mac-roman"),
    "gbk-as-cp866": lambda s: s.encode("gbk").decode("cp866"),
    "big5-as-cp1252": lambda s: sloppy(big5_bytes(s), "cp1252"),
    "utf8-as-cp1250": lambda s: sloppy(s.encode("utf-8"), "cp1250"),
    "utf8-as-cp1251": lambda s: sloppy(s.encode("utf-8"), "cp1251"),
    "utf8-as-cp1254": lambda s: sloppy(s.encode("utf-8"), "cp1254"),
    "utf8-as-macroman": lambda s: s.encode("utf-8").decode("mac-roman"),
}
# Lossy wrong readings: Python's decoders, which write U+FFFD for each byte they refuse.
LOSSY_MOJIBAKE = {
    "utf8-as-gbk": lambda s: s.encode("utf-8").decode("gbk", errors="replace"),
    "utf8-as-big5": lambda s: s.encode("utf-8").decode("cp950", errors="replace"),
    "utf8-as-sjis": lambda s: s.encode("utf-8").decode("cp932", errors="replace"),
    "gbk-as-big5": lambda s: s.encode("gbk").decode("big5", errors="replace"),
    "utf8-as-cp1252-strict": lambda s: s.encode("utf-8").decode("cp1252", errors="replace"),
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
