"""No superlinear path in mojibake repair (issue 19): a long line of damage
costs in proportion to its length (``mojibake._utf8_spans`` once copied the
rest of the line for every run)."""

from __future__ import annotations

import time

from normalize_zh.mojibake import fix_encoding_outcome

from .support.damage import heldout


def _seconds(text: str) -> float:
    start = time.process_time()
    fix_encoding_outcome(text)
    return time.process_time() - start


def test_a_long_line_of_mojibake_is_linear():
    line = "".join(heldout()).encode("utf-8").decode("gbk", errors="replace")
    small = line[:20_000]
    large = (line * (1 + 200_000 // len(line)))[:200_000]
    fix_encoding_outcome(small)  # tables load once
    ratio = _seconds(large) / max(_seconds(small), 1e-3)
    assert ratio < 25  # ten times the text: linear is 10; quadratic would be 100
