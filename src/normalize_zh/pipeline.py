"""The ordered steps, ``run()``, ``normalize()`` and the change records.

Read top to bottom, ``STEPS`` is what happens to a text.  Each step returns
edits against its own input (``edits.Outcome``); the pipeline applies them,
records them in ``Result.changes``, moves earlier flags along, and keeps
character-level steps out of protected spans (URLs always; Markdown code,
front matter and link targets with ``protect_markdown``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from . import boilerplate, escapes, hygiene, markup, mojibake, pinyin, punctuation, reflow, repeats, script, spacing
from .config import Config, resolve
from .decode import detect
from .edits import Change, Edit, Flag, Outcome, PositionMap, apply_edits
from .protect import protected_spans


@dataclass(frozen=True)
class Step:
    """One step: its name (as in Config and Result.changes), what it does, when it runs."""

    name: str
    #: (text, config, edits_needed) -> Outcome; without ``edits_needed`` a step
    #: may hand back its output text directly (Outcome.text), which is faster
    find: Callable[[str, Config, bool], Outcome]
    enabled: Callable[[Config], bool]
    #: character-level steps never edit protected spans; line-level ones may
    #: drop whole lines that contain them (a link list full of URLs)
    character_level: bool = True
    #: mostly same-length substitutions (script conversion): a text it hands
    #: back keeps every flag's offset whenever its length did not change
    keeps_length: bool = False


def _convert(text: str, config: Config, edits_needed: bool) -> Outcome:
    target = script.config_for(text, config.to, unify=config.unify_script)
    if target is None:
        return Outcome([])
    return script.convert_outcome(
        text,
        target,
        protected_words=config.protected_words,
        keep_regional=config.to == "keep",
        edits=edits_needed,
        leave_traditional=config.to in ("traditional", "taiwan", "hongkong"),
    )


STEPS: tuple[Step, ...] = (
    Step("fix_encoding", lambda t, c, f: mojibake.fix_encoding_outcome(t, entities=not c.protect_markdown), lambda c: c.fix_encoding),
    Step("clean_unicode", lambda t, c, f: hygiene.clean_unicode_outcome(t), lambda c: c.clean_unicode),
    # markup may wrap a URL (<a href=...>): it goes whole
    Step("strip_markup", lambda t, c, f: markup.strip_markup_outcome(t), lambda c: c.strip_markup, character_level=False),
    Step("fix_escapes", lambda t, c, f: escapes.fix_escapes_outcome(t), lambda c: c.fix_escapes),
    # extraction debris goes before punctuation is judged (1、，: the 、 is a chunk marker's)
    Step("fix_spacing", lambda t, c, f: spacing.fix_spacing_outcome(t), lambda c: c.fix_spacing),
    Step("fix_repeats", lambda t, c, f: repeats.fix_repeats_outcome(t), lambda c: c.fix_repeats, character_level=False),
    Step("strip_pinyin", lambda t, c, e: pinyin.strip_pinyin_outcome(t, simplify=c.to == "simplified", edits_needed=e), lambda c: c.strip_pinyin),
    Step("fix_punctuation", lambda t, c, f: punctuation.fix_punctuation_outcome(t), lambda c: c.fix_punctuation),
    Step("punctuation", lambda t, c, e: punctuation.fix_width_outcome(t, edits=e), lambda c: c.punctuation == "fullwidth"),
    Step("convert", _convert, lambda c: c.to != "keep" or c.unify_script, keeps_length=True),
    Step("boilerplate", lambda t, c, f: boilerplate.strip_boilerplate_outcome(t), lambda c: c.boilerplate, character_level=False),
    Step("reflow", lambda t, c, f: reflow.rejoin_lines_outcome(t), lambda c: c.reflow, character_level=False),
)
STEP_NAMES = tuple(step.name for step in STEPS)


@dataclass
class Result:
    """The outcome of ``run``.

    ``text``: the normalized text.  ``changes``: one ``Change`` per edit, in
    order, each with its span in the text as that step received it (replaying
    them in order on the input gives ``text``; see ``replay``).  ``metadata``:
    what boilerplate stripping took out but a user may want (date, source,
    editor, ...).  ``flags``: damage that could not be repaired, with offsets
    in ``text`` (bytes offsets in the input for undecodable bytes).
    ``encoding``: the detected encoding when the input was bytes.
    """

    text: str
    changes: list[Change] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    encoding: str | None = None
    #: the steps that changed something, in pipeline order (known even when
    #: the changes themselves were not recorded)
    changed_steps: list[str] = field(default_factory=list)


def _outside(edits: list[Edit], spans: list[tuple[int, int]]) -> list[Edit]:
    """Edits that touch no protected span."""
    if not spans:
        return edits
    kept = []
    index = 0
    for edit in edits:
        while index < len(spans) and spans[index][1] <= edit.start:
            index += 1
        if index < len(spans):
            start, end = spans[index]
            if edit.start < end and (edit.end > start or (edit.start == edit.end and edit.start > start)):
                continue
        kept.append(edit)
    return kept


def _move_flags(flags: list[Flag], positions: PositionMap) -> list[Flag]:
    moved = []
    for flag in flags:
        if flag.start is None or flag.kind == "undecodable":
            moved.append(flag)
            continue
        span = positions.span(flag.start, flag.end if flag.end is not None else flag.start)
        if span is None:
            moved.append(replace(flag, start=None, end=None, detail=flag.detail + " (removed with its line)"))
        else:
            moved.append(replace(flag, start=span[0], end=span[1]))
    return moved


def run_text(text: str, config: Config, *, record: bool = True, flags: list[Flag] | None = None) -> Result:
    """Normalize ``text`` with a resolved ``config``: the entry point the command
    line and the datatrove step share.  ``flags`` are earlier findings about
    the text (undecodable bytes) to carry into the result; without ``record``
    no change records are kept (faster)."""
    flags = list(flags) if flags else []
    changes: list[Change] = []
    changed: list[str] = []
    metadata: dict[str, str] = {}
    # Steps never create URLs, e-mail addresses or Markdown: with none in the
    # input, no span is ever protected.
    may_protect = config.protect_markdown or "://" in text or "www." in text or "@" in text
    for step in STEPS:
        if not step.enabled(config):
            continue
        # Without records or protected spans a step may hand back its text; with
        # flags to move, only a length-keeping step, and only when the length
        # did not change (same-length substitutions keep every offset).
        text_allowed = not record and not (step.character_level and may_protect) and (not flags or step.keeps_length)
        outcome = step.find(text, config, not text_allowed)
        if outcome.text is not None:
            if not flags or len(outcome.text) == len(text):
                if outcome.text != text:
                    changed.append(step.name)
                text = outcome.text
                flags.extend(outcome.flags)
                metadata.update(outcome.metadata)
                continue
            outcome = step.find(text, config, True)  # flags must move: edits after all
        edits = outcome.edits
        if step.character_level and edits:
            edits = _outside(edits, protected_spans(text, markdown=config.protect_markdown))
        if edits:
            changed.append(step.name)
            if record:
                changes.extend(
                    Change(step.name, e.start, e.end, text[e.start : e.end], e.replacement, e.reason) for e in edits
                )
            if flags:
                flags = _move_flags(flags, PositionMap(edits))
            text = apply_edits(text, edits)
        flags.extend(outcome.flags)
        metadata.update(outcome.metadata)
    try:  # whatever was switched off, never return a lone surrogate (encoding is the fastest test)
        text.encode("utf-8")
        surrogates = False
    except UnicodeEncodeError:
        surrogates = True
    if surrogates:
        edits, new_flags = hygiene._pair_surrogates(text)
        changed.append("surrogates")
        if record:
            changes.extend(Change("surrogates", e.start, e.end, text[e.start : e.end], e.replacement, e.reason) for e in edits)
        flags = _move_flags(flags, PositionMap(edits))
        text = apply_edits(text, edits)
        flags.extend(_move_flags(new_flags, PositionMap([])))
    return Result(text, changes, metadata, flags, changed_steps=changed)


def run(data: str | bytes, config: Config | str | None = None, /, **overrides: Any) -> Result:
    """Normalize ``data`` (text, or bytes in any common encoding) and report everything.

    >>> result = run("濟(jì)源網(wǎng)訊,,記者報道")
    >>> result.text
    '济源网讯，记者报道'
    >>> result.changed_steps
    ['strip_pinyin', 'fix_punctuation', 'punctuation', 'convert']
    """
    return _run(data, resolve(config, overrides), record=True)


def _run(data: str | bytes, config: Config, *, record: bool) -> Result:
    flags: list[Flag] = []
    encoding = None
    if isinstance(data, (bytes, bytearray, memoryview)):
        decoded = detect(bytes(data))
        text = decoded.text
        encoding = decoded.encoding
        flags.extend(
            Flag("undecodable", start, end, bytes(data[start:end]).hex(" "), f"bytes {start}-{end} are not valid {encoding}")
            for start, end in decoded.lost
        )
    elif isinstance(data, str):
        text = data
    else:
        raise TypeError(f"expected str or bytes, not {type(data).__name__}")
    result = run_text(text, config, record=record, flags=flags)
    result.encoding = encoding
    return result


def normalize(text: str, config: Config | str | None = None, /, **overrides: Any) -> str:
    """Normalize ``text`` and return the clean text.

    >>> normalize("12月28日,河南省衛生健康委召開會議")
    '12月28日，河南省卫生健康委召开会议'
    >>> normalize("12月28日,河南", punctuation="keep")
    '12月28日,河南'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes str; use normalize_bytes() for {type(text).__name__}")
    return _run(text, resolve(config, overrides), record=False).text


