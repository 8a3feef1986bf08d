"""Mojibake repair: held-out synthetic damage, and a set of real-world mojibake.

Section "heldout": each paragraph of tests/data/heldout_zh.txt (car-forum
comments, news headlines, court rulings; never used to write a rule) is
damaged in each way of tests/support/damage.py and repaired with
normalize_zh.mojibake.fix_encoding.  Reports, per kind, the share repaired
exactly, the character error rate (CER) against the original and the
unflagged wrong characters (UWC, below); and, for the clean paragraphs
(simplified and traditional), the share left unchanged.  One more kind,
``utf8-as-gbk-dropped``, drops one byte of each paragraph's UTF-8 (at a
position fixed by the paragraph's number) before a GBK decoder that skips
what it cannot read: lossy damage with no U+FFFD left to see.

Section "wild": benchmarks/data/mojibake_wild.jsonl (real damage from public
repositories, issue threads and pages; see benchmarks/data/README.md), run
through three repairers side by side:

    fix_encoding  normalize_zh.mojibake.fix_encoding (flags from fix_encoding_outcome)
    minimal       normalize_zh.run(text, "minimal"): decoding and mojibake only
    ftfy          ftfy.fix_text with the settings normalize-zh uses it with
                  (uncurl_quotes=False, fix_character_width=False); no flags

Each damaged entry is repaired twice: the bare damaged span, and the line it
was found in (``context``; the right answer is the line with ``original`` in
place of ``damaged``, and, for a lossless entry, any other stretch of the line
repaired in a way that damaging it the entry's way gives back exactly: lines
hold more mojibake than the one span an entry names, "ÇëÏêÌîÁªÂçµç»°." beside it,
and repairing those is no error).  Per kind of damage:

    exact     share of the lossless entries repaired exactly
    CER       character error rate on the lossy entries (against the clean text)
    unflagged wrong characters (UWC): output characters that differ from the
              right answer and lie in no flag's span (a deletion counts when no
              flag touches its position); the goal is 0: repair it or flag it

Clean entries (``clean-*`` kinds) must come out unchanged: a changed one is a
false repair (goal 0).  ``msvc-fill`` entries are not text; the right answer
leaves them as they are.

    python benchmarks/mojibake_eval.py                  # both sections, tables
    python benchmarks/mojibake_eval.py --section wild -v  # with failures
    python benchmarks/mojibake_eval.py --json           # machine-readable
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import ftfy  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from normalize_zh import run  # noqa: E402
from normalize_zh.edits import apply_edits  # noqa: E402
from normalize_zh.mojibake import fix_encoding, fix_encoding_outcome  # noqa: E402
from tests.support.damage import MOJIBAKE, cer, expected_for, heldout, to_traditional  # noqa: E402
from verify_mojibake_set import DEFAULT_SET, is_negative, load  # noqa: E402

# --- held-out section (the original report of this script) ------------------------------


def dropped_byte(text: str, seed: int) -> str:
    """UTF-8 ``text`` with one byte of a Chinese character dropped, read as
    GBK by a decoder that skips what it cannot decode (the damage of the
    wild set's ``utf8-as-gbk-lossy`` entries: no U+FFFD is left to see)."""
    data = bytearray(text.encode("utf-8"))
    high = [i for i, byte in enumerate(data) if byte >= 0x80]
    if high:
        del data[random.Random(seed).choice(high)]
    return bytes(data).decode("gbk", errors="ignore")


def heldout_report(verbose: bool = False) -> dict:
    texts = heldout()
    kinds = {}
    cases = {kind: (damage, lossless) for kind, (damage, lossless) in MOJIBAKE.items()}
    cases["utf8-as-gbk-dropped"] = (None, False)
    for kind, (damage, lossless) in cases.items():
        exact = 0
        errors = chars = before = unflagged = 0
        failures = []
        for number, text in enumerate(texts):
            expected = expected_for(kind, text) if damage is not None else text
            broken = damage(text) if damage is not None else dropped_byte(text, number)
            outcome = fix_encoding_outcome(broken)
            repaired = apply_edits(broken, outcome.edits)
            exact += repaired == expected
            errors += cer(repaired, expected) * len(expected)
            before += cer(broken, expected) * len(expected)
            unflagged += unflagged_wrong(repaired, expected, _spans(outcome.flags))
            chars += len(expected)
            if verbose and repaired != expected:
                failures.append((broken[:60], repaired[:60]))
        kinds[kind] = {
            "lossless": lossless,
            "exact": exact / len(texts),
            "cer": errors / chars,
            "cer_before": before / chars,
            "uwc": unflagged,
            "failures": failures,
        }
    clean = {}
    for label, variant in (("simplified", texts), ("traditional", [to_traditional(t) for t in texts])):
        clean[label] = {"unchanged": sum(fix_encoding(t) == t for t in variant), "n": len(variant)}
    return {"paragraphs": len(texts), "kinds": kinds, "clean": clean}


def print_heldout(report: dict) -> None:
    print(f"{report['paragraphs']} held-out paragraphs")
    print(f"{'kind':20} {'lossless':>8} {'exact':>8} {'CER':>8} {'CER before':>11} {'UWC':>6}")
    for kind, row in report["kinds"].items():
        for broken, repaired in row["failures"]:
            print("   ", repr(broken), "->", repr(repaired))
        print(
            f"{kind:20} {str(row['lossless']):>8} {row['exact']:8.2%} {row['cer']:8.3%} {row['cer_before']:11.1%} {row['uwc']:6}"
        )
    for label, row in report["clean"].items():
        print(f"clean {label:14} unchanged {row['unchanged']}/{row['n']}")


# --- the real-world set ------------------------------------------------------------------


def repair_fix_encoding(text: str) -> tuple[str, list[tuple[int, int]]]:
    outcome = fix_encoding_outcome(text)
    return apply_edits(text, outcome.edits), _spans(outcome.flags)


def repair_minimal(text: str) -> tuple[str, list[tuple[int, int]]]:
    result = run(text, "minimal")
    return result.text, _spans(result.flags)


def repair_ftfy(text: str) -> tuple[str, list[tuple[int, int]]]:
    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False), []


