"""``Config``: one frozen dataclass for every option, and the named presets.

Each boolean field switches one step of the pipeline on or off and has that
step's name (the same name appears in ``Result.changes`` and ``--explain``).
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # pragma: no cover
    from typing_extensions import Unpack

from .kinds import KINDS

TARGETS = ("simplified", "traditional", "taiwan", "hongkong", "keep")
PUNCTUATION_MODES = ("fullwidth", "strict", "keep")


class ConfigOverrides(TypedDict, total=False):
    """The keyword overrides every entry point takes (``normalize(text, reflow=False)``).

    One key per ``Config`` field (and ``preset``), so that a type checker
    rejects a misspelt one (``reflw=False``) or a wrong type (``reflow="no"``);
    at run time ``Config`` checks the same (a ``TypeError`` naming the field).
    ``tests/test_config_types.py`` fails when a field is missing here.
    """

    preset: Literal["corpus", "docs", "minimal"]
    to: Literal["simplified", "traditional", "taiwan", "hongkong", "keep"]
    unify_script: bool
    fix_encoding: bool
    clean_unicode: bool
    strip_markup: bool
    fix_escapes: bool
    strip_pinyin: bool
    fix_punctuation: bool
    punctuation: Literal["fullwidth", "strict", "keep"]
    fix_spacing: bool
    fix_repeats: bool
    boilerplate: bool
    reflow: bool
    protect_markdown: bool
    kind: Literal["auto", "prose", "verse", "markdown", "rst", "po", "subtitles", "code", "data"]
    protected_words: Iterable[str]


@dataclass(frozen=True)
class Config:
    """What to repair, and how.

    Build one with ``Config.preset("docs", to="keep")``, or pass the same
    keyword overrides to ``normalize``/``run``/``normalize_bytes``.  An unknown
    field is a ``TypeError`` that names it.
    """

    #: the preset these values started from (informational)
    name: str = "corpus"
    #: target script: "simplified", "traditional", "taiwan", "hongkong" or "keep"
    to: str = "simplified"
    #: with to="keep": turn stray characters of the other script into the page's
    #: own, when the page is clearly in one script (示范 in a traditional page: 示範)
    unify_script: bool = True
    #: repair mojibake (ftfy's kinds and the Chinese ones) and flag the unrepairable
    fix_encoding: bool = True
    #: compatibility ideographs and Kangxi radicals, invisible and control characters, odd spaces
    clean_unicode: bool = True
    #: leaked HTML tags and fragments, BBCode, template placeholders and ad slots;
    #: HTML entities (``&amp;``) and terminal escapes are decoded or dropped only when this is on
    strip_markup: bool = True
    #: escapes printed as text: ``u200b`` without its backslash, ``\u4e2d``, ``%E4%B8%AD``, ``\n``
    fix_escapes: bool = True
    #: remove ``(pinyin)`` written after a character when it is a reading of it
    strip_pinyin: bool = True
    #: stray and doubled punctuation (``,,`` ``,、`` ``,。``)
    fix_punctuation: bool = True
    #: "fullwidth": ASCII punctuation in Chinese context becomes full width (and
    #: full-width letters and digits ASCII); "strict": only marks between Chinese
    #: on both sides change, nothing else; "keep": no width changes
    punctuation: str = "fullwidth"
    #: spaces extraction put between Han characters: letter-spacing, line ends turned into spaces
    fix_spacing: bool = True
    #: every line twice (slide decks), chunk markers of document-sharing sites
    fix_repeats: bool = True
    #: strip link lists, headers, footers, page furniture (their labelled facts go to metadata)
    boilerplate: bool = True
    #: re-join lines broken mid-sentence; one paragraph separator throughout
    reflow: bool = True
    #: read a text that no file name describes as Markdown (its code, front
    #: matter, HTML and link targets untouched), unless it is subtitles
    protect_markdown: bool = False
    #: what the text is: "auto" (from the file name, else from the text itself),
    #: or one of "prose", "verse", "markdown", "rst", "po", "subtitles", "code", "data"
    kind: str = "auto"
    #: words that script conversion must never change
    protected_words: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if isinstance(self.protected_words, str) or not isinstance(self.protected_words, tuple):
            object.__setattr__(self, "protected_words", _as_words(self.protected_words))
        for item in dataclasses.fields(self):
            check_field(item.name, getattr(self, item.name), item.type)
        if self.to not in TARGETS:
            raise ValueError(f"to={self.to!r}: expected one of {', '.join(TARGETS)}")
        if self.kind != "auto" and self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r}: expected auto or one of {', '.join(KINDS)}")
        if self.punctuation not in PUNCTUATION_MODES:
            raise ValueError(
                f"punctuation={self.punctuation!r}: expected one of {', '.join(PUNCTUATION_MODES)}"
            )

    @classmethod
    def preset(cls, name: str = "corpus", /, **overrides: Unpack[ConfigOverrides]) -> Config:
        """The named preset, with ``overrides`` applied on top."""
        try:
            base = PRESETS[name]
        except KeyError:
            raise ValueError(f"unknown preset {name!r}: expected one of {', '.join(PRESETS)}") from None
        return base.with_overrides(**overrides)

    def with_overrides(self, **overrides: Unpack[ConfigOverrides]) -> Config:
        """A copy with some fields changed; ``preset=`` switches the base first."""
        rest: dict[str, Any] = dict(overrides)  # checked at run time below and in __post_init__
        if "preset" in rest:
            return Config.preset(rest.pop("preset"), **rest)
        unknown = sorted(set(rest) - FIELD_NAMES)
        if unknown:
            raise TypeError(
                f"unknown Config field{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)} "
                f"(known: {', '.join(sorted(FIELD_NAMES))})"
            )
        return dataclasses.replace(self, **rest) if rest else self


def _as_words(value: Any) -> tuple[str, ...]:
    """Words from a string (split at white space) or any iterable of strings."""
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        raise TypeError(f"protected_words={value!r}: expected a list of words, not {type(value).__name__}")
    words = tuple(value)
    for word in words:
        if not isinstance(word, str):
            raise TypeError(f"protected_words: {word!r} is a {type(word).__name__}, not a word (str)")
    return tuple(word for word in words if word)


# What each annotation of a Config field admits at run time.  Annotations are
# strings here (``from __future__ import annotations``); a field whose
# annotation is not listed is not checked (a new kind of field: add it here).
_RUNTIME_TYPES: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "tuple[str, ...]": (tuple,),
}
_TYPE_WORDS = {"bool": "true or false", "str": "a string", "int": "an integer", "float": "a number", "tuple[str, ...]": "a list of strings"}


def check_field(name: str, value: Any, annotation: Any = None) -> None:
    """Raise ``TypeError`` naming ``name`` when ``value`` is not of the field's type.

    ``reflow="no"`` is a mistake, not a true value: Python would read any
    non-empty string as on.  ``bool`` is not accepted for numbers either.

    >>> check_field("reflow", "no")
    Traceback (most recent call last):
    ...
    TypeError: reflow='no': expected true or false (bool), not str
    """
    if annotation is None:
        annotation = FIELD_ANNOTATIONS.get(name)
    key = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    allowed = _RUNTIME_TYPES.get(key)
    if allowed is None:
        return
    wrong = not isinstance(value, allowed) or (bool not in allowed and isinstance(value, bool))
    if not wrong and key == "tuple[str, ...]":
        wrong = not all(isinstance(item, str) for item in value)
    if wrong:
        raise TypeError(f"{name}={value!r}: expected {_TYPE_WORDS[key]} ({key}), not {type(value).__name__}")


FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(Config)) - {"name"}
FIELD_ANNOTATIONS: dict[str, Any] = {f.name: f.type for f in dataclasses.fields(Config)}

PRESETS: dict[str, Config] = {
    # Everything on: cleaning scraped pages for a corpus or an index.
    "corpus": Config(name="corpus"),
    # Documents kept in a repository: repair damage, never restructure.
    "docs": Config(
        name="docs",
        to="keep",
        unify_script=False,
        # an author's zero-width space (it makes CJK emphasis render in
        # Markdown) and no-break space are deliberate; so is a pinyin note in
        # a document (私钥(yuè) in a subtitle, a textbook's 汉(hàn)字(zì))
        clean_unicode=False,
        strip_pinyin=False,
        strip_markup=False,
        fix_escapes=False,
        fix_spacing=False,
        fix_repeats=False,
        boilerplate=False,
        reflow=False,
        punctuation="strict",
        protect_markdown=True,
    ),
    # Decoding and mojibake only.
    "minimal": Config(
        name="minimal",
        to="keep",
        unify_script=False,
        clean_unicode=False,
        strip_markup=False,
        fix_escapes=False,
        strip_pinyin=False,
        fix_punctuation=False,
        punctuation="keep",
        fix_spacing=False,
        fix_repeats=False,
        boilerplate=False,
        reflow=False,
    ),
}


def resolve(config: Config | str | None, overrides: ConfigOverrides | dict[str, Any]) -> Config:
    """The config an entry point should use: a Config, a preset name, or the default."""
    if config is None:
        base = PRESETS["corpus"]
    elif isinstance(config, str):
        base = Config.preset(config)
    elif isinstance(config, Config):
        base = config
    else:
        raise TypeError(f"config must be a Config, a preset name or None, not {type(config).__name__}")
    return base.with_overrides(**overrides)
