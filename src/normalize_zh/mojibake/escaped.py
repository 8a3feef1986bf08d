"""Bytes a Python decoder kept as surrogate escapes, decoded as they were meant.

Python's ``surrogateescape`` error handler (``os.fsdecode``, ``sys.argv``,
``open(..., errors="surrogateescape")``, every decode under the C locale)
keeps each byte it cannot decode as a lone surrogate, U+DC80 to U+DCFF: the
byte 0xD6 becomes U+DCD6.  Nothing is lost, so the bytes can be read back::

    GBK 中文测试 (D6 D0 CE C4 ...) as UTF-8  ->  \\udcd6\\udcd0\\udcce\\u0132...
    UTF-8 中文 (E4 B8 AD ...) as ASCII       ->  \\udce4\\udcb8\\udcad...

Where a few of the bytes happened to be valid UTF-8 they came out as a
character of two bytes (U+0132 Ĳ is C4 B2, the tail of 文 and the head of
测), and a GBK or Big5 trail byte below 0x80 came out as the ASCII character
after an escape; both belong to the run.  A run is decoded whole in the first
encoding that reads it strictly as Chinese; any other run is left to the
lone-surrogate rule (U+FFFD, flagged).
"""

from __future__ import annotations

import re

from ..decode import LOSSY_CANDIDATES, POOR_SCORE, non_ascii_cost
from ..edits import Edit

ESCAPE = re.compile("[\udc80-\udcff]")


def _escape(char: str) -> bool:
    """A byte the decoder could not read, kept as a lone surrogate."""
    return "\udc80" <= char <= "\udcff"


def _two_bytes(char: str) -> bool:
    """A character UTF-8 writes in two bytes: some pair of escaped bytes was valid UTF-8."""
    return "\u0080" <= char <= "\u07ff"


def _trail(char: str) -> bool:
    """An ASCII character a GBK or Big5 trail byte decodes to on its own."""
    return "\x40" <= char <= "\x7e"


def escaped_runs(text: str) -> list[tuple[int, int]]:
    """Spans of escaped bytes: escapes, the two-byte characters among and beside
    them, and the ASCII character right after an escape (a double-byte encoding's
    trail byte).  One pass: a run grows from its first escape, left over two-byte
    characters, right over the rest."""
    runs: list[tuple[int, int]] = []
    covered = 0
    for match in ESCAPE.finditer(text):
        if match.start() < covered:
            continue
        start = match.start()
        while start > covered and _two_bytes(text[start - 1]):
            start -= 1
        end = match.start()
        while end < len(text):
            if _escape(text[end]):
                end += 1
                if end < len(text) and _trail(text[end]):
                    end += 1
            elif _two_bytes(text[end]):
                end += 1
            else:
                break
        runs.append((start, end))
        covered = end
    return runs


# the encodings an escaped run is read in: those a damaged file may be in,
# UTF-8 first (escaped whole under the C locale), as decode.detect tries them
ENCODINGS = tuple(encoding for _, encoding in LOSSY_CANDIDATES)


def _read(data: bytes) -> tuple[str, str] | None:
    """The best strict reading of ``data`` that reads as Chinese -- by the
    decoder's own yardstick and bar (``decode.non_ascii_cost`` at most
    ``decode.POOR_SCORE``): (text, encoding)."""
    best = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        cost = non_ascii_cost(text)[0]
        if cost <= POOR_SCORE and (best is None or cost < best[0]):
            best = (cost, text, encoding)
        if encoding == "utf-8" and best is not None:
            break  # valid UTF-8 that reads as Chinese is what it was
    return None if best is None else (best[1], best[2])


def escaped_edits(text: str) -> list[Edit]:
    """Edits decoding each run of surrogate-escaped bytes in ``text`` (a run
    that decodes strictly and reads as Chinese; others stay)."""
    edits = []
    for start, end in escaped_runs(text):
        run = text[start:end]
        data = run.encode("utf-8", "surrogateescape")
        read = _read(data)
        if read is None and run[-1].isascii():  # its last ASCII character was no trail byte
            run, data = run[:-1], data[:-1]
            read = _read(data)
        if read is not None:
            edits.append(Edit(start, start + len(run), read[0], f"escaped-bytes-as-{read[1]}"))
    return edits
