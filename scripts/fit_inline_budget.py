"""How much inline-parsing work real Markdown takes: the figures behind
``markdown.INLINE_WORK_PER_CHARACTER`` and ``INLINE_WORK_BASE``.

For every inline block (paragraph, heading, table cell) of the Markdown files
under the given directories (default: the clean test beds,
benchmarks/work/beds, built by scripts/build_beds.py), the work its inline
parse spends in ``markdown.markdown_regions`` is counted -- one unit per rule
call and per token a link label's scan skips -- and divided by the block's
length.  Printed: the distribution of units per character over blocks of at
least MIN_LENGTH characters, the largest block cost of the short ones, and
the blocks closest to the budget.

    python scripts/fit_inline_budget.py [DIR ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

from normalize_zh import markdown

MIN_LENGTH = 40  # below this a block's cost is mostly the base, not per character
DEFAULT = Path(__file__).resolve().parent.parent / "benchmarks" / "work" / "beds"


def block_costs(text: str) -> list[tuple[int, int, str]]:
    """(length, units spent, first characters) of each inline block of ``text``."""
    costs = []
    original = markdown._Budget

    class Measured(original):
        def __init__(self, content: str) -> None:
            super().__init__(content)
            self.start = self.left
            self.content = content
            costs.append(self)

    markdown._Budget = Measured
    try:
        markdown.markdown_regions(text)
    finally:
        markdown._Budget = original
    return [(len(b.content), b.start - b.left, b.content[:40]) for b in costs]


def main(argv: list[str]) -> int:
    roots = [Path(a) for a in argv] or [DEFAULT]
    long_rates, short_costs, worst, all_costs = [], [], [], []
    files = 0
    for root in roots:
        for path in sorted(root.rglob("*.md")):
            files += 1
            for length, units, head in block_costs(path.read_text(encoding="utf-8", errors="replace")):
                all_costs.append((length, units, head))
                if length >= MIN_LENGTH:
                    long_rates.append(units / length)
                    worst.append((units / length, length, str(path), head))
                else:
                    short_costs.append(units)
    if not long_rates:
        print("no Markdown blocks found", file=sys.stderr)
        return 1
    long_rates.sort()
    short_costs.sort()
    n = len(long_rates)
    print(f"{files} files, {n} blocks of >= {MIN_LENGTH} characters, {len(short_costs)} shorter")
    for share in (0.5, 0.9, 0.99, 0.999, 1.0):
        print(f"  units per character, {share:6.1%} of blocks at most: {long_rates[min(n - 1, int(share * n))]:.2f}")
    print(f"  short blocks: at most {short_costs[-1] if short_costs else 0} units")
    every = [(length, units) for length, units, _ in all_costs]
    for shortest in (100, 200, 1000):
        rates = [units / length for length, units in every if length >= shortest]
        if rates:
            print(f"  blocks of >= {shortest} characters: at most {max(rates):.2f} units per character")
    per = markdown.INLINE_WORK_PER_CHARACTER
    needed = max(units - per * length for length, units in every)
    print(f"budget: {per} per character + {markdown.INLINE_WORK_BASE}; the beds need a base of {needed:.0f} at that rate")
    over = [(length, units) for length, units in every if units > per * length + markdown.INLINE_WORK_BASE]
    print(f"blocks over the budget: {len(over)}")
    for rate, length, path, head in sorted(worst, reverse=True)[:5]:
        print(f"  {rate:.2f}/char  {length:6d} chars  {path}  {head!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