SYSTEMS = {"fix_encoding": repair_fix_encoding, "minimal": repair_minimal, "ftfy": repair_ftfy}


def _spans(flags) -> list[tuple[int, int]]:
    """Character spans of the flags that have one (undecodable-byte flags are byte offsets)."""
    return [(f.start, f.end) for f in flags if f.start is not None and f.end is not None and f.kind != "undecodable"]


def unflagged_wrong(output: str, expected: str, flags: list[tuple[int, int]]) -> int:
    """Output characters that differ from ``expected`` and lie outside every flag span."""

    def covered(position: int) -> bool:
        return any(start <= position < end for start, end in flags)

    def touched(position: int) -> bool:
        return any(start <= position <= end for start, end in flags)

    wrong = 0
    for op in Levenshtein.opcodes(expected, output):
        if op.tag == "equal":
            continue
        if op.dest_end > op.dest_start:
            wrong += sum(not covered(j) for j in range(op.dest_start, op.dest_end))
        elif not touched(op.dest_start):
            wrong += op.src_end - op.src_start
    return wrong


def redamage(text: str, steps: list[str]) -> str | None:
    """``text`` damaged by the entry's recorded steps, when they are plain
    codec steps (``encode:gbk``, ``decode:latin-1``); None for the others."""
    data: str | bytes = text
    try:
        for step in steps:
            action, _, codec = step.partition(":")
            if action == "encode" and isinstance(data, str) and ":" not in codec:
                data = data.encode(codec)
            elif action == "decode" and isinstance(data, bytes) and ":" not in codec:
                data = data.decode(codec)
            else:
                return None
    except (UnicodeError, LookupError):
        return None
    return data if isinstance(data, str) else None


