"""The repository's promises: the README's two commands, CI running the same test command."""

from __future__ import annotations

import re

from .conftest import ROOT


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_starts_with_the_two_commands():
    install_and_run, install_and_test = _readme_commands()[:2]
    assert install_and_run.startswith("pip install .") and "normalize-zh seeds/002_" in install_and_run
    assert install_and_test.startswith('pip install ".[test]"') and "pytest" in install_and_test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def test_seeds_are_the_shared_files_unchanged():
    """seeds/ holds the shared seeds byte for byte: their hashes, recorded from
    ../shared/seeds when they were copied, and the shared files themselves
    where this checkout sits beside them."""
    import hashlib

    recorded = {}
    for line in (ROOT / "tests" / "data" / "seeds.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        recorded[name] = digest
    present = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "seeds").iterdir()}
    assert present == recorded
    shared = ROOT.parent / "shared" / "seeds"
    if shared.is_dir():
        assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in shared.iterdir()} == recorded


def test_generated_tables_name_their_source():
    for name in ("char_counts.tsv", "words.txt"):
        head = (ROOT / "src" / "normalize_zh" / "data" / name).read_text(encoding="utf-8").splitlines()[:3]
        assert any("scripts/build_tables.py" in line for line in head)
        assert any("jieba" in line for line in head)
