"""Script conversion with OpenCC: traditional to simplified and back, and regional forms.

``convert(text, "t2s")`` runs any OpenCC configuration (``t2s``, ``tw2s``,
``tw2sp``, ``hk2s``, ``s2t``, ``s2tw``, ``s2twp``, ``s2hk``, ...).  The pipeline
picks one from ``Config.to``; for ``"simplified"`` it reads the text first:
Taiwan writes ``著`` where OpenCC's standard and Hong Kong write ``着``
(``看著窗外``), so text with more of Taiwan's own forms than Hong Kong's is
converted with ``tw2s``, other traditional text with ``hk2s`` (which also
passes every one of OpenCC's own ``t2s`` test cases), and text that is mostly
simplified already with ``t2s``, which only touches its stray traditional
characters.

To simplified, the pipeline decides per paragraph (``simplify_outcome``):
only a paragraph that reads as traditional goes through OpenCC whole.  In a
simplified or neutral paragraph only characters that no simplified text
uses are converted: OpenCC's t2s is not the identity on simplified text
(``打坏了`` -> ``打坯了``: it reads 坏 as the old form of 坯), so a character
that is valid simplified (GB2312 has it, or it has a traditional form of its
own) is never changed there.  A paragraph with no character of either
script takes the document's.  Phrases OpenCC is known to get wrong
(``乾符`` -> ``干符``) keep their characters (``data/script_exceptions.tsv``).

Left alone: URLs and e-mail addresses, words the caller protects, and
paragraphs with kana or Hangul (``日本語`` is Japanese, not traditional
Chinese); in a document that is mostly Japanese or Korean, every paragraph
(its kanji-only headings: ``詳細``).  Latin letters and digits OpenCC never
touches.

The official ``opencc`` package (C++ core) is the dependency.  The pure-Python
``opencc-python-reimplemented`` installs a module of the same name; if that is
what is installed it is used instead (its configuration names have no
``.json``), at about a fortieth of the speed and with less accurate tables.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from collections.abc import Iterable

from .edits import Edit, Outcome, apply_edits
from .chars import NOT_CHINESE, foreign_document
from .protect import merge, protected_spans
from .tables import alternatives, data_lines

TARGET_CONFIGS = {"traditional": "s2t", "taiwan": "s2tw", "hongkong": "s2hk"}
SAMPLE = 3_000  # characters read to tell the script and the region of a text
FIRST_LOOK = 300  # ... of which this many settle it when one script clearly dominates
PARAGRAPH = re.compile(r"[^\n]*(?:\n|$)")


@functools.cache
def converter(config: str):
    """The OpenCC converter for ``config`` (built once per process)."""
    import opencc

    name = config[:-5] if config.endswith(".json") else config
    try:
        return opencc.OpenCC(name + ".json")
    except Exception:  # opencc-python-reimplemented: names without .json
        return opencc.OpenCC(name)


def opencc_flavour() -> str:
    """"official" (the C++ OpenCC) or "reimplemented" (opencc-python-reimplemented)."""
    import opencc

    return "official" if hasattr(opencc, "__version__") and hasattr(opencc, "CONFIGS") else "reimplemented"


@functools.cache
def _regional_forms() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters only Taiwan's and only Hong Kong's standard forms use where
    OpenCC's standard has another (著 for 着, 裡 for 裏; 綫 for 線), read off
    OpenCC's own t2tw and t2hk applied to every CJK character."""
    chars = [chr(code) for code in range(0x3400, 0xA000)]
    joined = "\n".join(chars)
    taiwan = {t for c, t in zip(chars, converter("t2tw").convert(joined).split("\n")) if t != c}
    hongkong = {h for c, h in zip(chars, converter("t2hk").convert(joined).split("\n")) if h != c}
    return (
        re.compile("[" + "".join(sorted(taiwan - hongkong)) + "]"),
        re.compile("[" + "".join(sorted(hongkong - taiwan)) + "]"),
    )


def region(sample: str) -> str:
    """"taiwan", "hongkong" or "" for a traditional sample, by its regional forms."""
    taiwan, hongkong = _regional_forms()
    tw = len(taiwan.findall(sample))
    hk = len(hongkong.findall(sample))
    return "taiwan" if tw > hk else "hongkong" if hk > tw else ""


