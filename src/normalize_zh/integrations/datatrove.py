"""normalize-zh as a datatrove pipeline step.

datatrove (Hugging Face) runs a pipeline of steps over sharded corpora on one
machine (``LocalPipelineExecutor``), a Slurm cluster
(``SlurmPipelineExecutor``) or Ray (``RayPipelineExecutor``); scaling out is
its job.  This step normalizes ``document.text``::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from normalize_zh.integrations.datatrove import NormalizeZh

    LocalPipelineExecutor(
        pipeline=[JsonlReader("in/"), NormalizeZh(drop_flagged=True), JsonlWriter("out/")],
        tasks=8, workers=2, logging_dir="logs/",
    ).run()

Each document gets ``metadata["normalize_zh"]``: the steps that changed it
(``changed_steps``), what boilerplate stripping took out (``metadata``: date,
source, editor, ...) and the damage that could not be repaired (``flags``).
Stats count documents changed, changed per step, flagged and dropped.
Tables and OpenCC converters load once per worker process (on its first
document), not per document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..config import Config, resolve
from ..pipeline import run_text, warm_up


class NormalizeZh(PipelineStep):
    """Normalize each document's text with normalize-zh.

    ``config``: a ``Config``, a preset name or None (the ``corpus`` preset),
    with keyword ``overrides`` on top, as for ``normalize_zh.normalize``.
    ``drop_empty``: drop documents with no text left (a page that was all
    boilerplate).  ``drop_flagged``: drop documents with damage that could not
    be repaired (``锟斤拷``, lost bytes, ...) left in its text.  ``metadata_key``: where the
    document's record goes in ``document.metadata`` (None: nowhere).
    """

    name = "🀄 normalize-zh"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: Config | str | None = None,
        *,
        drop_empty: bool = False,
        drop_flagged: bool = False,
        metadata_key: str | None = "normalize_zh",
        **overrides: Any,
    ) -> None:
        super().__init__()
        self.config = resolve(config, overrides)
        self.drop_empty = drop_empty
        self.drop_flagged = drop_flagged
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        warm_up(self.config)  # tables load in the first task of a process; later calls are cheap
        for document in data:
            self.stat_update("documents")
            with self.track_time():
                result = run_text(document.text, self.config, record=False)
            if result.changed_steps:
                self.stat_update("changed")
                self.stat_update(*(f"changed_{step}" for step in result.changed_steps))
            # damage in text that boilerplate stripping removed is gone with it
            damaged = any(flag.start is not None for flag in result.flags)
            if damaged:
                self.stat_update("flagged")
            if self.drop_flagged and damaged:
                self.stat_update("dropped_flagged")
                continue
            if self.drop_empty and not result.text.strip():
                self.stat_update("dropped_empty")
                continue
            document.text = result.text
            if self.metadata_key:
                document.metadata[self.metadata_key] = {
                    "changed_steps": result.changed_steps,
                    "metadata": result.metadata,
                    "flags": [
                        {"kind": flag.kind, "start": flag.start, "end": flag.end, "text": flag.text}
                        for flag in result.flags
                    ],
                }
            self.update_doc_stats(document)
            yield document