def normalize_bytes(data: bytes, config: Config | str | None = None, /, **overrides: Any) -> str:
    """Decode ``data`` (UTF-8/16, GB2312/GBK/GB18030, Big5, ...), then normalize it.

    >>> normalize_bytes("郑州市卫生健康委召开会议".encode("gbk"))
    '郑州市卫生健康委召开会议'
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"normalize_bytes() takes bytes, not {type(data).__name__}")
    return _run(bytes(data), resolve(config, overrides), record=False).text


WARM_UP_TEXT = "濟(jì)源網訊,,記者報道。浣犲ソ\n臺灣的軟體開發\n- 今日要闻_环球通讯\n责任编辑：王芳\n"


def warm_up(config: Config | str | None = None) -> None:
    """Load every table and converter a run may need, now (lazily they load on
    first use).  Worker processes forked afterwards start with them loaded and
    share their memory."""
    _run(WARM_UP_TEXT, resolve(config, {}), record=False)
    for target in ("t2s", "tw2s", "hk2s"):
        script.converter(target)


def replay(text: str, changes: list[Change]) -> str:
    """Apply ``changes`` (from ``Result.changes``) to the input ``text``, step by step."""
    for _, group in _by_step(changes):
        text = apply_edits(text, [Edit(c.start, c.end, c.after) for c in group])
    return text


def _by_step(changes: list[Change]) -> Iterator[tuple[str, list[Change]]]:
    group: list[Change] = []
    for change in changes:
        if group and change.step != group[0].step:
            yield group[0].step, group
            group = []
        group.append(change)
    if group:
        yield group[0].step, group


def input_offsets(changes: list[Change]) -> list[int]:
    """For each change, the offset in the pipeline's input text where it applies."""
    offsets: list[int] = []
    maps: list[PositionMap] = []
    for _, group in _by_step(changes):
        for change in group:
            position = change.start
            for earlier in reversed(maps):
                position = earlier.back(position)
            offsets.append(position)
        maps.append(PositionMap([Edit(c.start, c.end, c.after) for c in group]))
    return offsets
