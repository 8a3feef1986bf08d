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

Left alone: URLs and e-mail addresses, words the caller protects, and
paragraphs with kana or Hangul (``日本語`` is Japanese, not traditional
Chinese).  Latin letters and digits OpenCC never touches.

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
from .protect import merge, protected_spans

TARGET_CONFIGS = {"traditional": "s2t", "taiwan": "s2tw", "hongkong": "s2hk"}
SAMPLE = 3_000  # characters read to tell the script and the region of a text
FIRST_LOOK = 300  # ... of which this many settle it when one script clearly dominates
NOT_CHINESE = re.compile("[\u3041-\u30ff\u31f0-\u31ff\uac00-\ud7a3\u1100-\u11ff]")
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
    """Characters only GB2312 has (simplified) and only Big5 has (traditional)."""
    from .tables import simplified_only, traditional_only

    return (
        re.compile("[" + "".join(sorted(simplified_only())) + "]"),
        re.compile("[" + "".join(sorted(traditional_only())) + "]"),
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
