"""normalize-zh beside its peer libraries, on the same input, in one run.

    pip install ".[bench]" && python benchmarks/compare.py

Inputs: the seeds (damaged) and their normalized output (clean), each
repeated to at least ``--size`` MB (default 10) and processed one document
at a time.  Every measurement runs in a fresh process, so its peak memory is
its own: normalize-zh end to end, ftfy.fix_text, OpenCC t2s called directly
and through normalize-zh's ``convert``, opencc-python-reimplemented (in a
virtual environment of its own under benchmarks/work/, since it installs a
module named ``opencc`` too), zhconv, and charset-normalizer against normalize-zh's decoder on the same documents
encoded as GB18030.  Rounds interleave the tools, so a shared machine's load
hits all alike; times are each process's CPU time (median over rounds).
Then ``normalize-zh --jsonl -j 1`` against ``-j 2`` on a JSONL corpus of
``--jsonl-size`` MB (default 30: the option is for corpora, where the start-up
of a second or so is amortized), in wall time (that is what parallelism buys),
the faster of two runs each, with identical output checked.

Writes benchmarks/results/<date>-<host>.md and .json with the machine and the
versions of everything measured.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "work"
REIMPL_VENV = WORK / "venv-opencc-reimplemented"

# tool -> (corpus kind it reads, one-line description)
TOOLS = {
    "normalize-zh": ("text", "normalize_zh.normalize (corpus preset)"),
    "ftfy": ("text", "ftfy.fix_text (defaults)"),
    "opencc-t2s": ("text", "opencc.OpenCC('t2s.json').convert (C++)"),
    "normalize-zh-convert": ("text", "normalize_zh.convert(text, 't2s'): OpenCC with URLs and protected words kept"),
    "opencc-python-reimplemented": ("text", "OpenCC('t2s').convert (pure Python, own venv)"),
    "zhconv": ("text", "zhconv.convert(text, 'zh-cn')"),
    "normalize-zh-decode": ("bytes", "normalize_zh.decode.detect on GB18030 bytes"),
    "charset-normalizer": ("bytes", "charset_normalizer.from_bytes(b).best() on GB18030 bytes"),
}


CONVERTERS = ("opencc-t2s", "opencc-python-reimplemented", "zhconv")


# -- worker: runs in its own process, imports only the tool it measures -------------


def _function(tool: str):
    if tool == "normalize-zh":
        from normalize_zh import normalize

        return normalize
    if tool == "ftfy":
        import ftfy

        return ftfy.fix_text
    if tool == "opencc-t2s":
        import opencc

        return opencc.OpenCC("t2s.json").convert
    if tool == "normalize-zh-convert":
        from normalize_zh import convert

        return lambda text: convert(text, "t2s")
    if tool == "opencc-python-reimplemented":
        import opencc

        return opencc.OpenCC("t2s").convert
    if tool == "zhconv":
        import zhconv

        return lambda text: zhconv.convert(text, "zh-cn")
    if tool == "normalize-zh-decode":
        from normalize_zh.decode import detect

        return lambda data: detect(data).text
    if tool == "charset-normalizer":
        import charset_normalizer

        return lambda data: str(charset_normalizer.from_bytes(data).best())
    raise SystemExit(f"unknown tool {tool}")


def worker(tool: str, corpus: str) -> None:
    documents = json.loads(Path(corpus).read_text(encoding="utf-8"))
    if TOOLS[tool][0] == "bytes":
        documents = [document.encode("gb18030") for document in documents]
    function = _function(tool)
    for document in documents[:5]:  # tables, converters and models load once per process
        function(document)
    base = _peak_kb()
    start = time.process_time()
    for document in documents:
        function(document)
    seconds = time.process_time() - start
    print(json.dumps({"seconds": seconds, "base_kb": base, "peak_kb": _peak_kb()}))


def _peak_kb() -> int:
    """Peak resident memory of this process in kB (VmHWM: ru_maxrss would
    include the parent's peak from before exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# -- driver ---------------------------------------------------------------------------


def _reimpl_python() -> str | None:
    """The Python of a virtual environment with opencc-python-reimplemented, made on first use."""
    python = REIMPL_VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not python.exists():
        print("creating a virtual environment for opencc-python-reimplemented ...", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(REIMPL_VENV)], check=True)
            subprocess.run([str(python), "-m", "pip", "install", "-q", "opencc-python-reimplemented"], check=True)
        except (subprocess.CalledProcessError, OSError) as error:
            print(f"skipping opencc-python-reimplemented: {error}", file=sys.stderr)
            shutil.rmtree(REIMPL_VENV, ignore_errors=True)
            return None
    return str(python)


