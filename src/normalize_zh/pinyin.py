"""Pinyin annotations: content farms write a reading after traditional characters.

``濟(jì)源網(wǎng)`` becomes ``濟源網``.  An annotation is removed only when
it is one of the readings pypinyin knows for the character right before it
(with tone marks, with tone numbers ``ji4``, or without tones), so Latin
glosses and acronyms stay: ``北京(Beijing)``, ``(GDP)``, and a syllable that
is not a reading of its character.  An author's own glosses stay too: in a
text whose annotations mostly give a reading other than the first pypinyin
lists for the character (``非对称(chèn)``), those do (``glossed``).

Where the target script is simplified, the reading also settles characters
whose simplified form depends on it and that OpenCC alone leaves as they are
(``著(zhe)`` is ``着``, ``著(zhù)`` stays ``著``); the table is
``data/reading_choices.tsv``.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Iterator

from .edits import Edit, Outcome, apply_edits
from .chars import HAN, PINYIN_TONED
from .tables import data_lines

_SYLLABLE = "a-zü" + PINYIN_TONED
TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))
# A bracketed syllable right after a Han character (one space between
# allowed).  The pattern starts on the bracket, so that the scan is fast; the
# look-behinds check the character.
ANNOTATION = re.compile(
    rf"[(（](?:(?<=[{HAN}][(（])|(?<=[{HAN}][ \u00a0][(（]))"
    rf"(?P<reading>[{_SYLLABLE}]{{1,7}}[1-5]?)[)）]"
)


@functools.cache
def _table() -> dict[int, str]:
    """pypinyin's table of single-character readings (code point -> readings).

    Importing the ``pypinyin`` package loads its phrase dictionary too (0.3 s
    and 55 MB per process) which nothing here needs, so the table's own
    module is loaded from pypinyin's directory; a plain import is the fallback."""
    import importlib.util

    spec = importlib.util.find_spec("pypinyin")
    if spec is not None and spec.submodule_search_locations:
        for directory in spec.submodule_search_locations:
            path = os.path.join(directory, "pinyin_dict.py")
            if os.path.exists(path):
                module_spec = importlib.util.spec_from_file_location("_normalize_zh_pinyin_dict", path)
                if module_spec is not None and module_spec.loader is not None:
                    module = importlib.util.module_from_spec(module_spec)
                    module_spec.loader.exec_module(module)
                    return module.pinyin_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict


def readings(char: str) -> tuple[str, ...]:
    """The readings pypinyin gives for ``char``, with tone marks.

    >>> readings("著")
    ('zhù', 'zhuó', 'chú', 'zhāo', 'zháo', 'zhe')
    """
    value = _table().get(ord(char))
    return tuple(value.split(",")) if value else ()


