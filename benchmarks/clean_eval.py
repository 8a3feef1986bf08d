#!/usr/bin/env python3
"""Clean-bed evaluation: what does normalize-zh change in files that were already right?

    python scripts/build_beds.py build                     # once: materialize the beds
    python benchmarks/clean_eval.py --bed all --split dev -j 2

Hook bed: each file is copied to a temporary directory under its own name and
the pre-commit hook is run on it exactly as a user's ``pre-commit`` would
(``normalize_zh.cli.main(["--hook", name])``, in-process, from that
directory); the bytes after are compared with the bytes before.

Prose bed: ``normalize_zh.run(data)`` with the default (corpus) preset; the
decoded input is compared with ``result.text``.

Every change is found by diffing (lines, then characters within lines), so a
change no step recorded still counts; each is judged by
``benchmarks/clean_rules.py`` (repair / normalization / damage, and the rule
that decided) and attributed to the steps whose change records fall on it.
Byte conventions (encoding, BOM, line endings, final newline) are compared
separately.  Output: a summary table on stdout, every damaged file's hunks in
``benchmarks/work/clean_eval/<bed>-<split>.md``, a summary in
``benchmarks/results/clean-<date>.md`` (``--summary`` to choose the path,
``--no-summary`` to skip it).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime
import difflib
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import build_beds  # noqa: E402
import clean_rules  # noqa: E402
from clean_rules import Change  # noqa: E402

EVAL_WORK = ROOT / "benchmarks" / "work" / "clean_eval"
RESULTS = ROOT / "benchmarks" / "results"
CLASSES = ("repair", "normalization", "damage")
LINE_BREAK = re.compile(r"\r\n|\r|\n")
EXAMPLES_PER_PATTERN = 3
HUNKS_PER_FILE = 150  # damaging changes listed per file in the hunks report (a re-flowed file has thousands)
CONTEXT = 12  # characters of context either side of a character change in reports


# -- running the tool -------------------------------------------------------------------


def run_hook(entry: dict, data: bytes) -> tuple[bytes, int, str]:
    """The hook on a copy of the file, from the copy's directory, as pre-commit runs it."""
    from normalize_zh import cli

    directory = tempfile.mkdtemp(prefix="clean-eval-")
    name = os.path.basename(entry["name"])
    target = Path(directory, name)
    target.write_bytes(data)
    stderr = io.StringIO()
    here = os.getcwd()
    try:
        os.chdir(directory)
        with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
            status = cli.main(["--hook", name])
        return target.read_bytes(), status, stderr.getvalue()
    finally:
        os.chdir(here)
        shutil.rmtree(directory, ignore_errors=True)


