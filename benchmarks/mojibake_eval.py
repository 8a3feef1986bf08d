"""Mojibake repair on held-out real sentences, per kind of damage.

Each paragraph of tests/data/heldout_zh.txt (car-forum comments, news
headlines, court rulings; never used to write a rule) is damaged in each way
of tests/support/damage.py and repaired with normalize_zh.mojibake.fix_encoding.
Reports, per kind, the share repaired exactly and the character error rate
(CER) against the original; and, for the clean paragraphs (simplified and
traditional), the share left unchanged.

    python benchmarks/mojibake_eval.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from normalize_zh.mojibake import fix_encoding  # noqa: E402
from tests.support.damage import MOJIBAKE, cer, expected_for, heldout, to_traditional  # noqa: E402


def main() -> int:
    texts = heldout()
    print(f"{len(texts)} held-out paragraphs")
    print(f"{'kind':20} {'lossless':>8} {'exact':>8} {'CER':>8} {'CER before':>11}")
    for kind, (damage, lossless) in MOJIBAKE.items():
        exact = 0
        errors = chars = before = 0
        for text in texts:
            expected = expected_for(kind, text)
            broken = damage(text)
            repaired = fix_encoding(broken)
            exact += repaired == expected
            errors += cer(repaired, expected) * len(expected)
            before += cer(broken, expected) * len(expected)
            chars += len(expected)
            if "-v" in sys.argv and repaired != expected:
                print("   ", repr(broken[:60]), "->", repr(repaired[:60]))
        print(
            f"{kind:20} {str(lossless):>8} {exact / len(texts):8.2%} {errors / chars:8.3%} {before / chars:11.1%}"
        )
    for label, variant in (("simplified", texts), ("traditional", [to_traditional(t) for t in texts])):
        unchanged = sum(fix_encoding(t) == t for t in variant)
        print(f"clean {label:14} unchanged {unchanged}/{len(variant)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
