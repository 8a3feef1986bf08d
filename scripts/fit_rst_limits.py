"""What real reStructuredText costs docutils: the figures behind
``rst.INLINE_WORK_PER_CHARACTER``, ``rst.INLINE_WORK_BASE`` and
``rst.MAX_NESTING``.

For every ``.rst`` file under the given directories (distinct contents only),
each piece ``rst.pieces`` cuts is parsed with an unlimited budget and the
inline work it spends (characters searched for start-strings) is counted;
its nesting depth is measured too.  Printed: the distribution of work per
character over pieces, the base a piece needs at the configured rate, the
deepest nesting, and the pieces closest to the limits.

    python scripts/fit_rst_limits.py DIR [DIR ...]

(The figures in rst.py come from every .rst file of at least 3,000 bytes under
/root, /usr and /opt of the development machine: Python's own docs, numpy,
awscli, cmake, gsutil's vendored packages.)
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from normalize_zh import rst

MIN_BYTES = 3_000


def piece_costs(text: str) -> list[tuple[int, int, int]]:
    """(length, inline work, nesting) of each piece of ``text``."""
    costs = []
    for start, end in rst.pieces(text):
        piece = text[start:end]
        inliner = rst._budgeted_inliner(10**15)  # counts, never stops
        from docutils.parsers.rst import Parser
        from docutils.utils import new_document

        document = new_document("<fit>", rst._settings())
        try:
            Parser(inliner=inliner).parse(piece, document)
        except Exception:
            continue
        spent = inliner.search_budget.spent if hasattr(inliner, "search_budget") else 0
        costs.append((len(piece), spent, rst.nesting(text, start, end)))
    return costs


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    seen: set[str] = set()
    rows = []
    for root in map(Path, argv):
        for path in sorted(root.rglob("*.rst")) if root.is_dir() else [root]:
            try:
                data = path.read_bytes()
            except OSError:
                continue
            digest = hashlib.md5(data).hexdigest()
            if len(data) < MIN_BYTES or digest in seen:
                continue
            seen.add(digest)
            for length, work, depth in piece_costs(data.decode("utf-8", errors="replace")):
                rows.append((work / length, length, work, depth, str(path)))
    if not rows:
        print("no reST files found", file=sys.stderr)
        return 1
    rates = sorted(row[0] for row in rows)
    n = len(rates)
    print(f"{len(seen)} files, {n} pieces")
    for share in (0.5, 0.9, 0.99, 1.0):
        print(f"  inline work per character, {share:6.1%} of pieces at most: {rates[min(n - 1, int(share * n))]:.1f}")
    per = rst.INLINE_WORK_PER_CHARACTER
    needed = max(work - per * length for _, length, work, _, _ in rows)
    print(f"budget: {per} per character + {rst.INLINE_WORK_BASE}; at that rate the files need a base of {max(needed, 0)}")
    print(f"deepest nesting: {max(row[3] for row in rows)} (limit {rst.MAX_NESTING})")
    for rate, length, work, depth, path in sorted(rows, reverse=True)[:5]:
        print(f"  {rate:7.1f}/char {length:7d} chars  depth {depth}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