def expected_line(entry: dict, output: str) -> str:
    """The right answer for the entry's context line, given what a repairer
    made of it: the line with ``original`` for ``damaged``, where the output
    differs from that only by stretches that are provably the same damage
    undone (each damaged the entry's way gives the line's stretch back)."""
    expected = entry["context"].replace(entry["damaged"], entry["original"], 1)
    steps = entry.get("verified_by") or []
    if output == expected or not entry.get("lossless") or redamage("", steps) is None:
        return expected
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, expected, output, autojunk=False).get_opcodes():
        if tag == "replace" and redamage(output[j1:j2], steps) == expected[i1:i2]:
            pieces.append(output[j1:j2])
        else:
            pieces.append(expected[i1:i2])
    return "".join(pieces)


def evaluate_entry(entry: dict, repair) -> dict:
    damaged, original = entry["damaged"], entry["original"]
    bare, bare_flags = repair(damaged)
    in_context, context_flags = repair(entry["context"])
    expected_context = expected_line(entry, in_context)
    return {
        "bare": bare,
        "context": in_context,
        "expected_context": expected_context,
        "exact_bare": bare == original,
        "exact_context": in_context == expected_context,
        "cer_bare": cer(bare, original),
        "cer_context": cer(in_context, expected_context),
        "chars_bare": len(original),
        "chars_context": len(expected_context),
        "uwc_bare": unflagged_wrong(bare, original, bare_flags),
        "uwc_context": unflagged_wrong(in_context, expected_context, context_flags),
        "flagged_context": bool(context_flags),
    }


def _summarise(rows: list[tuple[dict, dict]]) -> dict:
    """rows: (entry, result) pairs of one kind (or all kinds) for one system."""
    lossless = [(e, r) for e, r in rows if e["lossless"]]
    lossy = [(e, r) for e, r in rows if not e["lossless"]]
    out = {
        "n": len(rows),
        "lossless": len(lossless),
        "lossy": len(lossy),
        "exact_bare": sum(r["exact_bare"] for _, r in lossless),
        "exact_context": sum(r["exact_context"] for _, r in lossless),
        "uwc_bare": sum(r["uwc_bare"] for _, r in rows),
        "uwc_context": sum(r["uwc_context"] for _, r in rows),
    }
    for where in ("bare", "context"):
        chars = sum(r[f"chars_{where}"] for _, r in lossy)
        errors = sum(r[f"cer_{where}"] * r[f"chars_{where}"] for _, r in lossy)
        out[f"cer_{where}"] = errors / chars if chars else None
    return out


def wild_report(path: Path = DEFAULT_SET) -> dict:
    entries = load(path)
    damaged = [e for e in entries if not is_negative(e["kind"])]
    clean = [e for e in entries if is_negative(e["kind"])]
    report: dict = {"path": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
                    "entries": len(entries), "damaged": len(damaged), "clean": len(clean), "systems": {}}
    for name, repair in SYSTEMS.items():
        per_kind: dict[str, list] = defaultdict(list)
        results = {}
        for entry in damaged:
            result = evaluate_entry(entry, repair)
            results[entry["id"]] = result
            per_kind[entry["kind"]].append((entry, result))
        negatives: dict[str, dict] = defaultdict(lambda: {"n": 0, "changed_bare": 0, "changed_context": 0, "changed": []})
        for entry in clean:
            bare, _ = repair(entry["damaged"])
            in_context, _ = repair(entry["context"])
            row = negatives[entry["kind"]]
            row["n"] += 1
            row["changed_bare"] += bare != entry["damaged"]
            row["changed_context"] += in_context != entry["context"]
            if bare != entry["damaged"] or in_context != entry["context"]:
                row["changed"].append({"id": entry["id"], "input": entry["context"], "output": in_context})
        everything = [pair for pairs in per_kind.values() for pair in pairs]
        report["systems"][name] = {
            "kinds": {kind: _summarise(pairs) for kind, pairs in sorted(per_kind.items())},
            "overall": _summarise(everything),
            "negatives": dict(sorted(negatives.items())),
            "false_repairs": sum(len(row["changed"]) for row in negatives.values()),
            "results": results,
        }
    return report


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "-"