def simplified_config(text: str) -> str:
    """``tw2s`` for text in Taiwan forms, ``hk2s`` for other traditional text;
    ``t2s`` for text that is mostly simplified already (the regional tables
    would turn its 什么 into 什幺)."""
    simplified, traditional = _script_balance(text[:FIRST_LOOK])
    if len(text) > FIRST_LOOK and not _clear(simplified, traditional):
        simplified, traditional = _script_balance(text[:SAMPLE])
    if simplified >= traditional:
        return "t2s"
    return "tw2s" if region(text[:SAMPLE]) == "taiwan" else "hk2s"


def _clear(simplified: int, traditional: int) -> bool:
    """One script has enough characters of its own, and four times the other's."""
    return max(simplified, traditional) >= 20 and min(simplified, traditional) * 4 <= max(simplified, traditional)


# Forms that look simplified but are the everyday standard of traditional text
# in Taiwan and Hong Kong (台灣, 平台): unifying a traditional page never touches them.
REGIONAL_STANDARD = frozenset("台")
UNIFY_MIN = 10  # script-specific characters of the dominant script before a page is judged
UNIFY_RATIO = 4


@functools.cache
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Characters of one script only: those only GB2312 has that OpenCC's
    s2t gives another form (simplified: 这), and those only Big5 has that its
    t2s gives another form (traditional: 這).  A rare character that one
    codec lacks and OpenCC leaves as it is (袟, 虙 of the 楚辞) is in
    neither script: it is rare, not traditional."""
    from .tables import simplified_only, traditional_only

    def changed(chars: frozenset[str], config: str) -> str:
        ordered = sorted(chars)
        converted = converter(config).convert("\n".join(ordered)).split("\n")
        return "".join(c for c, other in zip(ordered, converted) if other != c)

    return (
        re.compile("[" + changed(simplified_only(), "s2t") + "]"),
        re.compile("[" + changed(traditional_only(), "t2s") + "]"),
    )


def _script_balance(sample: str) -> tuple[int, int]:
    """(simplified-only, traditional-only) character counts, from the codecs:
    in GB2312 and not Big5, or the other way round."""
    simplified, traditional = _script_patterns()
    return len(simplified.findall(sample)), len(traditional.findall(sample))


def unify_config(text: str) -> str | None:
    """For ``to="keep"``: the configuration that turns stray characters of the
    other script into the page's own (``示范`` in a traditional page becomes
    ``示範``), or None when the page is not clearly in one script."""
    sample = text[:SAMPLE]
    simplified, traditional = _script_balance(sample)
    if traditional >= UNIFY_MIN and traditional >= UNIFY_RATIO * simplified:
        return {"taiwan": "s2tw", "hongkong": "s2hk"}.get(region(sample), "s2t")
    if simplified >= UNIFY_MIN and simplified >= UNIFY_RATIO * traditional:
        return simplified_config(sample) if traditional else None
    return None


def config_for(text: str, to: str, *, unify: bool = False) -> str | None:
    """The OpenCC configuration the pipeline uses for target ``to`` (None: no conversion)."""
    if to == "keep":
        return unify_config(text) if unify else None
    if to == "simplified":
        return simplified_config(text)
    return TARGET_CONFIGS[to]


def _skipped_spans(text: str, protected_words: Iterable[str]) -> list[tuple[int, int]]:
    spans = protected_spans(text)  # URLs and e-mail addresses
    for word in protected_words:
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + len(word))
    if NOT_CHINESE.search(text):
        for paragraph in PARAGRAPH.finditer(text):
            if NOT_CHINESE.search(paragraph.group()):
                spans.append(paragraph.span())
    return merge(spans)


def _diff(before: str, after: str, offset: int, reason: str) -> list[Edit]:
    """Edits turning ``before`` into ``after`` (OpenCC keeps line breaks)."""
    edits = []
    if len(before) == len(after):
        # runs of differing positions, found at C speed
        start = end = -2
        for index in itertools.compress(range(len(before)), map(str.__ne__, before, after)):
            if index != end:
                if start >= 0:
                    edits.append(Edit(offset + start, offset + end, after[start:end], reason))
                start = index
            end = index + 1
        if start >= 0:
            edits.append(Edit(offset + start, offset + end, after[start:end], reason))
        return edits
    before_lines = before.split("\n")
    after_lines = after.split("\n")
    if len(before_lines) != len(after_lines):
        return [Edit(offset, offset + len(before), after, reason)]
    position = offset
    for old, new in zip(before_lines, after_lines):
        if old != new:
            if len(old) == len(new):
                edits.extend(_diff(old, new, position, reason))
            else:
                matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
                for op, i1, i2, j1, j2 in matcher.get_opcodes():
                    if op != "equal":
                        edits.append(Edit(position + i1, position + i2, new[j1:j2], reason))
        position += len(old) + 1
    return edits


CLAUSE = re.compile(r"[^\s，。！？；：、,.!?;:“”‘’（）()《》「」『』【】]+")


def _traditional_clauses(text: str) -> list[tuple[int, int]]:
    """Clauses already in traditional characters (some traditional-only, none
    simplified-only).  OpenCC's s2t is made for simplified input: on its own
    output it would change 干預 (from 干预) to 幹預, so these are left alone."""
    simplified, traditional = _script_patterns()
    return [
        match.span()
        for match in CLAUSE.finditer(text)
        if traditional.search(match.group()) and not simplified.search(match.group())
    ]


def convert_outcome(
    text: str,
    config: str,
    *,
    protected_words: Iterable[str] = (),
    keep_regional: bool = False,
    edits: bool = True,
    leave_traditional: bool = False,
    skipped: list[tuple[int, int]] | None = None,
) -> Outcome:
    """Edits converting ``text`` with OpenCC ``config``, leaving protected spans
    alone; with ``keep_regional`` (unifying a page), regional standard forms too;
    with ``leave_traditional``, clauses already traditional.  Without
    ``edits``, the converted text itself when nothing is to be skipped."""
    if not text or text.isascii():
        return Outcome([])
    cc = converter(config)
    reason = config[:-5] if config.endswith(".json") else config
    skip_regional = keep_regional and reason.startswith("s2")
    if skipped is None:
        skipped = _skipped_spans(text, protected_words)
    if leave_traditional:
        skipped = merge(skipped + _traditional_clauses(text))
    if not edits and not skipped and not skip_regional:
        return Outcome([], text=cc.convert(text))
    found_edits: list[Edit] = []
    position = 0
    for start, end in skipped + [(len(text), len(text))]:
        piece = text[position:start]
        if piece and not piece.isascii():
            converted = cc.convert(piece)
            if converted != piece:
                found = _diff(piece, converted, position, reason)
                if skip_regional:
                    found = [e for e in found if not (e.end > e.start and set(text[e.start : e.end]) <= REGIONAL_STANDARD)]
                found_edits.extend(found)
        position = end
    return Outcome(found_edits)


def convert(text: str, config: str = "t2s", *, protected_words: Iterable[str] = ()) -> str:
    """Convert ``text`` with an OpenCC configuration, URLs and ``protected_words`` kept.

    >>> convert("臺灣的軟體開發")
    '台湾的软体开发'
    >>> convert("台湾的软件开发", "s2twp")
    '臺灣的軟體開發'
    >>> convert("參見https://example.com/Big5 與說明\\n日本語のテキスト", "t2s")
    '参见https://example.com/Big5 与说明\\n日本語のテキスト'
    """
    outcome = convert_outcome(text, config, protected_words=protected_words, edits=False)
    return outcome.text if outcome.text is not None else apply_edits(text, outcome.edits)


# -- to simplified, paragraph by paragraph -----------------------------------------

# A paragraph reads as traditional when it has more traditional-only than
# simplified-only characters (``_script_patterns``: the codecs' sets, Big5 and
# not GB2312 and the other way round, less what OpenCC leaves alone).


@functools.cache
def valid_simplified() -> frozenset[str]:
    """Characters simplified text uses: GB2312's, and every character OpenCC's
    s2t gives a traditional form (so it is itself a simplified form)."""
    from .tables import gb2312_characters

    chars = [chr(code) for code in range(0x3400, 0xA000)]
    converted = converter("s2t").convert("\n".join(chars)).split("\n")
    return gb2312_characters() | frozenset(c for c, t in zip(chars, converted) if t != c)


@functools.cache
def _exceptions() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Phrases OpenCC converts wrongly, and their right simplified form."""
    table = dict(line.split("\t") for line in data_lines("script_exceptions.tsv"))
    if not table:
        return None, {}
    return re.compile(alternatives(sorted(table, key=len, reverse=True))), table


