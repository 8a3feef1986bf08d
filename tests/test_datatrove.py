"""The datatrove step, run for real: LocalPipelineExecutor, several tasks, 2 workers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from normalize_zh import normalize, run  # noqa: E402
from normalize_zh.integrations.datatrove import NormalizeZh  # noqa: E402

from .conftest import seed_paths  # noqa: E402

UNREPAIRABLE = "这段文字锟斤拷锟斤拷已经无法恢复。\n"


def _inputs(directory: Path, copies: int, files: int, extra: list[str] = ()) -> dict[str, str]:
    """Seeds repeated ``copies`` times (plus ``extra``), spread over ``files`` JSONL files."""
    texts = [path.read_text(encoding="utf-8") for path in seed_paths()] * copies + list(extra)
    documents = {f"doc-{index}": text for index, text in enumerate(texts)}
    directory.mkdir(parents=True)
    handles = [open(directory / f"part-{n}.jsonl", "w", encoding="utf-8") for n in range(files)]
    for index, (key, text) in enumerate(documents.items()):
        handles[index % files].write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
    for handle in handles:
        handle.close()
    return documents


def _outputs(directory: Path) -> dict[str, dict]:
    found = {}
    for path in sorted(directory.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert record["id"] not in found
            found[record["id"]] = record
    return found


def _stats(logging: Path) -> dict[str, int]:
    """Totals of the NormalizeZh step's stats, summed over tasks by datatrove."""
    merged = json.loads((logging / "stats.json").read_text(encoding="utf-8"))
    (step,) = [s for s in merged if "normalize-zh" in s["name"]]
    return {key: value["total"] if isinstance(value, dict) else value for key, value in step["stats"].items()}


def _pipeline(tmp_path: Path, step: NormalizeZh, tasks: int = 4, workers: int = 2) -> LocalPipelineExecutor:
    return LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in"), text_key="text", id_key="id"),
            step,
            JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl", compression=None),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(tmp_path / "logs"),
    )


@pytest.mark.slow
def test_every_document_equals_normalize_and_stats_add_up(tmp_path):
    documents = _inputs(tmp_path / "in", copies=8, files=4, extra=[UNREPAIRABLE])
    _pipeline(tmp_path, NormalizeZh()).run()
    outputs = _outputs(tmp_path / "out")
    assert outputs.keys() == documents.keys()  # none lost, none made up
    changed = flagged = 0
    per_step: dict[str, int] = {}
    for key, text in documents.items():
        record = outputs[key]
        assert record["text"] == normalize(text)
        info = record["metadata"]["normalize_zh"]
        expected = run(text)
        assert info["changed_steps"] == expected.changed_steps
        assert info["metadata"] == expected.metadata
        assert len(info["flags"]) == len(expected.flags)
        changed += bool(info["changed_steps"])
        flagged += any(flag["start"] is not None for flag in info["flags"])
        for step in info["changed_steps"]:
            per_step[step] = per_step.get(step, 0) + 1
    stats = _stats(tmp_path / "logs")
    assert stats["documents"] == len(documents)
    assert stats["changed"] == changed == len(documents) - 1  # every seed is damaged; the extra line is clean but lost
    assert stats["flagged"] == flagged == 1
    for step, count in per_step.items():
        assert stats[f"changed_{step}"] == count


@pytest.mark.slow
def test_drop_flagged_and_empty(tmp_path):
    boilerplate_only = "责任编辑：王芳\n"
    documents = _inputs(tmp_path / "in", copies=1, files=2, extra=[UNREPAIRABLE, boilerplate_only])
    _pipeline(tmp_path, NormalizeZh(drop_flagged=True, drop_empty=True), tasks=2).run()
    outputs = _outputs(tmp_path / "out")
    dropped = {key for key, text in documents.items() if text in (UNREPAIRABLE, boilerplate_only)}
    assert outputs.keys() == documents.keys() - dropped
    stats = _stats(tmp_path / "logs")
    assert stats["dropped_flagged"] == 1 and stats["dropped_empty"] == 1


def test_step_takes_a_config_like_normalize(tmp_path):
    """Presets and overrides as everywhere else; unknown overrides are an error."""
    step = NormalizeZh("docs", to="keep")
    assert step.config.name == "docs" and step.config.to == "keep"
    with pytest.raises(TypeError, match="no_such_option"):
        NormalizeZh(no_such_option=True)
    from datatrove.data import Document

    (out,) = list(NormalizeZh(metadata_key=None).run(iter([Document("濟(jì)源網訊,,記者報道", "x")])))
    assert out.text == "济源网讯，记者报道" and "normalize_zh" not in out.metadata
