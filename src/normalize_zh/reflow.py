"""Not written yet: a pass-through (see the issue tracker)."""

from __future__ import annotations

from .edits import Outcome


def rejoin_lines_outcome(text: str) -> Outcome:
    return Outcome([])