def _cer(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def print_wild(report: dict, verbose: bool = False) -> None:
    systems = list(report["systems"])
    print(f"\nReal-world set {report['path']}: {report['entries']} entries, "
          f"{report['damaged']} damaged, {report['clean']} clean")
    print("exact = lossless entries repaired exactly (bare span / in its context line); "
          "CER on lossy entries (bare / context); UWC = unflagged wrong characters in context")
    head = f"{'kind':20} {'n':>3} {'ll':>3}"
    for name in systems:
        head += f" | {name:^37}"
    print(head)
    sub = f"{'':20} {'':>3} {'':>3}"
    for _ in systems:
        sub += f" | {'bare':>6} {'ctx':>6} {'CERb':>6} {'CERc':>6} {'UWC':>6}"
    print(sub)
    kinds = list(report["systems"][systems[0]]["kinds"]) + ["overall"]
    for kind in kinds:
        first = report["systems"][systems[0]]
        row = first["overall"] if kind == "overall" else first["kinds"][kind]
        line = f"{kind:20} {row['n']:>3} {row['lossless']:>3}"
        for name in systems:
            s = report["systems"][name]
            r = s["overall"] if kind == "overall" else s["kinds"][kind]
            line += (f" | {_pct(r['exact_bare'], r['lossless']):>6} {_pct(r['exact_context'], r['lossless']):>6}"
                     f" {_cer(r['cer_bare']):>6} {_cer(r['cer_context']):>6} {r['uwc_context']:>6}")
        if kind == "overall":
            print("-" * len(line))
        print(line)
    print(f"\n{'clean (must not change)':24} {'n':>3}" + "".join(f" | {name + ' bare/ctx':>20}" for name in systems))
    negative_kinds = list(report["systems"][systems[0]]["negatives"])
    totals = {name: [0, 0] for name in systems}
    for kind in negative_kinds:
        n = report["systems"][systems[0]]["negatives"][kind]["n"]
        line = f"{kind:24} {n:>3}"
        for name in systems:
            r = report["systems"][name]["negatives"][kind]
            totals[name][0] += r["changed_bare"]
            totals[name][1] += r["changed_context"]
            line += f" | {str(r['changed_bare']) + '/' + str(r['changed_context']):>20}"
        print(line)
    print(f"{'false repairs':24} {report['clean']:>3}" + "".join(f" | {f'{b}/{c}':>20}" for b, c in totals.values()))
    if verbose:
        print_failures(report)


def print_failures(report: dict, system: str = "minimal", limit: int = 60) -> None:
    print(f"\nFailures of {system} in context (input -> output -> expected):")
    entries = {e["id"]: e for e in load(DEFAULT_SET)}
    shown = 0
    for ident, result in report["systems"][system]["results"].items():
        if result["exact_context"] and result["uwc_context"] == 0:
            continue
        entry = entries[ident]
        print(f"  {ident}: {entry['context']!r}\n      -> {result['context']!r}\n      => {result['expected_context']!r}")
        shown += 1
        if shown >= limit:
            break
    for kind, row in report["systems"][system]["negatives"].items():
        for change in row["changed"]:
            print(f"  {change['id']} (false repair): {change['input']!r}\n      -> {change['output']!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mojibake repair on held-out damage and on real-world mojibake.")
    parser.add_argument("--section", choices=("all", "heldout", "wild"), default="all")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the failures")
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the real-world set (JSON lines)")
    args = parser.parse_args(argv)
    out = {}
    if args.section in ("all", "heldout"):
        out["heldout"] = heldout_report(verbose=args.verbose)
    if args.section in ("all", "wild"):
        out["wild"] = wild_report(args.set)
    if args.json:
        if "wild" in out and not args.verbose:
            for system in out["wild"]["systems"].values():
                system.pop("results")
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if "heldout" in out:
        print_heldout(out["heldout"])
    if "wild" in out:
        print_wild(out["wild"], verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
