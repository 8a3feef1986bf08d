"""The ordered steps, ``run()``, ``normalize()`` and the change records.

Read top to bottom, ``STEPS`` is what happens to a text.  Each step returns
edits against its own input (``edits.Outcome``); the pipeline applies them,
records them in ``Result.changes``, moves earlier flags along, and keeps
character-level steps out of protected spans (URLs always; Markdown code,
front matter and link targets with ``protect_markdown``).
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import boilerplate, escapes, hygiene, markup, mojibake, pinyin, protect, punctuation, reflow, repeats, script, spacing
from .config import Config, ConfigOverrides, Unpack, resolve
from .decode import detect
from .edits import Change, Edit, Flag, Outcome, PositionMap, apply_edits, move_flags
from .chars import foreign_document, no_text
from .kinds import KIND_STEPS, ROLE_STEPS_OFF, SNIFF_SAMPLE, file_kind, looks_like_verse, sniff
from .mojibake.arbiter import about_encodings, example_texts, shown_examples
from .protect import merge
from .regions import Region, collector_paused, regions_for


@dataclass(frozen=True)
class Facts:
    """What the whole document is, for steps that see one region of it at a time."""

    kind: str
    #: reads as traditional Chinese (``script.document_traditional``); None: let
    #: the step read the text it is given
    traditional: bool | None = None
    #: HTML entities and terminal escapes in the text are leaked markup, to
    #: decode or drop (``&amp;`` -> ``&``): only where markup stripping runs;
    #: in Markdown, code and data they are syntax, or the program's
    markup: bool = False
    #: in a structured file (code, data, docs), the mojibake repairs that stand
    #: written elsewhere in it: examples its author shows (``arbiter.shown_examples``)
    examples: frozenset[str] = frozenset()


# Steps that read Chinese: never run on a Japanese or Korean document
# (``chars.foreign_document``, judged when the first of them is reached)
CHINESE_STEPS = frozenset({"strip_pinyin", "fix_punctuation", "punctuation", "convert"})


@dataclass(frozen=True)
class StepInput:
    """What a step is given besides its text: the options, built here in one
    place from the Config and what the document is."""

    config: Config
    facts: Facts
    #: the caller needs edits (records kept, protected spans or flags to move);
    #: without, a step may hand back its output text directly (Outcome.text)
    edits: bool


@dataclass(frozen=True)
class Step:
    """One step: its name (as in Result.changes and ``--explain``), what it
    does, the Config fields it reads, and how it works."""

    name: str
    what: str
    #: the Config fields the step reads: the first switches it on or off
    reads: tuple[str, ...]
    find: Callable[[str, StepInput], Outcome]
    enabled: Callable[[Config], bool]
    #: character-level steps never edit protected spans; line-level ones may
    #: drop whole lines that contain them (a link list full of URLs)
    character_level: bool = True
    #: mostly same-length substitutions (script conversion): a text it hands
    #: back keeps every flag's offset whenever its length did not change
    keeps_length: bool = False
    #: changes how wide a line is (spaces, a mark's width): it leaves the lines
    #: of a table drawn in text alone, whose columns line up by width
    changes_widths: bool = False


def _convert(text: str, given: StepInput) -> Outcome:
    config = given.config
    if config.to == "simplified":
        return script.simplify_outcome(
            text, protected_words=config.protected_words, edits=given.edits, traditional=given.facts.traditional
        )
    target = script.config_for(text, config.to, unify=config.unify_script)
    if target is None:
        return Outcome([])
    return script.convert_outcome(
        text,
        target,
        protected_words=config.protected_words,
        keep_regional=config.to == "keep",
        edits=given.edits,
        leave_traditional=config.to in ("traditional", "taiwan", "hongkong"),
    )


def _width(text: str, given: StepInput) -> Outcome:
    # only scraped prose gets the wider rule: Markdown, reST, catalogues and
    # subtitles keep their authors' conventions but for marks between Chinese
    strict = given.config.punctuation == "strict" or given.facts.kind not in ("prose", "verse")
    return punctuation.fix_width_outcome(text, edits=given.edits, strict=strict)


STEPS: tuple[Step, ...] = (
    Step("fix_encoding", "mojibake repair; HTML entities and terminal escapes where markup leaked", ("fix_encoding",),
         lambda t, g: mojibake.fix_encoding_outcome(t, markup=g.facts.markup, examples=g.facts.examples), lambda c: c.fix_encoding),
    Step("clean_unicode", "compatibility ideographs, invisible and control characters, odd spaces", ("clean_unicode",),
         lambda t, g: hygiene.clean_unicode_outcome(t), lambda c: c.clean_unicode),
    # markup may wrap a URL (<a href=...>): it goes whole
    Step("strip_markup", "leaked HTML, BBCode, template placeholders", ("strip_markup",),
         lambda t, g: markup.strip_markup_outcome(t), lambda c: c.strip_markup, character_level=False),
    Step("fix_escapes", "escapes printed as text (u200b, \\u4e2d, %E4%B8%AD)", ("fix_escapes",),
         lambda t, g: escapes.fix_escapes_outcome(t), lambda c: c.fix_escapes),
    # extraction debris goes before punctuation is judged (1、，: the 、 is a chunk marker's)
    Step("fix_spacing", "letter-spacing, line ends turned into spaces", ("fix_spacing",),
         lambda t, g: spacing.fix_spacing_outcome(t), lambda c: c.fix_spacing, changes_widths=True),
    Step("fix_repeats", "doubled lines, chunk markers", ("fix_repeats",),
         lambda t, g: repeats.fix_repeats_outcome(t), lambda c: c.fix_repeats, character_level=False),
    Step("strip_pinyin", "pinyin annotations that are the character's reading", ("strip_pinyin", "to"),
         lambda t, g: pinyin.strip_pinyin_outcome(t, simplify=g.config.to == "simplified", edits=g.edits), lambda c: c.strip_pinyin),
    Step("fix_punctuation", "stray and doubled commas", ("fix_punctuation",),
         lambda t, g: punctuation.fix_punctuation_outcome(t), lambda c: c.fix_punctuation, changes_widths=True),
    Step("punctuation", "width of marks in Chinese context", ("punctuation",), _width, lambda c: c.punctuation != "keep",
         changes_widths=True),
    Step("convert", "script conversion, paragraph by paragraph", ("to", "unify_script", "protected_words"),
         _convert, lambda c: c.to != "keep" or c.unify_script, keeps_length=True),
    Step("boilerplate", "page furniture, its facts kept as metadata", ("boilerplate",),
         lambda t, g: boilerplate.strip_boilerplate_outcome(t), lambda c: c.boilerplate, character_level=False),
    Step("reflow", "lines broken mid-sentence re-joined", ("reflow",),
         lambda t, g: reflow.rejoin_lines_outcome(t), lambda c: c.reflow, character_level=False),
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
    #: what the text was read as: "prose", "verse", "markdown", "rst", "po",
    #: "subtitles", "code" or "data" (``kinds.KINDS``)
    kind: str = "prose"


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


_NOTHING = Outcome([])


def _step_in_regions(
    step: Step,
    text: str,
    regions: list[Region],
    config: Config,
    facts: Facts,
    flags: list[Flag],
    changes: list[Change] | None,
    changed: list[str],
    metadata: dict[str, str],
    pieces: list[str] | None = None,
) -> tuple[str, list[Region], list[Flag], list[str] | None]:
    """Run ``step`` on each region of ``text`` (outside its protected spans);
    the text, the regions and the flags as they are afterwards, and the
    regions' texts when the step left the text as it was (None otherwise).
    ``pieces``: the regions' texts, when known.

    A step's finding depends on nothing but the text it is given and the
    step's input, the same for every region: a text that stands in several
    regions (a table's cells, a file's repeated strings) is judged once."""
    if pieces is None:
        pieces = [text[start:end] for start, end, _, _ in regions]
    given = StepInput(config, facts, True)
    off = [role for role, steps in ROLE_STEPS_OFF.items() if step.name in steps]
    judged: dict[str, Outcome] = {}
    found: list[tuple[int, Outcome]] = []  # (index of the region, what the step found in it): only findings
    for index, piece in enumerate(pieces):
        if off and regions[index].role in off:
            continue
        outcome = judged.get(piece)
        if outcome is None:
            outcome = judged[piece] = step.find(piece, given) if piece.strip() else _NOTHING
        if outcome.edits or outcome.flags or outcome.metadata:
            found.append((index, outcome))
    if not found:
        return text, regions, flags, pieces
    if step.name == "fix_encoding" and any(outcome.edits for _, outcome in found):
        found, flags = _mojibake_in_file(step, text, regions, config, facts, found, flags)
    edits: list[Edit] = []
    found_flags: list[tuple[int, Flag]] = []  # (index of the region, flag in the region's output)
    for index, outcome in found:
        start, end, protected, _ = regions[index]
        piece_edits = outcome.edits
        if piece_edits:
            piece = pieces[index]
            spans = [(s - start, e - start) for s, e in protected]
            if protect.may_protect(piece, drawn_tables=step.changes_widths):
                spans = merge(spans + protect.protected_spans(piece, drawn_tables=step.changes_widths))
            piece_edits = _outside(piece_edits, spans)
            edits.extend(Edit(e.start + start, e.end + start, e.replacement, e.reason) for e in piece_edits)
        found_flags.extend((index, flag) for flag in outcome.flags)
        metadata.update(outcome.metadata)
    if not edits and not found_flags:
        return text, regions, flags, pieces
    moved = _moved_regions(regions, edits) if edits else regions
    text, flags = _take_edits(step.name, edits, text, flags, changes, changed)
    for index, flag in found_flags:
        offset = moved[index].start
        flags.append(
            flag.at(None if flag.start is None else flag.start + offset, None if flag.end is None else flag.end + offset)
        )
    return text, moved, flags, None if edits else pieces


def _moved_regions(regions: list[Region], edits: list[Edit]) -> list[Region]:
    """``regions`` where they are after ``edits`` (sorted, non-overlapping):
    start and protected starts as ``PositionMap.forward`` maps them, the end
    as it maps an end.  A region no edit touches moves as a whole, by the
    shift of the edits before it.

    >>> _moved_regions([Region(0, 2), Region(4, 6, ((4, 5),)), Region(8, 9)], [Edit(2, 3, "ab"), Edit(8, 9, "")])
    [Region(start=0, end=4, protected=(), role='text'), Region(start=5, end=7, protected=((5, 6),), role='text'), Region(start=9, end=9, protected=(), role='text')]
    """
    positions = PositionMap(edits)
    starts = [edit.start for edit in edits]
    shifts = list(itertools.accumulate(len(edit.replacement) - (edit.end - edit.start) for edit in edits))
    moved = []
    for region in regions:
        start, end, protected, role = region
        index = bisect.bisect_right(starts, start) - 1
        # untouched: the edit before ends before the region (and is no
        # insertion at its start), the next starts after its end
        if (index + 1 >= len(starts) or starts[index + 1] > end) and (
            index < 0 or (edits[index].end <= start and not edits[index].end == edits[index].start == start)
        ):
            shift = shifts[index] if index >= 0 else 0
            if not shift:
                moved.append(region)
            else:
                moved.append(Region(start + shift, end + shift, tuple((s + shift, e + shift) for s, e in protected), role))
            continue
        moved.append(
            Region(
                positions.forward(start),
                positions.forward(end, inside="end"),
                tuple((positions.forward(s), positions.forward(s) + e - s) for s, e in protected),
                role,
            )
        )
    return moved


def _mojibake_in_file(
    step: Step, text: str, regions: list[Region], config: Config, facts: Facts, found: list[tuple[int, Outcome]], flags: list[Flag]
) -> tuple[list[tuple[int, Outcome]], list[Flag]]:
    """The mojibake repairs of a structured file's regions, judged on the whole
    file: none in a file about encodings (``arbiter.about_encodings``); a
    region one of whose repairs stands written elsewhere in the file shows
    examples, and is judged again with all of its repairs kept from being
    made (``arbiter.shown_examples``)."""
    kinds = {edit.reason for _, outcome in found for edit in outcome.edits}
    if about_encodings(kinds):
        detail = f"mojibake of several kinds ({', '.join(sorted(kinds))}) taken for examples and left"
        return [], flags + [Flag("mojibake-examples", None, None, "", detail)]
    shown = shown_examples((edit.replacement for _, outcome in found for edit in outcome.edits), text)
    if not shown:
        return found, flags
    again = []
    for index, outcome in found:
        repaired = frozenset().union(*(example_texts(edit.replacement) for edit in outcome.edits))
        if repaired & shown:
            # a region that shows an example is one: none of its repairs is made
            start, end, _, _ = regions[index]
            outcome = step.find(text[start:end], StepInput(config, dataclasses.replace(facts, examples=shown | repaired), True))
        again.append((index, outcome))
    return again, flags


# The steps that read bytes and characters, not text: a document that is
# mostly no text (``mojibake``'s ``not-text`` flags: control characters
# throughout, random or binary bytes) gets no step after them.
FIRST_STEPS = frozenset({"fix_encoding"})
NO_TEXT_SHARE = 0.5


def _mostly_no_text(flags: list[Flag], length: int) -> bool:
    covered = sum(f.end - f.start for f in flags if f.kind == "not-text" and f.start is not None and f.end is not None)
    return covered > NO_TEXT_SHARE * length


def document_kind(text: str, config: Config, path: str | None = None) -> str:
    """The kind the pipeline reads ``text`` as: ``config.kind`` when set, else
    the file's kind from its name (a text file refined by its content: subtitles
    or verse), else what the text itself shows."""
    if config.kind != "auto":
        return config.kind
    kind = file_kind(path) if path else None
    if kind is None:
        return sniff(text, markdown=config.protect_markdown)
    if kind == "prose":
        found = sniff(text)
        return found if found in ("subtitles", "verse") else kind
    return kind


def run_text(
    text: str, config: Config, *, record: bool = True, flags: list[Flag] | None = None, path: str | None = None
) -> Result:
    """Normalize ``text`` with a resolved ``config``: the entry point the command
    line and the datatrove step share.  ``flags`` are earlier findings about
    the text (undecodable bytes) to carry into the result; without ``record``
    no change records are kept (faster).  ``path``, the file the text came
    from, tells its kind (``kinds.file_kind``).

    The cyclic garbage collector is paused meanwhile: the steps make objects
    by the line and the mark (a million positions for a megabyte of 12:),
    which each collection pass walks again, so that a step's time grew
    faster than the text (see ``regions.collector_paused``)."""
    with collector_paused():
        return _run_steps(text, config, record=record, flags=flags, path=path)


def _run_steps(text: str, config: Config, *, record: bool, flags: list[Flag] | None, path: str | None) -> Result:
    flags = list(flags) if flags else []
    changes: list[Change] = []
    changed: list[str] = []
    metadata: dict[str, str] = {}
    if config.clean_unicode and ("\r" in text or text.startswith("\ufeff")) and not no_text(text[:SNIFF_SAMPLE]):
        # the document's frame first: the kind, the regions and every line
        # judge read lines cut at LF (a CR LF subtitle file, a Markdown file
        # saved on Windows, an old Mac file of lone CRs) from a start without
        # a byte order mark (which hides front matter); what is no text is
        # left to the mojibake step, which flags it, and to nothing after it
        text, flags = _take_edits("clean_unicode", hygiene.framing_edits(text), text, flags, changes if record else None, changed)
    kind = document_kind(text, config, path)
    allowed = KIND_STEPS[kind]
    regions = regions_for(text, kind, path)
    pieces: list[str] | None = None  # the regions' texts, while the text is as they were cut from
    facts = Facts(kind, markup=config.strip_markup and "strip_markup" in allowed)
    language_known = False
    # Steps never create URLs, e-mail addresses or Markdown: with none in the
    # input, no span is ever protected.
    may_protect = protect.may_protect(text)
    # A drawn table, for the steps that change widths, is looked for in the text
    # they are given: a repair may draw one (&#9474; decoded to │).
    drawn, drawn_in = False, None
    # prose or verse is read off the lines, and mojibake has lines of its own
    # kind: judged again once it is repaired (unless a name or the config said)
    line_shape = kind in ("prose", "verse") and config.kind == "auto" and (path is None or file_kind(path) == "prose")
    text_checked = False  # (whether the first steps' flags were read for what is no text)
    for step in STEPS:
        if step.name not in FIRST_STEPS and not text_checked:
            text_checked = True
            if _mostly_no_text(flags, len(text)):
                break  # (random or binary bytes: nothing after the byte-level steps reads them)
        if line_shape and step.name != "fix_encoding" and "fix_encoding" in changed:
            line_shape = False
            kind = "verse" if looks_like_verse(text) else "prose"
            allowed = KIND_STEPS[kind]  # (the language is judged later, at the first Chinese step)
            facts = dataclasses.replace(facts, kind=kind)
        if not step.enabled(config) or step.name not in allowed:
            continue
        if step.name in CHINESE_STEPS and not language_known:
            # judged on the text as the repairs before left it: mojibake is
            # full of kana (浣犲ソ) that the real text does not have
            language_known = True
            if foreign_document(text):
                allowed = allowed - CHINESE_STEPS
                continue
            if regions is not None and "convert" in allowed and config.to == "simplified":
                facts = dataclasses.replace(facts, traditional=script.document_traditional(text))
        if regions is not None:
            text, regions, flags, pieces = _step_in_regions(
                step, text, regions, config, facts, flags, changes if record else None, changed, metadata, pieces
            )
            continue
        # Without records or protected spans a step may hand back its text; with
        # flags to move, only a length-keeping step, and only when the length
        # did not change (same-length substitutions keep every offset).
        if step.character_level and step.changes_widths and drawn_in is not text:
            drawn, drawn_in = may_protect or protect.has_drawn_table(text), text
        protecting = step.character_level and (drawn if step.changes_widths else may_protect)
        text_allowed = not record and not protecting and (not flags or step.keeps_length)
        outcome = step.find(text, StepInput(config, facts, not text_allowed))
        if outcome.text is not None:
            if not flags or len(outcome.text) == len(text):
                if outcome.text != text and step.name not in changed:
                    changed.append(step.name)
                text = outcome.text
                flags.extend(outcome.flags)
                metadata.update(outcome.metadata)
                continue
            outcome = step.find(text, StepInput(config, facts, True))  # flags must move: edits after all
        edits = outcome.edits
        if edits and protecting:
            edits = _outside(edits, protect.protected_spans(text, drawn_tables=step.changes_widths))
        text, flags = _take_edits(step.name, edits, text, flags, changes if record else None, changed)
        flags.extend(outcome.flags)
        metadata.update(outcome.metadata)
    try:  # whatever was switched off, never return a lone surrogate (encoding is the fastest test)
        text.encode("utf-8")
        surrogates = False
    except UnicodeEncodeError:
        surrogates = True
    if surrogates:
        edits, new_flags = hygiene.pair_surrogates(text)
        text, flags = _take_edits("surrogates", edits, text, flags, changes if record else None, changed)
        flags.extend(new_flags)
    return Result(text, changes, metadata, flags, changed_steps=changed, kind=kind)


def _take_edits(name: str, edits: list[Edit], text: str, flags: list[Flag], changes: list[Change] | None,
                changed: list[str]) -> tuple[str, list[Flag]]:
    """``text`` after step ``name``'s ``edits``, and ``flags`` moved with them;
    the changes recorded (unless ``changes`` is None) and the step noted once."""
    if not edits:
        return text, flags
    if name not in changed:
        changed.append(name)
    if changes is not None:
        changes.extend(Change(name, e.start, e.end, text[e.start : e.end], e.replacement, e.reason) for e in edits)
    return apply_edits(text, edits), move_flags(flags, edits) if flags else flags


def run(data: str | bytes, config: Config | str | None = None, /, **overrides: Unpack[ConfigOverrides]) -> Result:
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


def normalize(text: str, config: Config | str | None = None, /, **overrides: Unpack[ConfigOverrides]) -> str:
    """Normalize ``text`` and return the clean text.

    >>> normalize("12月28日,河南省衛生健康委召開會議")
    '12月28日，河南省卫生健康委召开会议'
    >>> normalize("12月28日,河南", punctuation="keep")
    '12月28日,河南'
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize() takes str; use normalize_bytes() for {type(text).__name__}")
    return _run(text, resolve(config, overrides), record=False).text


def normalize_bytes(data: bytes, config: Config | str | None = None, /, **overrides: Unpack[ConfigOverrides]) -> str:
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