def _corpora(size_mb: float, directory: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT / "src"))
    from normalize_zh import normalize

    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("0*.txt"))]
    paths = {}
    for name, documents in (("damaged", seeds), ("clean", [normalize(seed) for seed in seeds])):
        size = sum(len(d.encode("utf-8")) for d in documents)
        repeated = documents * max(1, int(size_mb * 1e6 / size) + 1)
        paths[name] = directory / f"{name}.json"
        paths[name].write_text(json.dumps(repeated, ensure_ascii=False), encoding="utf-8")
    return paths


def _measure(python: str, tool: str, corpus: Path) -> dict:
    done = subprocess.run(
        [python, str(Path(__file__).resolve()), "--worker", tool, str(corpus)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")} if tool.startswith("normalize-zh") else None,
    )
    if done.returncode:
        raise RuntimeError(f"{tool} on {corpus.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _jsonl(corpus: Path, directory: Path, jobs_list: list[int], size_mb: float) -> dict[int, float]:
    documents = json.loads(corpus.read_text(encoding="utf-8"))
    path = directory / "corpus.jsonl"
    written = index = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size_mb * 1e6:
            line = json.dumps({"id": index, "text": documents[index % len(documents)]}, ensure_ascii=False) + "\n"
            written += len(line.encode("utf-8"))
            out.write(line)
            index += 1
    times: dict[int, float] = {}
    outputs = {}
    for _ in range(2):
        for jobs in jobs_list:  # interleaved, the faster of two runs each
            target = directory / f"out-j{jobs}.jsonl"
            start = time.perf_counter()
            with open(target, "wb") as sink:
                subprocess.run(
                    [sys.executable, "-m", "normalize_zh", "--jsonl", "--field", "text", "-j", str(jobs), str(path)],
                    stdout=sink,
                    check=True,
                    env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                )
            times[jobs] = min(times.get(jobs, float("inf")), time.perf_counter() - start)
            outputs[jobs] = target.read_bytes()
    if len(set(outputs.values())) != 1:
        raise RuntimeError("-j outputs differ")
    return times


def _versions() -> dict[str, str]:
    from importlib import metadata

    found = {}
    for name in ("normalize-zh", "ftfy", "opencc", "zhconv", "charset-normalizer", "pypinyin"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    python = _reimpl_python() if REIMPL_VENV.exists() else None
    if python:
        out = subprocess.run(
            [python, "-c", "from importlib import metadata; print(metadata.version('opencc-python-reimplemented'))"],
            capture_output=True,
            text=True,
        )
        found["opencc-python-reimplemented"] = out.stdout.strip()
    return found


def _machine() -> dict[str, str]:
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": str(os.cpu_count()),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=10.0, help="MB of text per corpus (default 10)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of: " + ", ".join(TOOLS))
    parser.add_argument("--no-jsonl", action="store_true", help="skip the -j 1 / -j 2 comparison")
    parser.add_argument("--jsonl-size", type=float, default=30.0, help="MB of JSON Lines for -j 1 / -j 2 (default 30)")
    parser.add_argument("--worker", nargs=2, metavar=("TOOL", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0

    tools = [tool for tool in args.tools.split(",") if tool]
    pythons = {tool: sys.executable for tool in tools}
    if "opencc-python-reimplemented" in tools:
        python = _reimpl_python()
        if python:
            pythons["opencc-python-reimplemented"] = python
        else:
            tools.remove("opencc-python-reimplemented")
    WORK.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        directory = Path(tmp)
        corpora = _corpora(args.size, directory)
        sizes = {
            name: sum(len(d.encode("utf-8")) for d in json.loads(path.read_text(encoding="utf-8"))) / 1e6
            for name, path in corpora.items()
        }
        runs: dict[tuple[str, str], list[dict]] = {}
        for round_ in range(args.rounds):
            for corpus_name, corpus in corpora.items():
                for tool in tools:
                    print(f"round {round_ + 1}: {tool} on {corpus_name} ...", file=sys.stderr)
                    runs.setdefault((tool, corpus_name), []).append(_measure(pythons[tool], tool, corpus))
        jsonl = {} if args.no_jsonl else _jsonl(corpora["damaged"], directory, [1, 2], args.jsonl_size)

    rows = []
    for (tool, corpus_name), measured in runs.items():
        seconds = statistics.median(m["seconds"] for m in measured)
        rows.append(
            {
                "tool": tool,
                "input": corpus_name,
                "mb": round(sizes[corpus_name], 2),
                "seconds": round(seconds, 3),
                "mb_per_s": round(sizes[corpus_name] / seconds, 2),
                "peak_rss_mb": round(max(m["peak_kb"] for m in measured) / 1024, 1),
                "growth_mb": round(max(m["peak_kb"] - m["base_kb"] for m in measured) / 1024, 1),
            }
        )
    ours = {row["input"]: row["seconds"] for row in rows if row["tool"] == "normalize-zh"}
    decode = {row["input"]: row["seconds"] for row in rows if row["tool"] == "normalize-zh-decode"}
    converting = {row["input"]: row["seconds"] for row in rows if row["tool"] == "normalize-zh-convert"}
    for row in rows:
        reference = decode if TOOLS[row["tool"]][0] == "bytes" else ours
        if row["input"] in reference:
            # how many times normalize-zh's throughput the peer has (>1: the peer is faster)
            row["peer_vs_normalize_zh"] = round(reference[row["input"]] / row["seconds"], 3)
        if row["tool"] in CONVERTERS and row["input"] in converting:
            # converters also against normalize-zh's conversion alone
            row["peer_vs_normalize_zh_convert"] = round(converting[row["input"]] / row["seconds"], 3)

    report = {
        "date": datetime.date.today().isoformat(),
        "machine": _machine(),
        "versions": _versions(),
        "rounds": args.rounds,
        "rows": rows,
        "jsonl": {f"-j {jobs}": round(seconds, 2) for jobs, seconds in jsonl.items()},
    }
    if jsonl:
        report["jsonl"]["MB"] = args.jsonl_size
    if jsonl:
        report["jsonl"]["speedup -j 2 / -j 1"] = round(jsonl[1] / jsonl[2], 2)
    text = _markdown(report)
    print(text)
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    stem = f"{report['date']}-{platform.node() or 'machine'}"
    (results / f"{stem}.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (results / f"{stem}.md").write_text(text, encoding="utf-8")
    print(f"written to {results / stem}.md and .json", file=sys.stderr)
    return 0


def _markdown(report: dict) -> str:
    lines = [
        f"# Benchmark {report['date']}",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in report["machine"].items()),
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()),
        "",
        f"CPU time per process, median of {report['rounds']} round(s); peak RSS of the measuring process "
        "(growth: above its size after loading). Ratio: the peer's throughput over normalize-zh's "
        "(decoders against normalize-zh's decoder; converters also against normalize-zh's `convert` alone); "
        "below 1, normalize-zh is faster.",
        "",
        "| tool | input | MB | MB/s | peak RSS MB | growth MB | peer / normalize-zh | peer / normalize-zh convert |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in report["rows"]:
        ratio = row.get("peer_vs_normalize_zh", "")
        converting = row.get("peer_vs_normalize_zh_convert", "")
        lines.append(
            f"| {row['tool']} | {row['input']} | {row['mb']} | {row['mb_per_s']} | {row['peak_rss_mb']} | "
            f"{row['growth_mb']} | {ratio} | {converting} |"
        )
    if report["jsonl"]:
        lines += ["", "JSONL (damaged documents), wall seconds, faster of two runs: " + ", ".join(f"{k}: {v}" for k, v in report["jsonl"].items())]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
