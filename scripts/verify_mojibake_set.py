"""Check every line of the real-world mojibake set; exit 1 on any failure.

    python scripts/verify_mojibake_set.py [benchmarks/data/mojibake_wild.jsonl]

Each line of the set is one JSON object (see benchmarks/data/README.md):
schema and types, known kind, unique id (``<kind>-NNN``), ``damaged`` inside
``context``, and above all that the codec chain ``verified_by`` applied to
``original`` gives ``damaged`` exactly.  A lossless entry must also come back:
the reversed chain applied to ``damaged`` gives ``original``.  Clean
(negative) entries have an empty chain and ``damaged == original``.

The chain language:
A chain is a list of steps applied in order to a text; each step is a string:

    encode:CODEC[:ERRORS]      str -> bytes
    decode:CODEC[:ERRORS]      bytes -> str
    truncate-bytes:N           bytes -> bytes, the last N bytes lost (python-ftfy#217)
    drop:CLASS                 str -> str, characters a display or copy-paste lost:
                               c1 (U+0080..U+009F), pua (private use), soft-hyphen
    replace:OLD:NEW            str -> str, e.g. a curly quote straightened by a later tool
    fill:HH                    str -> bytes, every character becomes two HH bytes (MSVC's
                               uninitialised stack 0xCC / heap 0xCD, shown as 烫 / 屯)

ERRORS is a Python error handler (strict, replace, ignore) or one of the two
real-world ones registered here: ``question`` (a lost byte or character becomes
``?``, as Windows code pages and Java do) and ``angle-hex`` (an undecodable byte
becomes ``<89>``, as R prints it).  CODEC is any Python codec name, plus ftfy's
``sloppy-windows-1252`` (cp1252 with the five undefined bytes kept as C1
controls, as browsers decode it) and ``ms-cp936`` for decoding: code page 936
as a Windows console shows it, unlike Python's ``gbk`` in three ways seen in
real logs (iBreaker/bjguahao#15): 0x80 is ``€``, a lead byte always takes the
byte after it (an invalid pair, ``\x86\x1b``, becomes one ``?`` and the ASCII
byte is gone), and the user-defined rows give private-use characters.
``gbk-pairs`` is GBK as Java's decoder reads it (hecj/test StringCode.java): a
lead byte takes the next byte when that byte is in the trail range
(0x40..0xFE, not 0x7F), an undefined pair becomes one ``?``, and a lead byte
before anything else becomes ``?`` with that byte kept.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


import codecs

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252 and friends)


def _question(error: UnicodeError):
    if isinstance(error, UnicodeDecodeError):
        return "?", error.end
    if isinstance(error, UnicodeEncodeError):
        return b"?" * (error.end - error.start), error.end
    raise error


def _angle_hex(error: UnicodeError):
    if isinstance(error, UnicodeDecodeError):
        return "".join(f"<{b:02x}>" for b in error.object[error.start : error.end]), error.end
    raise error


codecs.register_error("question", _question)
codecs.register_error("angle-hex", _angle_hex)

DROP_CLASSES = {
    "c1": lambda c: 0x80 <= ord(c) <= 0x9F,
    "pua": lambda c: 0xE000 <= ord(c) <= 0xF8FF,
    "soft-hyphen": lambda c: c == "\N{SOFT HYPHEN}",
}


def decode_ms_cp936(data: bytes) -> str:
    """Bytes as a Windows console with code page 936 shows them (see the module docstring)."""
    out = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
        elif byte == 0x80:
            out.append("\N{EURO SIGN}")
            i += 1
        elif byte == 0xFF or i + 1 == len(data):
            out.append("?")
            i += 1
        else:
            pair = data[i : i + 2]
            try:
                out.append(pair.decode("gbk"))
            except UnicodeDecodeError:
                try:
                    char = pair.decode("gb18030")
                except UnicodeDecodeError:
                    char = "?"
                out.append(char if len(char) == 1 and 0xE000 <= ord(char) <= 0xF8FF else "?")
            i += 2
    return "".join(out)


def decode_gbk_pairs(data: bytes) -> str:
    """Bytes as Java's GBK decoder reads them (see the module docstring)."""
    out = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            out.append(chr(byte))
            i += 1
            continue
        trail = data[i + 1] if i + 1 < len(data) else None
        if byte == 0xFF or trail is None or not (0x40 <= trail <= 0xFE and trail != 0x7F):
            out.append("?")
            i += 1
            continue
        try:
            out.append(data[i : i + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return "".join(out)


class ChainError(ValueError):
    """A step that is malformed or does not fit what it is given."""


def apply_chain(text: str, chain: list[str]) -> str:
    """Apply ``chain`` to ``text``; the result must be a str."""
    value: str | bytes = text
    for step in chain:
        verb, _, rest = step.partition(":")
        if verb in ("encode", "decode"):
            codec, _, errors = rest.partition(":")
            errors = errors or "strict"
            want = str if verb == "encode" else bytes
            if not isinstance(value, want):
                raise ChainError(f"{step!r} needs {want.__name__}")
            if verb == "decode" and codec == "ms-cp936":
                value = decode_ms_cp936(value)
            elif verb == "decode" and codec == "gbk-pairs":
                value = decode_gbk_pairs(value)
            elif verb == "encode":
                value = value.encode(codec, errors)
            else:
                value = value.decode(codec, errors)
        elif verb == "truncate-bytes":
            if not isinstance(value, bytes):
                raise ChainError(f"{step!r} needs bytes")
            value = value[: len(value) - int(rest)]
        elif verb == "drop":
            if not isinstance(value, str) or rest not in DROP_CLASSES:
                raise ChainError(f"bad step {step!r}")
            value = "".join(c for c in value if not DROP_CLASSES[rest](c))
        elif verb == "replace":
            old, sep, new = rest.partition(":")
            if not isinstance(value, str) or not sep:
                raise ChainError(f"bad step {step!r}")
            value = value.replace(old, new)
        elif verb == "fill":
            if not isinstance(value, str):
                raise ChainError(f"{step!r} needs str")
            value = bytes.fromhex(rest) * (2 * len(value))
        else:
            raise ChainError(f"unknown step {step!r}")
    if not isinstance(value, str):
        raise ChainError("a chain must end with text (a decode step)")
    return value


# --- the set ---------------------------------------------------------------------------

DEFAULT_SET = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "mojibake_wild.jsonl"

#: kind -> what happened; a negative kind starts with "clean-"
KINDS = {
    "utf8-as-gbk": "UTF-8 bytes read as GBK, nothing lost (浣犲ソ for 你好)",
    "utf8-as-gbk-lossy": "UTF-8 read as GBK with bytes lost: ? or U+FFFD holes, <xx>, swallowed ASCII, unshown private-use pairs",
    "utf8-as-latin1": "UTF-8 read as Latin-1 (ftfy's kind)",
    "utf8-as-cp1252": "UTF-8 read as Windows-1252 (ftfy's kind)",
    "utf8-as-macroman": "UTF-8 read as MacRoman",
    "utf8-as-big5": "UTF-8 read as Big5",
    "utf8-truncated": "UTF-8 with its last byte lost, then read as cp1252 (python-ftfy#217)",
    "gbk-as-latin1": "GBK read as Latin-1 (ÄãºÃ for 你好)",
    "gbk-as-cp1250": "GBK read as Windows-1250",
    "gbk-as-cp1251": "GBK read as Windows-1251",
    "gbk-as-cp1254": "GBK read as Windows-1254",
    "gbk-as-cp866": "GBK read as DOS code page 866 (box drawing and Cyrillic)",
    "gbk-as-macroman": "GBK read as MacRoman",
    "gbk-as-big5": "GBK read as Big5 (笢恅 for 中文)",
    "gbk-as-utf8-lossy": "GBK read as UTF-8, invalid bytes became U+FFFD",
    "big5-as-gbk": "Big5 read as GBK (いゅ for 中文)",
    "big5-as-latin1": "Big5 read as Latin-1",
    "big5-as-sjis": "Big5 read as Shift_JIS (cp932)",
    "sjis-as-gbk": "Shift_JIS read as GBK (僥僗僩 for テスト)",
    "kun-jin-kao": "U+FFFD written as UTF-8 and read as GBK (锟斤拷), the text before it lost",
    "fffd-as-big5": "U+FFFD written as UTF-8 and read as Big5 (嚙踝蕭)",
    "msvc-fill": "MSVC debug fill bytes 0xCC shown as GBK (烫烫烫): not text, nothing to repair",
}
NEGATIVE_KINDS = {
    "clean-japanese", "clean-korean", "clean-classical", "clean-rare-names", "clean-european",
    "clean-russian", "clean-mixed-script", "clean-pinyin", "clean-zh-hant", "clean-meme",
    "clean-foreign-mojibake",
}
ORIGIN = {
    "source": "the clean text is in the source (an earlier commit, the report, the file)",
    "reversed": "recovered by reversing the lossless chain and read as sensible text",
    "inferred": "lost bytes filled in from context; the chain confirms the choice",
    "intermediate": "the text before the last mis-decoding (holding U+FFFD): the clean text is unknown",
    "not-text": "there never was text (uninitialised memory)",
}
REQUIRED = {"id": str, "kind": str, "damaged": str, "context": str, "original": str,
            "lossless": bool, "verified_by": list, "source": str, "note": str}
OPTIONAL = {"original_from": str, "lost": list}
MAX_CONTEXT = 300
SOURCE = re.compile(r"^(https://\S+|code-index:\d+)$")
LOSSY_STEP = re.compile(r"^(truncate-bytes|drop|replace|fill):|:(replace|ignore|question|angle-hex)$|:(ms-cp936|gbk-pairs)$")


def is_negative(kind: str) -> bool:
    return kind.startswith("clean-")


def reverse_chain(chain: list[str]) -> list[str] | None:
    """The inverse of a chain of plain encode/decode steps, or None if it has another step."""
    out = []
    for step in reversed(chain):
        verb, _, rest = step.partition(":")
        codec, _, errors = rest.partition(":")
        if verb not in ("encode", "decode") or (errors and errors != "strict") or codec in ("ms-cp936", "gbk-pairs"):
            return None
        out.append(("decode:" if verb == "encode" else "encode:") + codec)
    return out


def check(entry: object, seen: set[str]) -> list[str]:
    """Every problem with one entry (empty when it is fine)."""
    if not isinstance(entry, dict):
        return ["not a JSON object"]
    errors = []
    for key, kind in REQUIRED.items():
        if not isinstance(entry.get(key), kind):
            errors.append(f"{key}: missing or not {kind.__name__}")
    for key, kind in OPTIONAL.items():
        if key in entry and not isinstance(entry[key], kind):
            errors.append(f"{key}: not {kind.__name__}")
    extra = set(entry) - set(REQUIRED) - set(OPTIONAL)
    if extra:
        errors.append(f"unknown fields {sorted(extra)}")
    if errors:
        return errors
    kind, ident = entry["kind"], entry["id"]
    if kind not in KINDS and kind not in NEGATIVE_KINDS:
        errors.append(f"unknown kind {kind!r}")
    if ident in seen:
        errors.append(f"duplicate id {ident!r}")
    seen.add(ident)
    if not re.fullmatch(re.escape(kind) + r"-\d{3}", ident):
        errors.append(f"id {ident!r} is not {kind}-NNN")
    if not entry["damaged"]:
        errors.append("damaged is empty")
    if entry["damaged"] not in entry["context"]:
        errors.append("damaged is not inside context")
    if len(entry["context"]) > MAX_CONTEXT:
        errors.append(f"context longer than {MAX_CONTEXT} characters")
    if not SOURCE.match(entry["source"]):
        errors.append(f"source {entry['source']!r} is neither a URL nor code-index:ID")
    if entry.get("original_from", "source") not in ORIGIN:
        errors.append(f"original_from {entry['original_from']!r} unknown")
    chain = entry["verified_by"]
    if not all(isinstance(step, str) for step in chain):
        return errors + ["verified_by holds a non-string"]
    if is_negative(kind):
        if chain or entry["damaged"] != entry["original"] or not entry["lossless"]:
            errors.append("a clean entry has an empty chain, damaged == original and lossless true")
        return errors
    if not chain:
        return errors + ["verified_by is empty"]
    try:
        produced = apply_chain(entry["original"], chain)
    except (ChainError, LookupError, UnicodeError, ValueError) as error:
        return errors + [f"chain fails: {error}"]
    if produced != entry["damaged"]:
        errors.append(f"chain gives {produced!r}, not damaged {entry['damaged']!r}")
    lossy_chain = any(LOSSY_STEP.search(step) for step in chain)
    if entry["lossless"]:
        back = reverse_chain(chain)
        if lossy_chain or back is None:
            errors.append("lossless, but the chain has a lossy step")
        else:
            try:
                again = apply_chain(entry["damaged"], back)
            except (ChainError, LookupError, UnicodeError, ValueError) as error:
                again = f"<{error}>"
            if again != entry["original"]:
                errors.append(f"lossless, but reversing gives {again!r}")
    elif kind != "msvc-fill" and not entry.get("lost"):
        errors.append("a lossy entry names what is lost ('lost')")
    if kind == "msvc-fill" and (entry["damaged"] != entry["original"] or not chain[0].startswith("fill:")):
        errors.append("msvc-fill: the fill is left as it is (original == damaged) and the chain starts with fill:")
    return errors


def load(path: Path = DEFAULT_SET) -> list[dict]:
    """The set's entries, in file order (no checking: see ``check``)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_SET)
    args = parser.parse_args(argv)
    failures = 0
    seen: set[str] = set()
    counts: dict[str, int] = {}
    with open(args.path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as error:
            print(f"{args.path}:{number}: not JSON: {error}")
            failures += 1
            continue
        problems = check(entry, seen)
        for problem in problems:
            print(f"{args.path}:{number}: {entry.get('id', '?') if isinstance(entry, dict) else '?'}: {problem}")
        failures += bool(problems)
        if isinstance(entry, dict) and isinstance(entry.get("kind"), str):
            counts[entry["kind"]] = counts.get(entry["kind"], 0) + 1
    positive = sum(n for k, n in counts.items() if not is_negative(k))
    print(f"{sum(counts.values())} entries ({positive} damaged, {sum(counts.values()) - positive} clean) "
          f"in {len(counts)} kinds; {failures} with problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
