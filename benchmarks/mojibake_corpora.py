"""Materialize the clean text beds of the mojibake evaluations from fetched mirrors.

The sources (repository, commit, paths, licence) are listed in
benchmarks/data/mojibake_corpora.json; this script reads them from the bare
git mirrors the ``fetch`` tool made (under /work/.mirror, or ``--mirrors``)
and writes one text unit per line to benchmarks/work/mojibake/<name>.txt
(git-ignored).  Nothing fetched is committed.

    python benchmarks/mojibake_corpora.py [--mirrors DIR]

Each bed is clean text that mojibake repair must leave alone (and, damaged,
must bring back): Japanese, Korean, German and Spanish documentation prose,
Chinese technical documentation, classical Chinese prose and Tang poems.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "data" / "mojibake_corpora.json"
WORK = HERE / "work" / "mojibake"
MAX_LINES = 3000


def _git(mirror: Path, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={mirror}", *args], check=True, capture_output=True).stdout


def _markdown_prose(text: str) -> list[str]:
    """Lines of a Markdown file outside code fences and front matter, as they are."""
    lines = []
    fenced = False
    front = text.startswith("---\n")
    for number, line in enumerate(text.splitlines()):
        if front:
            if number > 0 and line == "---":
                front = False
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or not line.strip() or line.isascii():
            continue
        lines.append(line.strip())
    return lines


def _poetry(text: str) -> list[str]:
    data = json.loads(text)
    items = data if isinstance(data, list) else [data]
    return [paragraph for item in items if isinstance(item, dict) for paragraph in item.get("paragraphs", [])]


READERS = {"markdown": _markdown_prose, "poetry-json": _poetry}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args(argv)
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    WORK.mkdir(parents=True, exist_ok=True)
    for bed in manifest["beds"]:
        mirror = args.mirrors / bed["repo"].replace("/", "+") / "repo"
        if not mirror.exists():
            print(f"skipping {bed['name']}: no mirror of {bed['repo']} at {mirror}", file=sys.stderr)
            continue
        names = _git(mirror, "ls-tree", "-r", "--name-only", "-z", bed["commit"]).decode("utf-8").split("\0")
        pattern = re.compile(bed["paths"])
        lines: list[str] = []
        for name in sorted(n for n in names if pattern.fullmatch(n)):
            text = _git(mirror, "show", f"{bed['commit']}:{name}").decode("utf-8", errors="replace")
            lines.extend(READERS[bed["reader"]](text))
            if len(lines) >= MAX_LINES:
                break
        unique = list(dict.fromkeys(line for line in lines if "\ufffd" not in line))[:MAX_LINES]
        (WORK / f"{bed['name']}.txt").write_text("\n".join(unique) + "\n", encoding="utf-8")
        print(f"{bed['name']}: {len(unique)} lines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
