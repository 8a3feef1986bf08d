"""Mutation testing of the judging modules with mutmut (issue 18).

A mutant is the package with one small change (a ``<`` made ``<=``, a number
moved, a condition dropped); a test suite that notices none of the changes in a
function does not pin what that function decides.  This script runs mutmut
over the modules named on the command line and prints, per module, how many of
its mutants the tests killed and how many survived.

    python scripts/mutation_check.py src/normalize_zh/score.py src/normalize_zh/reflow.py
    python scripts/mutation_check.py --all          # the judging modules: long (hours on 2 cores)

What it does, so that mutmut sees the mutated code and nothing else:
- copies the tracked files of this checkout into ``--work`` (default
  ``benchmarks/work/mutation``) and makes a virtual environment there with the
  test dependencies and mutmut (the ``test`` and ``mutation`` extras), *without* normalize-zh installed (an installed
  or editable copy would be imported instead of mutmut's ``mutants/src``);
- runs every test but the ones that time things or drive pre-commit and mypy
  (a mutant's trampolines make timing meaningless; those two start their own
  installs), with hypothesis derandomized (a kill must not be luck);
- in each mutant's worker, clears the ``functools`` caches of the mutated
  modules (``tests/conftest.py``, under ``NORMALIZE_ZH_MUTATING``): mutmut forks
  its workers from a process that has run the suite, so a table built once and
  cached would otherwise never be rebuilt by the mutated code.

The figures go to stdout and, with ``--out``, to a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGING = [
    "src/normalize_zh/reflow.py",
    "src/normalize_zh/breaks.py",
    "src/normalize_zh/boilerplate.py",
    "src/normalize_zh/score.py",
    "src/normalize_zh/mojibake/arbiter.py",
    "src/normalize_zh/mojibake/screens.py",
    "src/normalize_zh/mojibake/detectors.py",
    "src/normalize_zh/mojibake/repair.py",
]
# tests that time code, or install the package themselves (pre-commit try-repo, mypy)
SKIPPED_TESTS = "not try_repo and not pre_commit and not type_checker"
IGNORED_FILES = ("tests/test_linear_time.py", "tests/test_mojibake_speed.py")
# what mutmut's results call each outcome
KILLED, SURVIVED = "killed", "survived"


def _copy_checkout(work: Path) -> Path:
    tree = work / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            target = tree / os.fsdecode(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return tree


def _venv(work: Path) -> Path:
    python = work / "venv" / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", f"{ROOT}[test,mutation]"], check=True)
        # the tests must import mutmut's copy, not an installed one
        subprocess.run([str(python), "-m", "pip", "uninstall", "-q", "-y", "normalize-zh"], check=True)
    return python


def _configure(tree: Path, modules: list[str]) -> None:
    pyproject = tree / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    args = ["-p", "no:cacheprovider", "-x", "-q", "--no-header", "-o", "addopts=", "-o", "pythonpath=src",
            "-m", "not slow", "-k", SKIPPED_TESTS] + [f"--ignore={name}" for name in IGNORED_FILES]
    quoted = lambda items: "[" + ", ".join(f'"{item}"' for item in items) + "]"  # noqa: E731
    also_copy = ["src/normalize_zh/data", "seeds", "benchmarks", "scripts", "README.md", ".pre-commit-hooks.yaml", ".ci", "LICENSE"]
    text += textwrap.dedent(f"""

        [tool.mutmut]
        source_paths = ["src/normalize_zh/"]
        only_mutate = {quoted(modules)}
        pytest_add_cli_args_test_selection = ["tests/"]
        pytest_add_cli_args = {quoted(args)}
        also_copy = {quoted(also_copy)}
        """)
    pyproject.write_text(text, encoding="utf-8")


def _module_name(path: str) -> str:
    return path.removeprefix("src/").removesuffix(".py").replace("/", ".")


def run(modules: list[str], work: Path, children: int) -> dict[str, Counter]:
    work.mkdir(parents=True, exist_ok=True)
    tree = _copy_checkout(work)
    python = _venv(work)
    _configure(tree, modules)
    (tree / "mutants" / "src").mkdir(parents=True)  # on PYTHONPATH before mutmut fills it
    env = dict(os.environ, PYTHONPATH=str(tree / "mutants" / "src"), HYPOTHESIS_PROFILE="mutation",
               NORMALIZE_ZH_MUTATING=",".join(_module_name(m) for m in modules))
    mutmut = [str(python), "-m", "mutmut"]
    subprocess.run([*mutmut, "run", "--max-children", str(children)], cwd=tree, env=env, check=False)
    listing = subprocess.run([*mutmut, "results", "--all", "true"], cwd=tree, env=env, capture_output=True, text=True).stdout
    counts: dict[str, Counter] = {_module_name(m): Counter() for m in modules}
    for line in listing.splitlines():
        found = re.match(r"\s*(.+?)\.x[_ǁ].*__mutmut_\d+: (.+)$", line)  # module.x_function or module.xǁClassǁmethod
        if found and found.group(1) in counts:
            counts[found.group(1)][found.group(2).strip()] += 1
    return counts


def table(counts: dict[str, Counter]) -> str:
    rows = ["| module | mutants | killed | survived | no test reaches | other | survived share |", "|---|---:|---:|---:|---:|---:|---:|"]
    for module, count in counts.items():
        total = sum(count.values())
        other = total - count[KILLED] - count[SURVIVED] - count["no tests"]
        share = (count[SURVIVED] + count["no tests"]) / total if total else 0.0
        rows.append(f"| {module} | {total} | {count[KILLED]} | {count[SURVIVED]} | {count['no tests']} | {other} | {share:.0%} |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module files under src/ to mutate")
    parser.add_argument("--all", action="store_true", help="the judging modules: " + ", ".join(JUDGING))
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work" / "mutation")
    parser.add_argument("-j", "--children", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, help="write the table (Markdown) here too")
    args = parser.parse_args()
    modules = JUDGING if args.all else args.modules
    if not modules:
        parser.error("name modules to mutate, or --all")
    for module in modules:
        if not (ROOT / module).is_file():
            parser.error(f"no such module: {module}")
    result = table(run(modules, args.work.resolve(), args.children))
    print(result)
    if args.out:
        args.out.write_text(result + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
