"""Documents per second through datatrove with 1 and 2 workers.

    pip install ".[datatrove]" && python benchmarks/datatrove_throughput.py [--size 100]

A JSONL corpus of the seeds repeated to ``--size`` MB, in as many files as
tasks, goes through JsonlReader -> NormalizeZh -> JsonlWriter under
LocalPipelineExecutor; wall time per worker count, outputs checked equal.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from normalize_zh.integrations.datatrove import NormalizeZh

ROOT = Path(__file__).resolve().parent.parent


def corpus(directory: Path, size_mb: float, files: int) -> int:
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("0*.txt"))]
    directory.mkdir(parents=True)
    handles = [open(directory / f"part-{n:02d}.jsonl", "w", encoding="utf-8") for n in range(files)]
    written = count = 0
    while written < size_mb * 1e6:
        for text in seeds:
            line = json.dumps({"id": str(count), "text": text}, ensure_ascii=False) + "\n"
            handles[count % files].write(line)
            written += len(line.encode("utf-8"))
            count += 1
    for handle in handles:
        handle.close()
    return count


def run(source: Path, target: Path, logs: Path, tasks: int, workers: int) -> float:
    start = time.perf_counter()
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(source), text_key="text", id_key="id"),
            NormalizeZh(),
            JsonlWriter(str(target), output_filename="${rank}.jsonl", compression=None),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(logs),
    ).run()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=100.0, help="MB of JSONL (default 100)")
    parser.add_argument("--tasks", type=int, default=8)
    args = parser.parse_args(argv)
    work = ROOT / "benchmarks" / "work"
    work.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        tmp = Path(tmp)
        documents = corpus(tmp / "in", args.size, args.tasks)
        outputs = {}
        seconds = {}
        for workers in (1, 2):
            seconds[workers] = run(tmp / "in", tmp / f"out{workers}", tmp / f"logs{workers}", args.tasks, workers)
            outputs[workers] = sorted(path.read_bytes() for path in (tmp / f"out{workers}").glob("*.jsonl"))
        assert outputs[1] == outputs[2], "outputs differ between 1 and 2 workers"
        shutil.rmtree(tmp / "in")
    print(f"{documents} documents, {args.size:g} MB, {args.tasks} tasks")
    for workers, wall in seconds.items():
        print(f"workers={workers}: {wall:.1f} s, {documents / wall:.0f} documents/s")
    print(f"speed-up with 2 workers: {seconds[1] / seconds[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