def decode_as(data: bytes, encoding: str | None) -> str | None:
    if encoding is None:
        return None
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("cp950" if encoding == "big5" else encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def attribution(text: str, config_name: str):
    """(start, end in ``text``, step) for each change the pipeline records on ``text``."""
    from normalize_zh import Config
    from normalize_zh.pipeline import input_offsets, run_text

    result = run_text(text, Config.preset(config_name))
    return result.text, [(offset, offset + len(change.before), change.step) for change, offset in zip(result.changes, input_offsets(result.changes))]


# -- finding the changes ---------------------------------------------------------------------


def split_lines(text: str) -> tuple[list[str], bool]:
    """Lines without their ends, and whether the text ended with a line break."""
    final = text.endswith(("\n", "\r"))
    if final:
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    return LINE_BREAK.split(text), final


def syntax_regions(kind: str, name: str, lines: list[str]) -> tuple[set[int], dict[int, list[tuple[int, int]]]]:
    """What is syntax rather than running text, per kind: whole lines (0-based)
    and, per line, column spans.  A change there is never a prose
    normalization (clean_rules: ``in_code``).

    Markdown: code blocks, front matter and HTML blocks (markdown-it-py's token
    maps) and backtick spans.  Subtitles: SRT/VTT cue numbers and timings; in
    ASS/SSA everything but a Dialogue event's text, and its {override} tags.
    gettext: comments, msgid/msgctxt and the keyword of msgstr lines."""
    whole: set[int] = set()
    spans: dict[int, list[tuple[int, int]]] = {}
    extension = os.path.splitext(name)[1].lower()
    if kind == "markdown":
        from markdown_it import MarkdownIt
        from mdit_py_plugins.front_matter import front_matter_plugin

        parser = MarkdownIt("commonmark").use(front_matter_plugin)
        for token in parser.parse("\n".join(lines)):
            if token.type in ("fence", "code_block", "front_matter", "html_block") and token.map:
                whole.update(range(token.map[0], token.map[1]))
        for number, line in enumerate(lines):
            if "`" in line:
                spans[number] = [(m.start(), m.end()) for m in re.finditer(r"(`+)(?:(?!\1).)+?\1", line)]
    elif kind == "subtitles" and extension in (".ass", ".ssa"):
        for number, line in enumerate(lines):
            if not line.startswith("Dialogue:"):
                whole.add(number)
                continue
            commas = [m.start() for m in re.finditer(",", line)]
            text_start = commas[8] + 1 if len(commas) >= 9 else len(line)
            spans[number] = [(0, text_start)] + [(m.start(), m.end()) for m in re.finditer(r"\{[^}]*\}", line)]
    elif kind == "subtitles":
        for number, line in enumerate(lines):
            if line.strip().isdigit() or "-->" in line or line.startswith("WEBVTT"):
                whole.add(number)
    elif kind == "po":
        in_msgstr = False
        for number, line in enumerate(lines):
            stripped = line.lstrip()
            if stripped.startswith("msgstr"):
                in_msgstr = True
                spans[number] = [(0, line.find('"') + 1 if '"' in line else len(line))]
            elif stripped.startswith('"') and in_msgstr:
                spans[number] = [(0, line.find('"') + 1)]
            else:
                in_msgstr = False
                whole.add(number)
    return whole, spans


BLOCK_CHARS = 200_000  # a changed block longer than this is reported whole, not diffed by character


_KEYS: dict[str, str] = {}


def alignment_key(text: str) -> str:
    """``text`` with each character replaced by a folded form of the same
    length: OpenCC's t2s of the character alone, then NFKC (full-width marks
    and spaces fold to ASCII).  The diff aligns on keys, so a paragraph run
    through t2s or a line whose marks changed width still lines up with its
    original, and the differences are then read from the real characters."""
    import unicodedata

    missing = {c for c in set(text) if c not in _KEYS}
    if missing:
        chars = sorted(missing)
        converted = clean_rules._opencc("t2s").convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # pragma: no cover - OpenCC keeps line breaks
            converted = chars
        for char, simple in zip(chars, converted):
            folded = unicodedata.normalize("NFKC", simple) if len(simple) == 1 else simple
            _KEYS[char] = folded if len(folded) == 1 else (simple if len(simple) == 1 else char)
    return "".join(_KEYS[c] for c in text)


def find_changes(before: str, after: str, kind: str, name: str = "") -> list[Change]:
    """The changes from ``before`` to ``after``: lines first, then, inside each
    changed block, characters; a line break removed is a join, a blank line
    removed a deletion, and so on (``Change.type``)."""
    a, a_final = split_lines(before)
    b, b_final = split_lines(after)
    changes: list[Change] = []
    if a_final != b_final and after:
        changes.append(Change("bytes", f"final newline: {'yes' if a_final else 'no'}", "yes" if b_final else "no", len(a)))
    code_lines, code_spans = syntax_regions(kind, name, a)
    # lines: anchored on lines that occur once on each side (patience), so that a
    # frequent line (a code fence, a blank) cannot pull the alignment astray
    # Blank and near-blank lines (a fence, "---") are junk: they may extend a
    # match but never start one (a blank line of a hard-wrapped page is no
    # witness that the lines around it still correspond).
    for tag, i1, i2, j1, j2 in token_opcodes([alignment_key(x) for x in a], [alignment_key(x) for x in b], exact=LINES_EXACT, junk=_trivial_line):
        if tag == "equal":
            for offset in range(i2 - i1):
                if a[i1 + offset] != b[j1 + offset]:
                    changes.extend(_block_changes(a, i1 + offset, a[i1 + offset], b[j1 + offset], code_lines, code_spans))
            continue
        if tag == "replace" and i2 - i1 == j2 - j1 and all(_alike(a[i1 + k], b[j1 + k]) for k in range(i2 - i1)):
            # lines changed in place: line by line (cheap, and what a reader pairs)
            for offset in range(i2 - i1):
                changes.extend(_block_changes(a, i1 + offset, a[i1 + offset], b[j1 + offset], code_lines, code_spans))
            continue
        # a pure deletion or insertion of lines keeps the line break that
        # separates it from its neighbours: diff it with that break
        old = "\n".join(a[i1:i2])
        new = "\n".join(b[j1:j2])
        if tag == "delete":
            old, new = old + "\n", ""
        elif tag == "insert":
            old, new = "", new + "\n"
        if len(old) + len(new) > BLOCK_CHARS:
            changes.append(Change("block", old, new, i1 + 1, line_before=old[:2000], line_after=new[:2000], in_code=bool(code_lines & set(range(i1, i2)))))
            continue
        changes.extend(_block_changes(a, i1, old, new, code_lines, code_spans))
    return changes


# clauses (runs between marks and white space), white space runs, single marks
_TOKEN = re.compile(r"[^\s，。！？；：、,.!?;:()（）「」『』“”\"'<>《》\[\]`*#|]+|\n|[^\S\n]+|.", re.DOTALL)


LINES_EXACT = 40  # line ranges longer than this are anchored on unique lines first
TOKENS_EXACT = 3000  # difflib's exact alignment is quadratic at worst: above this many tokens, anchor first


def _matching_blocks(old: list[str], new: list[str], lo1: int, hi1: int, lo2: int, hi2: int, out: list, exact: int = TOKENS_EXACT, junk=None) -> None:
    """Matching token blocks (i, j, n) between old[lo1:hi1] and new[lo2:hi2].

    Small ranges: difflib's longest-match-first.  Large ones: patience
    anchoring (tokens that occur once on each side, longest increasing chain),
    then each gap between anchors alone; a reflowed page becomes a few
    thousand small problems instead of one quadratic one."""
    if (hi1 - lo1) + (hi2 - lo2) <= exact:
        matcher = difflib.SequenceMatcher(junk, old[lo1:hi1], new[lo2:hi2], autojunk=False)
        out.extend((lo1 + i, lo2 + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        return
    counts1 = collections.Counter(old[lo1:hi1])
    counts2 = collections.Counter(new[lo2:hi2])
    where2 = {key: j for j, key in enumerate(new[lo2:hi2], lo2) if counts2[key] == 1}
    pairs = [(i, where2[key]) for i, key in enumerate(old[lo1:hi1], lo1) if counts1[key] == 1 and key in where2 and len(key) > 1 and not (junk and junk(key))]
    chain = _longest_increasing(pairs)
    if not chain:
        matcher = difflib.SequenceMatcher(junk, old[lo1:hi1], new[lo2:hi2], autojunk=True)
        out.extend((lo1 + i, lo2 + j, n) for i, j, n in matcher.get_matching_blocks() if n)
        return
    previous = (lo1, lo2)
    for i, j in chain:
        _matching_blocks(old, new, previous[0], i, previous[1], j, out, exact, junk)
        out.append((i, j, 1))
        previous = (i + 1, j + 1)
    _matching_blocks(old, new, previous[0], hi1, previous[1], hi2, out, exact, junk)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both coordinates (pairs come sorted by the first)."""
    import bisect

    tails: list[int] = []  # smallest second coordinate ending a chain of each length
    tail_index: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        back.append(tail_index[k - 1] if k else -1)
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def token_opcodes(old: list[str], new: list[str], exact: int = TOKENS_EXACT, junk=None) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes, anchored on unique items first when long (see _matching_blocks)."""
    blocks: list[tuple[int, int, int]] = []
    _matching_blocks(old, new, 0, len(old), 0, len(new), blocks, exact, junk)
    opcodes = []
    i = j = 0
    for a, b, n in sorted(blocks) + [(len(old), len(new), 0)]:
        if i < a or j < b:
            opcodes.append(("replace" if i < a and j < b else "delete" if i < a else "insert", i, a, j, b))
        if n:
            opcodes.append(("equal", a, a + n, b, b + n))
        i, j = a + n, b + n
    return opcodes


def char_edits(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """(i1, i2, j1, j2) for each run of edits from ``old`` to ``new``.

    Two levels, as a reader would line them up: clauses first (difflib's
    longest-match-first alignment over clause tokens, on folded keys), then
    characters inside each changed run of clauses (rapidfuzz's insert/delete
    alignment where installed).  A character-level LCS over a whole block would
    pair a clause with a far-away look-alike.  Neighbouring edits are merged,
    except that a line break always stands alone, so that a join is never
    hidden inside a character change."""
    old_tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(old)]
    new_tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(new)]
    old_keys = [alignment_key(old[a:b]) for a, b in old_tokens]
    new_keys = [alignment_key(new[a:b]) for a, b in new_tokens]
    pieces: list[tuple[int, int, int, int] | None] = []

    def same_length(i1: int, j1: int, length: int) -> None:
        for k in range(length):  # equal keys, maybe different characters (a conversion, a width change)
            pieces.append((i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) if old[i1 + k] != new[j1 + k] else None)

    for tag, t1, t2, u1, u2 in token_opcodes(old_keys, new_keys):
        i1 = old_tokens[t1][0] if t1 < len(old_tokens) else len(old)
        i2 = old_tokens[t2 - 1][1] if t2 > t1 else i1
        j1 = new_tokens[u1][0] if u1 < len(new_tokens) else len(new)
        j2 = new_tokens[u2 - 1][1] if u2 > u1 else j1
        if tag == "equal":
            same_length(i1, j1, i2 - i1)
            continue
        for op, a1, a2, b1, b2 in _char_ops(old[i1:i2], new[j1:j2]):
            a1, a2, b1, b2 = a1 + i1, a2 + i1, b1 + j1, b2 + j1
            if op == "equal":
                same_length(a1, b1, a2 - a1)
            elif op == "replace" and ("\n" in old[a1:a2] or "\n" in new[b1:b2]):
                pieces.extend((a1 + k, a1 + k + 1, b1 + k, b1 + k + 1) for k in range(a2 - a1))
            else:
                pieces.append((a1, a2, b1, b2))
    merged: list[tuple[int, int, int, int]] = []
    previous = None
    for piece in pieces:
        if piece is None:
            previous = None
            continue
        i1, i2, j1, j2 = piece
        touches_break = "\n" in old[i1:i2] or "\n" in new[j1:j2]
        if previous is not None and not touches_break and merged[-1][1] == i1 and merged[-1][3] == j1:
            p1, _, q1, _ = merged[-1]
            merged[-1] = (p1, i2, q1, j2)
        else:
            merged.append(piece)
        previous = None if touches_break else piece
    return merged


def _char_ops(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    if not old or not new:
        return [("delete" if old else "insert", 0, len(old), 0, len(new))] if old or new else []
    try:
        from rapidfuzz.distance import Indel

        return [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in Indel.opcodes(alignment_key(old), alignment_key(new))]
    except ImportError:  # pragma: no cover
        return difflib.SequenceMatcher(None, alignment_key(old), alignment_key(new), autojunk=False).get_opcodes()


def _trivial_line(key: str) -> bool:
    return len(key.strip()) <= 3


def _alike(old: str, new: str) -> bool:
    """Two lines a reader would pair: their folded forms mostly alike, in order
    (a bag-of-characters test pairs unrelated lines of the same text)."""
    a, b = alignment_key(old), alignment_key(new)
    try:
        from rapidfuzz.distance import Indel

        return Indel.normalized_similarity(a, b) >= 0.6
    except ImportError:  # pragma: no cover
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


ABOVE = 8  # lines of a paragraph read above a change at most (a bracket's partner)


def _paragraph_above(lines: list[str], number: int) -> str:
    """The lines of line ``number``'s paragraph above it, back to a blank line
    (at most ABOVE of them), each with its line break."""
    first = number
    while first > 0 and number - first < ABOVE and lines[first - 1].strip():
        first -= 1
    return "".join(line + "\n" for line in lines[first:number])


def _paragraph_below(lines: list[str], number: int) -> str:
    """The lines of line ``number``'s paragraph below it, to a blank line (at
    most ABOVE of them), each after its line break."""
    last = number + 1
    while last < len(lines) and last - number <= ABOVE and lines[last].strip():
        last += 1
    return "".join("\n" + line for line in lines[number + 1 : last])


def _block_changes(lines: list[str], first: int, old: str, new: str, code_lines: set[int], code_spans: dict) -> list[Change]:
    out = []
    breaks = [i for i, c in enumerate(old) if c == "\n"]
    new_breaks = [i for i, c in enumerate(new) if c == "\n"]
    for i1, i2, j1, j2 in char_edits(old, new):
        gone, came = old[i1:i2], new[j1:j2]
        number = first + sum(1 for p in breaks if p < i1)  # 0-based line of the change's start
        line = lines[number] if number < len(lines) else ""
        line_start = (breaks[number - first - 1] + 1) if number > first else 0
        column = i1 - line_start
        lost = gone.count("\n") - came.count("\n")
        if "\n" not in gone and "\n" not in came:
            kind_ = "char"
        elif not gone.strip() and not came.strip():
            # only white space and line breaks: a break removed inside a paragraph
            # is a join, a blank line removed or added is a deletion or insertion
            # (a break removed with the blank line after it is still a join: the two
            # lines are now one)
            if lost > 0:
                kind_ = "join" if "\n" not in came else "delete"
            else:
                kind_ = "split" if "\n" not in gone else "insert"
        elif lost > 0:
            kind_ = "delete" if not came.strip() else "block"
        elif lost < 0:
            kind_ = "insert" if not gone.strip() else "block"
        else:
            kind_ = "block"
        in_code = number in code_lines or (kind_ == "char" and any(s <= column < e or s < column + len(gone) <= e for s, e in code_spans.get(number, ())))
        change = Change(kind_, gone, came, number + 1, line_before=line, column=max(column, 0), in_code=in_code)
        if kind_ == "char":
            change.above = _paragraph_above(lines, number)
            change.below = _paragraph_below(lines, number)
            start = max([p + 1 for p in new_breaks if p < j1], default=0)
            stop = min([p for p in new_breaks if p >= j1], default=len(new))
            change.line_after = new[start:stop]
        else:  # context either side, to read the join or deletion in the report
            change.upper = line
            change.line_before = old[max(0, i1 - CONTEXT * 3) : i2 + CONTEXT * 3]
            change.line_after = new[max(0, j1 - CONTEXT * 3) : j2 + CONTEXT * 3]
        out.append(change)
    return out


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in LINE_BREAK.finditer(text):
        starts.append(match.end())
    return starts


def attribute(changes: list[Change], text: str, records: list[tuple[int, int, str]] | None) -> None:
    if not records:
        for change in changes:
            change.steps = ("unattributed",) if records is None else ()
        return
    starts = _line_starts(text)
    for change in changes:
        if change.type == "bytes":
            continue
        line_start = starts[min(change.line - 1, len(starts) - 1)]
        start = line_start + change.column
        end = start + len(change.before)
        # a record's span in the input overlaps the change, or touches it
        steps = sorted({step for first, last, step in records if first <= end and last >= start - 1})
        change.steps = tuple(steps) or ("unattributed",)


# -- one document ---------------------------------------------------------------------------


def evaluate(job: tuple[str, dict]) -> dict:
    bed, entry = job
    path = build_beds.bed_path(entry, bed)
    outcome = {"bed": bed, "entry": entry, "changes": [], "conventions": [], "error": None, "seconds": 0.0, "status": None}
    try:
        data = path.read_bytes()
    except OSError:
        outcome["error"] = f"missing {path.relative_to(ROOT)}: run python scripts/build_beds.py build"
        return outcome
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        outcome["error"] = f"{path.relative_to(ROOT)} differs from the manifest: run python scripts/build_beds.py build"
        return outcome
    encoding = entry["bytes"]["encoding"]
    before = decode_as(data, encoding)
    started = time.perf_counter()
    try:
        if bed == "hook":
            out, status, messages = run_hook(entry, data)
            outcome["status"], outcome["messages"] = status, messages.strip()[:500]
            outcome["seconds"] = time.perf_counter() - started
            if out == data:
                return outcome
            seen_before, seen_after = build_beds.conventions(data), build_beds.conventions(out)
            for key in ("encoding", "bom", "line_endings", "final_newline"):
                if seen_before[key] != seen_after[key]:
                    outcome["conventions"].append(f"{key}: {seen_before[key]} -> {seen_after[key]}")
            # read the output as what it now is: UTF-8 if it reads as UTF-8, else as
            # the input was (reading UTF-8 bytes as Big5 would invent "repairs")
            after = decode_as(out, "utf-8") if seen_after["encoding"] == "utf-8" else None
            if after is None:
                after = decode_as(out, encoding) or decode_as(out, seen_after["encoding"]) or out.decode("utf-8", "replace")
            changes = find_changes(before, after, entry["kind"], entry["name"])
            changes = [c for c in changes if c.type != "bytes"]  # final newline: counted with the conventions
            changes += [Change("bytes", c.split(": ")[0] + ": " + c.split(": ")[1].split(" -> ")[0], c.split(" -> ")[1], 0) for c in outcome["conventions"]]
            try:
                piped, records = attribution(before, "docs")
                records = records if piped == after else None
            except Exception:  # attribution is a help for reading, never a reason to fail
                records = None
        else:
            from normalize_zh import run

            result = run(data)
            outcome["seconds"] = time.perf_counter() - started
            after = result.text
            if after == before:
                return outcome
            from normalize_zh.pipeline import input_offsets

            records = [(offset, offset + len(c.before), c.step) for c, offset in zip(result.changes, input_offsets(result.changes))]
            changes = find_changes(before, after, entry["kind"], entry["name"])
            outcome["metadata"] = {k: v[:80] for k, v in (result.metadata or {}).items()} if isinstance(result.metadata, dict) else {}
            kept = "\n".join(str(value) for value in (result.metadata or {}).values()) if isinstance(result.metadata, dict) else ""
            for change in changes:
                if change.type == "delete":
                    change.kept = kept
    except Exception:
        outcome["seconds"] = time.perf_counter() - started
        outcome["error"] = "crash: " + traceback.format_exc(limit=3)[-800:]
        return outcome
    attribute(changes, before, records)
    column = clean_rules.print_column(before)
    for change in changes:
        if change.type == "join":
            change.print_column = column
        clean_rules.classify(change, bed=bed, kind=entry["kind"], language=entry["language"], genre=entry["genre"])
    outcome["changes"] = [change.__dict__ for change in changes]
    return outcome


# -- reports ---------------------------------------------------------------------------------


def _short(text: str, limit: int = 70) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _example(outcome: dict, change: dict) -> str:
    entry = outcome["entry"]
    where = f"{entry['repo']}:{entry['name']}:{change['line']}"
    if change["type"] == "char":
        line, column = change["line_before"], change["column"]
        left = line[max(0, column - CONTEXT) : column]
        right = line[column + len(change["before"]) : column + len(change["before"]) + CONTEXT]
        return f"{where} `{_short(left + '[' + change['before'] + '→' + change['after'] + ']' + right, 90)}`"
    return f"{where} `{_short(change['line_before'], 50)}` → `{_short(change['line_after'], 50)}`"


def summarize(outcomes: list[dict]) -> dict:
    by_kind: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_type: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    by_rule: collections.Counter = collections.Counter()
    patterns: collections.Counter = collections.Counter()
    pattern_files: dict[str, set] = collections.defaultdict(set)
    examples: dict[str, list[str]] = {}
    candidates: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    conventions: collections.Counter = collections.Counter()
    errors = []
    for outcome in outcomes:
        entry = outcome["entry"]
        for group in (entry["kind"], "all", f"split {entry['split']}", f"language {entry['language']}", f"genre {entry['genre']}"):
            counter = by_kind[group]
            counter["files"] += 1
            if outcome["error"]:
                counter["errors"] += 1
            if outcome["changes"] or outcome["conventions"]:
                counter["changed"] += 1
            if outcome["error"] or any(c["verdict"] == "damage" for c in outcome["changes"]):
                counter["damaged"] += 1
            for change in outcome["changes"]:
                counter[change["verdict"]] += 1
        if outcome["error"]:
            errors.append(f"{entry['repo']}:{entry['name']}: {outcome['error'].strip().splitlines()[-1]}")
        for convention in outcome["conventions"]:
            conventions[convention] += 1
        for change in outcome["changes"]:
            key = f"{change['type']} / {'+'.join(change['steps']) or '-'}"
            by_type[key][change["verdict"]] += 1
            by_rule[(change["verdict"], change["rule"])] += 1
            if change["verdict"] == "damage":
                pattern = f"[{entry['kind']}] " + change["pattern"] + (f" ({'+'.join(change['steps'])})" if change["steps"] else "")
                patterns[pattern] += 1
                name = f"{entry['repo']}:{entry['name']}"
                if name not in pattern_files[pattern] and len(candidates[pattern]) < 30:
                    candidates[pattern].append((entry["repo"], _example(outcome, change)))
                pattern_files[pattern].add(name)
    for pattern, found in candidates.items():  # examples from as many repositories as there are
        chosen = []
        for repo, example in found:
            if repo not in {r for r, _ in chosen}:
                chosen.append((repo, example))
        chosen += [c for c in found if c not in chosen]
        examples[pattern] = [example for _, example in chosen[:EXAMPLES_PER_PATTERN]]
    return {
        "by_kind": by_kind, "by_type": by_type, "by_rule": by_rule, "patterns": patterns,
        "pattern_files": pattern_files, "examples": examples, "conventions": conventions, "errors": errors,
    }


def table(summary: dict, groups: str = "kind") -> list[str]:
    """Files and changes per kind (``groups="kind"``), or per split, language or genre."""
    lines = [f"| {groups} | files | changed | damaged | repair | normalization | damage | errors |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    if groups == "kind":
        kinds = sorted(k for k in summary["by_kind"] if " " not in k and k != "all") + ["all"]
    else:
        kinds = sorted(k for k in summary["by_kind"] if k.startswith(groups + " "))
    for kind in kinds:
        c = summary["by_kind"][kind]
        lines.append(f"| {kind.split(' ', 1)[-1]} | {c['files']} | {c['changed']} | {c['damaged']} | {c['repair']} | {c['normalization']} | {c['damage']} | {c['errors']} |")
    return lines


def report_markdown(title: str, summary: dict, outcomes: list[dict], command: str, seconds: float, top: int = 25) -> str:
    out = [f"## {title}", "", f"Command: `{command}` ({len(outcomes)} documents, {seconds:.0f} s).", ""]
    out += ["### Files and changes by kind", ""] + table(summary) + [""]
    for groups in ("split", "language", "genre"):
        out += [f"By {groups}:", ""] + table(summary, groups) + [""]
    out += ["A file is *changed* when its bytes (hook) or text (prose) differ; *damaged* when at least one change is",
            "judged damage (or the tool failed on it). Changes are counted by class (benchmarks/clean_rules.py).", ""]
    out += ["### Changes by hunk type and step", "", "| hunk type / steps | repair | normalization | damage |", "|---|---:|---:|---:|"]
    for key, counter in sorted(summary["by_type"].items(), key=lambda kv: -sum(kv[1].values())):
        out.append(f"| {key} | {counter['repair']} | {counter['normalization']} | {counter['damage']} |")
    out += ["", "### Verdicts by rule", "", "| class | rule | changes |", "|---|---|---:|"]
    for (verdict, rule), count in summary["by_rule"].most_common():
        out.append(f"| {verdict} | {rule} | {count} |")
    out += ["", "### Byte conventions changed", ""]
    if summary["conventions"]:
        out += ["| convention | files |", "|---|---:|"] + [f"| {k} | {v} |" for k, v in summary["conventions"].most_common()]
    else:
        out.append("none")
    out += ["", f"### The {top} most common damage patterns", "", "| # | pattern (steps) | changes | files | examples (file:line `context[before→after]context`) |", "|---:|---|---:|---:|---|"]
    for number, (pattern, count) in enumerate(summary["patterns"].most_common(top), 1):
        shown = "<br>".join(e.replace("|", "\\|") for e in summary["examples"][pattern])
        out.append(f"| {number} | {pattern.replace('|', '/')} | {count} | {len(summary['pattern_files'][pattern])} | {shown} |")
    if summary["errors"]:
        out += ["", "### Errors", ""] + [f"- {e}" for e in summary["errors"][:50]]
    slow = sorted(outcomes, key=lambda o: -o["seconds"])[:5]
    out += ["", "### Slowest documents", ""] + [f"- {o['seconds']:.2f} s {o['entry']['repo']}:{o['entry']['name']} ({o['entry']['size']} B)" for o in slow]
    return "\n".join(out) + "\n"


def damaged_hunks(outcomes: list[dict]) -> str:
    out = ["# Damaged files, hunk by hunk", ""]
    for outcome in outcomes:
        damage = [c for c in outcome["changes"] if c["verdict"] == "damage"]
        if not damage and not outcome["error"]:
            continue
        entry = outcome["entry"]
        out += [f"## {entry['repo']}:{entry['name']}", "", f"kind {entry['kind']}, genre {entry['genre']}, language {entry['language']}, {entry['size']} B, commit {entry['commit'][:12]}", ""]
        if outcome["error"]:
            out += ["```", outcome["error"].strip(), "```", ""]
        for change in damage[:HUNKS_PER_FILE]:
            steps = "+".join(change["steps"]) or "-"
            if change["type"] == "char":
                out.append(f"- line {change['line']} col {change['column'] + 1} [{change['pattern']}; {steps}]: `{_short(change['before'], 60)}` → `{_short(change['after'], 60)}`")
                out.append(f"  - before: `{_short(change['line_before'], 160)}`")
                out.append(f"  - after:  `{_short(change['line_after'], 160)}`")
            else:
                out.append(f"- line {change['line']} [{change['pattern']}; {steps}]: `{_short(change['before'], 60)}` → `{_short(change['after'], 60)}`")
                out.append(f"  - before: `{_short(change['line_before'], 240)}`")
                out.append(f"  - after:  `{_short(change['line_after'], 240)}`")
        if len(damage) > HUNKS_PER_FILE:
            out.append(f"- ... and {len(damage) - HUNKS_PER_FILE} more damaging changes in this file")
        out.append("")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="What normalize-zh changes in clean public files.")
    parser.add_argument("--bed", choices=("hook", "prose", "all"), default="all")
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--limit", type=int, default=0, help="at most N documents per bed (0: all)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--summary", type=Path, default=None, help="summary file (default benchmarks/results/clean-<date>.md)")
    parser.add_argument("--no-summary", action="store_true", help="write no summary file")
    parser.add_argument("--json", type=Path, default=None, help="also write every outcome as JSON Lines here")
    args = parser.parse_args(argv)
    beds = ("hook", "prose") if args.bed == "all" else (args.bed,)
    command = "python benchmarks/clean_eval.py " + " ".join(argv if argv is not None else sys.argv[1:])
    EVAL_WORK.mkdir(parents=True, exist_ok=True)
    sections = []
    all_outcomes = []
    started = time.perf_counter()
    for bed in beds:
        try:
            entries = build_beds.read_manifest(bed)
        except FileNotFoundError:
            print(f"clean_eval: no manifest for {bed}: run python scripts/build_beds.py select", file=sys.stderr)
            return 2
        entries = [e for e in entries if args.split == "all" or e["split"] == args.split]
        if args.limit:
            entries = entries[: args.limit]
        jobs = [(bed, e) for e in entries]
        bed_started = time.perf_counter()
        if args.jobs > 1:
            with ProcessPoolExecutor(max_workers=args.jobs) as pool:
                outcomes = list(pool.map(evaluate, jobs, chunksize=4))
        else:
            outcomes = [evaluate(job) for job in jobs]
        seconds = time.perf_counter() - bed_started
        missing = [o for o in outcomes if o["error"] and o["error"].startswith("missing")]
        if missing:
            print(f"clean_eval: {len(missing)} {bed} files are not built: run python scripts/build_beds.py build", file=sys.stderr)
            return 2
        summary = summarize(outcomes)
        print(f"\n== {bed} bed, split {args.split}: {len(outcomes)} documents, {seconds:.0f} s")
        print("\n".join(table(summary)))
        if summary["conventions"]:
            print("byte conventions changed: " + ", ".join(f"{k} ({v})" for k, v in summary["conventions"].most_common()))
        print("top damage patterns:")
        for pattern, count in summary["patterns"].most_common(10):
            print(f"  {count:6d}  {pattern}  ({len(summary['pattern_files'][pattern])} files)")
        hunks = EVAL_WORK / f"{bed}-{args.split}.md"
        hunks.write_text(damaged_hunks(outcomes), encoding="utf-8")
        print(f"damaged files' hunks: {hunks.relative_to(ROOT)}")
        sections.append(report_markdown(f"{bed} bed, split {args.split}", summary, outcomes, command, seconds))
        all_outcomes.extend(outcomes)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            for outcome in all_outcomes:
                f.write(json.dumps(outcome, ensure_ascii=False) + "\n")
    if not args.no_summary:
        from normalize_zh import __version__

        target = args.summary or RESULTS / f"clean-{datetime.date.today().isoformat()}.md"
        head = [
            f"# Clean-bed evaluation, {datetime.date.today().isoformat()}",
            "",
            f"normalize-zh {__version__}; beds: benchmarks/beds/*.jsonl (built by scripts/build_beds.py); "
            f"rules: benchmarks/clean_rules.py; total {time.perf_counter() - started:.0f} s.",
            "",
        ]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(head) + "\n".join(sections), encoding="utf-8")
        print(f"summary: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