def _toneless(syllable: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", syllable).translate(TONE_MARKS))


def annotations(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, character, reading) for each ``(pinyin)`` written right
    after a Han character (one space allowed between), readings unchecked."""
    if "(" not in text and "（" not in text:
        return
    for match in ANNOTATION.finditer(text):
        start = match.start()
        character = start - 2 if text[start - 1] in " \u00a0" else start - 1
        yield character, match.end(), text[character], match.group("reading")


@functools.lru_cache(maxsize=8192)
def normalize_reading(annotation: str) -> str:
    """``ji4`` -> ``jì``; ``lv`` -> ``lü``; composed (NFC) form."""
    text = unicodedata.normalize("NFC", annotation).replace("v", "ü")
    if text[-1:].isdigit():
        from pypinyin.contrib.tone_convert import to_tone

        text = to_tone(text)
    return text


@functools.lru_cache(maxsize=65536)
def matching_reading(char: str, annotation: str) -> str | None:
    """The reading of ``char`` that ``annotation`` writes, or None.

    >>> matching_reading("濟", "jì"), matching_reading("京", "Beijing"), matching_reading("和", "he")
    ('jì', None, 'hé')
    """
    if not annotation or annotation != annotation.lower():
        return None
    wanted = normalize_reading(annotation)
    known = readings(char)
    if wanted in known:
        return wanted
    if wanted == _toneless(wanted):  # written without tones
        for reading in known:
            if _toneless(reading) == wanted:
                return reading
    return None


@functools.lru_cache(maxsize=65536)
def annotation_reading(char: str, annotation: str) -> str | None:
    """The reading ``annotation`` writes for ``char`` or for its form in the
    other script: content farms annotate simplified text and convert it after,
    so ``乾(gàn)`` carries a reading of ``干``.  Checking both forms also keeps
    the step idempotent when conversion changes the character.

    >>> annotation_reading("乾", "gàn"), matching_reading("乾", "gàn")
    ('gàn', None)
    """
    found = matching_reading(char, annotation)
    if found is None and annotation == annotation.lower():
        for form in _other_forms(char):
            found = matching_reading(form, annotation)
            if found is not None:
                break
    return found


@functools.lru_cache(maxsize=65536)
def _other_forms(char: str) -> tuple[str, ...]:
    from .script import converter

    forms = {converter(config).convert(char) for config in ("t2s", "s2t")}
    return tuple(sorted(forms - {char}))


@functools.cache
def reading_choices() -> dict[tuple[str, str], str]:
    """(traditional character, reading) -> its simplified form, from the data file."""
    choices = {}
    for line in data_lines("reading_choices.tsv"):
        traditional, reading, simplified = line.split("\t")
        choices[traditional, reading] = simplified
    return choices


@functools.lru_cache(maxsize=65536)
def default_reading(char: str, reading: str) -> bool:
    """Whether ``reading`` is the first reading pypinyin's table lists for
    ``char`` or for its form in the other script (the table's order, not
    always the commonest: 长 lists zhǎng first)."""
    return any(readings(form)[:1] == (reading,) for form in (char, *_other_forms(char)))


def glossed(text: str) -> bool:
    """Whether the annotations of ``text`` are an author's glosses, not a
    content farm's: more than half of them give a reading other than the
    first of the character's (``default_reading``; ``对称(chèn)``: 称 lists
    chēng first).  A farm's tool writes that first reading (all 473
    annotations of seeds 002 and 004 do); an author glosses the reading a
    reader would get wrong, most often another one."""
    found = rare = 0
    for _, _, char, written in annotations(text):
        reading = annotation_reading(char, written)
        if reading is not None:
            found += 1
            rare += not default_reading(char, reading)
    return 2 * rare > found


def _stripped(text: str, choices: dict[tuple[str, str], str], glosses: bool) -> str:
    """``text`` without its annotations, in one regex pass: the character before
    an annotation (and a space between) is rewritten with it.  ``glosses``:
    annotations of a reading other than the first stay (``glossed``)."""
    pieces = []
    position = 0
    for match in ANNOTATION.finditer(text):  # annotations(), inlined: this is the hot loop
        start = match.start()
        start -= 2 if text[start - 1] in " \u00a0" else 1
        char = text[start]
        reading = annotation_reading(char, match.group("reading"))
        if reading is None or glosses and not default_reading(char, reading):
            continue
        pieces.append(text[position:start])
        pieces.append(choices.get((char, reading), char))
        position = match.end()
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def strip_pinyin_outcome(text: str, *, simplify: bool = False, edits: bool = True) -> Outcome:
    """Edits removing annotations; with ``simplify``, also applying reading
    choices; without ``edits``, the new text itself."""
    if "(" not in text and "（" not in text:
        return Outcome([])
    choices = reading_choices() if simplify else {}
    glosses = glossed(text)
    if not edits:
        stripped = _stripped(text, choices, glosses)
        return Outcome([], text=stripped) if stripped is not text else Outcome([])
    found = []
    for start, end, char, written in annotations(text):
        reading = annotation_reading(char, written)
        if reading is None or glosses and not default_reading(char, reading):
            continue
        replacement = choices.get((char, reading), char)
        why = f"reading {reading}" + (f": {char}→{replacement}" if replacement != char else "")
        found.append(Edit(start, end, replacement, why))
    return Outcome(found)


def strip_pinyin(text: str, *, simplify: bool = False) -> str:
    """Remove pinyin annotations that are readings of the character before them.

    >>> strip_pinyin("濟(jì)源網(wǎng)訊，北京(Beijing)的GDP(GDP)")
    '濟源網訊，北京(Beijing)的GDP(GDP)'
    >>> strip_pinyin("記(jì)者(zhě)報(bào)道，他乾(gān)著(zhe)急", simplify=True)
    '記者報道，他干着急'
    >>> strip_pinyin("同样的道理也适用于一般的非对称(chèn)运载火箭")  # a gloss
    '同样的道理也适用于一般的非对称(chèn)运载火箭'
    """
    return apply_edits(text, strip_pinyin_outcome(text, simplify=simplify).edits)
