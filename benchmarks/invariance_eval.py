"""What a document is framed by must not change what it becomes.

Runs the corpus preset (``normalize_zh.run``) on each document of the clean
prose bed as it is and as one variant of it, and counts the documents whose
output (with the variant undone) or kind differ:

``crlf`` / ``cr``
    every LF made CR LF (a file saved on Windows) or a lone CR (old Mac OS).
``bom``
    a byte order mark before the text.
``no-final-newline``
    the final line breaks removed.
``idempotent``
    the output run again (a second pass must find nothing left to do).

    python scripts/build_beds.py build          # the bed, from the fetched mirrors
    python benchmarks/invariance_eval.py --split dev
    python benchmarks/invariance_eval.py --split dev --variant cr --show 5

Prints one line per variant (documents, differing, kinds they moved between)
and, with ``--show``, the first lines that differ in the first documents.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import re
import sys
from collections.abc import Callable
from pathlib import Path

from normalize_zh import run

BEDS = Path(__file__).resolve().parent / "work" / "beds" / "prose"

_CR = re.compile("\r\n?")

# name: (make the variant, undo it in an output)
VARIANTS: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "crlf": (lambda t: t.replace("\n", "\r\n"), lambda t: _CR.sub("\n", t)),
    "cr": (lambda t: t.replace("\n", "\r"), lambda t: _CR.sub("\n", t)),
    "bom": (lambda t: "\ufeff" + t, lambda t: t.removeprefix("\ufeff")),
    "no-final-newline": (lambda t: t.rstrip("\n"), lambda t: t.rstrip("\n")),
}


def documents(split: str) -> list[Path]:
    roots = [BEDS / name for name in (("dev", "heldout") if split == "all" else (split,))]
    return sorted(path for root in roots for path in root.rglob("*") if path.is_file())


def compare(paths: list[Path], variant: str) -> list[tuple[Path, str, str, str, str]]:
    """(path, kind, kind of the variant, output, output of the variant undone)
    of each document that differs (``idempotent``: the output run again)."""
    differing = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        base = run(text)
        if variant == "idempotent":
            expected, other = base.text, run(base.text)
            output = other.text
        else:
            make, undo = VARIANTS[variant]
            if make(text) == text:
                continue
            expected, other = undo(base.text), run(make(text))
            output = undo(other.text)
        if (base.kind, expected) != (other.kind, output):
            differing.append((path, base.kind, other.kind, expected, output))
    return differing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--variant", action="append", choices=(*VARIANTS, "idempotent"),
                        help="repeatable; default: all")
    parser.add_argument("--show", type=int, default=0, help="print the first differing lines of this many documents")
    args = parser.parse_args(argv)
    paths = documents(args.split)
    if not paths:
        print(f"no documents under {BEDS}: run python scripts/build_beds.py build", file=sys.stderr)
        return 2
    worst = 0
    for variant in args.variant or (*VARIANTS, "idempotent"):
        differing = compare(paths, variant)
        moves = collections.Counter(f"{a}->{b}" for _, a, b, _, _ in differing if a != b)
        print(f"{variant:18} {len(paths):5} documents  {len(differing):4} differ" + (f"  (kind {dict(moves)})" if moves else ""))
        for path, _, _, before, after in differing[: args.show]:
            print(f"  {path.relative_to(BEDS)}")
            for line in list(difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0))[2:6]:
                print(f"    {line[:150]}")
        worst = max(worst, len(differing))
    return 1 if worst else 0


if __name__ == "__main__":
    sys.exit(main())