def _exception_spans(text: str) -> list[tuple[int, int]]:
    """Characters inside known exception phrases that must stay as they are."""
    pattern, table = _exceptions()
    if pattern is None or "乾" not in text:
        return []
    spans = []
    for match in pattern.finditer(text):
        right = table[match.group()]
        spans.extend(
            (match.start() + i, match.start() + i + 1) for i, (a, b) in enumerate(zip(match.group(), right)) if a == b
        )
    return spans


def paragraph_scripts(text: str) -> list[tuple[int, int, str]]:
    """(start, end, script) of each line of ``text``: "traditional",
    "simplified", or "" (neither: no character of one script only)."""
    simplified, traditional = _script_patterns()
    lines = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line and not line.isascii():
            s = len(simplified.findall(line))
            t = len(traditional.findall(line))
            lines.append((start, end, "traditional" if t > s else "simplified" if s > t else ""))
        start = end + 1
    return lines


def simplify_outcome(
    text: str, *, protected_words: Iterable[str] = (), edits: bool = True, traditional: bool | None = None
) -> Outcome:
    """To simplified, paragraph by paragraph (see the module docstring).
    ``traditional``: whether the document ``text`` is part of reads as
    traditional (a paragraph of a Markdown file); None: ``text`` is the document."""
    if not text or text.isascii() or (traditional is None and foreign_document(text)):
        return Outcome([])
    lines = paragraph_scripts(text)
    if traditional is None:
        traditional = document_traditional(text)
    document = "traditional" if traditional else "simplified"
    stray = _script_patterns()[1]
    # what each line needs: "whole" (a traditional paragraph), "stray" (its
    # traditional-only characters), or nothing; runs of whole lines go together
    plan: list[list] = []
    for start, end, line_script in lines:
        if (line_script or document) == "traditional":
            mode = "whole"
        elif stray.search(text, start, end):
            mode = "stray"
        else:
            continue
        if mode == "whole" and plan and plan[-1][2] == "whole" and plan[-1][1] + 1 == start:
            plan[-1][1] = end
        else:
            plan.append([start, end, mode])
    if not plan:
        return Outcome([])
    config = simplified_config(text) if traditional else "t2s"
    skipped = merge(_skipped_spans(text, protected_words) + _exception_spans(text))
    valid = valid_simplified()
    found: list[Edit] = []
    pieces: list[str] = []  # without edits: the output, piece by piece
    previous = 0
    for start, end, mode in plan:
        piece = text[start:end]
        inside = [(max(s, start) - start, min(e, end) - start) for s, e in skipped if s < end and e > start]
        whole = mode == "whole"
        if not edits and whole and not inside:
            pieces += [text[previous:start], converter(config).convert(piece)]
            previous = end
            continue
        outcome = convert_outcome(piece, config if whole else "t2s", edits=True, skipped=inside)
        kept = [e for e in outcome.edits if whole or not any(char in valid for char in piece[e.start : e.end])]
        if edits:
            found.extend(Edit(e.start + start, e.end + start, e.replacement, e.reason) for e in kept)
        else:
            pieces += [text[previous:start], apply_edits(piece, kept)]
            previous = end
    if not edits:
        pieces.append(text[previous:])
        output = "".join(pieces)
        return Outcome([], text=output) if output != text else Outcome([])
    return Outcome(found)


def document_traditional(text: str) -> bool:
    """More traditional-only than simplified-only characters (a sample first)."""
    simplified, traditional = _script_balance(text[:SAMPLE])
    if len(text) > SAMPLE and not _clear(simplified, traditional):
        simplified, traditional = _script_balance(text)
    return traditional > simplified
