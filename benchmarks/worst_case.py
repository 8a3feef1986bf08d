"""Worst-case inputs: seconds per MB, growth and peak memory of each (issue 19).

A fixed list of adversarial generators -- long runs of every step's trigger
characters, deep nesting, very long lines, many tiny lines, random bytes and
random Unicode, pathological Markdown, reST, code, data and subtitle files --
each run at 10 KB, 100 KB and 1 MB of input (UTF-8 bytes) through one public
entry point:

    normalize        normalize(text)                  (the corpus preset)
    docs             normalize(text, "docs")
    bytes            normalize_bytes(data)
    run              run(text)                        (change records and flags)
    x.md, x.py, ...  pipeline.run_text(text, Config(), path="x.md")

Each case runs in a subprocess of its own (a runaway case is killed at
``--timeout`` wall-clock seconds and not run at larger sizes); that process
first warms up on a small input of the same generator, so that tables,
converters and parsers are loaded before the clock starts.  Times are the
subprocess's CPU seconds (a shared machine's stolen time does not count); a
small input is repeated and the fastest run kept.  Printed per case: seconds
per MB at each size, the growth exponent log(t2/t1)/log(s2/s1) between the
two largest sizes that finished, and the peak resident memory the call added
(the peak resident size during the calls, VmHWM after resetting it, minus
the resident size before them; ``resource.getrusage`` off Linux),
also as a multiple of the input's size.

Goals (issue 19): no case above 1 s per MB at 1 MB, growth exponent <= 1.1
(judged when the larger run takes at least MIN_JUDGED_SECONDS), peak memory
added <= 10x the input + 150 MB.

    python benchmarks/worst_case.py [--sizes 10k,100k,1m] [--only 'paren*'] [--timeout 60] [--json out.json]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

# -- goals (issue 19) -------------------------------------------------------------
MAX_SECONDS_PER_MB = 1.0
MAX_EXPONENT = 1.1
MAX_MEMORY_FACTOR = 10  # peak memory added, as a multiple of the input ...
MEMORY_ALLOWANCE_MB = 150  # ... plus this
# a call shorter than this is repeated (best of up to REPEATS) to get past timer noise
MIN_TIMED_SECONDS = 0.3
# below this (at the larger of the two sizes) the exponent is shown but not
# judged: a few milliseconds on a shared machine give any exponent at all
MIN_JUDGED_SECONDS = 0.1
REPEATS = 5
WARM_UP_BYTES = 2_000

# -- inputs ----------------------------------------------------------------------

SENTENCES = (
    "河南省卫生健康委员会召开全省卫生健康工作会议，总结二〇二三年工作，部署下一步任务。",
    "会议指出，要统筹兼顾，确保各项工作平稳有序推进；同时加强基层医疗卫生服务体系建设。",
    "据新华社报道，12月28日上午9:30，国务院新闻办公室举行发布会，介绍有关情况。",
    "他说：“我们将继续深化改革，扩大开放，推动高质量发展。”记者 王芳 报道",
    "本次活动共有3,500名志愿者参与（其中青年志愿者占60%），覆盖全市120个社区。",
)
TRADITIONAL = "臺灣的軟體開發者在會議上表示，這項技術將在明年正式發佈，並開放給所有使用者。"


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8", "surrogateescape"))  # an escaped byte is one byte


def repeat(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """``head + unit * n + tail`` of about ``size`` UTF-8 bytes."""
    count = max(1, (size - utf8_len(head + tail)) // max(1, utf8_len(unit)))
    return head + unit * count + tail


def grow(size: int, piece: Callable[[int], str], start: int = 0) -> str:
    """``piece(start) + piece(start + 1) + ...`` up to about ``size`` UTF-8 bytes:
    each piece one level deeper, or the next cue."""
    parts, total, step = [], 0, start
    while total < size:
        part = piece(step)
        parts.append(part)
        total += utf8_len(part)
        step += 1
    return "".join(parts)


def nested(size: int, opening: str, closing: str) -> str:
    """A Han character inside about ``size // 2`` bytes of ``opening`` and as many of ``closing``."""
    return repeat(opening, size // 2) + "中" + repeat(closing, size // 2)


def prose(size: int, *, line_break: str = "\n", sentences: tuple[str, ...] = SENTENCES) -> str:
    """Clean Chinese text: the sentences in turn, a paragraph every three."""
    unit = "".join(s + (line_break if i % 3 == 2 else "") for i, s in enumerate(sentences * 3))
    return repeat(unit, size)


def random_unicode(size: int, rng: random.Random, *, cjk_share: float = 0.0) -> str:
    """Random code points (any plane, no surrogates), ``cjk_share`` of them Han."""
    chars = []
    total = 0
    while total < size:
        if rng.random() < cjk_share:
            code = rng.randint(0x4E00, 0x9FFF)
        else:
            code = rng.randint(0, 0x10FFFF)
            if 0xD800 <= code <= 0xDFFF:
                continue
        char = chr(code)
        chars.append(char)
        total += utf8_len(char)
    return "".join(chars)


def random_bytes(size: int, rng: random.Random) -> bytes:
    return rng.randbytes(size)


def random_gbk_like(size: int, rng: random.Random) -> bytes:
    """High-byte pairs with some ASCII: what a decoder must guess the encoding of."""
    out = bytearray()
    while len(out) < size:
        if rng.random() < 0.1:
            out.append(rng.randint(0x20, 0x7E))
        else:
            out += bytes((rng.randint(0x81, 0xFE), rng.randint(0x40, 0xFE)))
    return bytes(out[:size])


def mojibake_gbk(size: int, line_break: str = "\n") -> str:
    """UTF-8 read as GBK (浣犲ソ for 你好), ASCII included (鐨凧SON); with
    no ``line_break``, one line of it (a minified file's)."""
    clean = prose(size * 2 // 3, line_break=line_break) + "的JSON用API"
    return clean.encode("utf-8").decode("gbk", errors="replace")[: size // 2]


def nested_list(size: int) -> str:
    """A Markdown list nested one level deeper on every line."""
    return grow(size, lambda depth: "  " * depth + "- 中文项目，第" + str(depth) + "层\n")


def nested_quotes_md(size: int) -> str:
    """Block quotes one level deeper on every line."""
    return grow(size, lambda depth: ">" * depth + " 引用的中文,内容\n", start=1)


def table_md(size: int) -> str:
    head = "| 名称 | 说明 | 数量 |\n|---|---|---|\n"
    return repeat("| 中文,名称 | `代码(x)` 和[链接](https://e.cn/a) | 12 |\n", size, head=head)


def wide_table_md(size: int) -> str:
    columns = max(2, size // 12)
    return "|" + " 中 |" * columns + "\n|" + "---|" * columns + "\n|" + " 文,字 |" * columns + "\n"


def nested_rst(size: int) -> str:
    """Block quotes indented one step deeper each paragraph."""
    return grow(size, lambda depth: "  " * depth + "中文段落,第" + str(depth) + "层。\n\n")


def rst_document(size: int) -> str:
    unit = (
        "标题\n====\n\n见 :ref:`目标` 和 ``代码``,谢谢。" + SENTENCES[0] + "\n\n"
        "* 列表项,内容\n* 第二项 `链接 <https://e.cn>`_\n\n示例::\n\n    print(\"你好,世界\")\n\n"
    )
    return repeat(unit, size)


def grid_table_rst(size: int) -> str:
    border = "+------+------+\n"
    return repeat("| 中文 | 说明 |\n" + border, size, head=border + "| 名称 | 说明 |\n+======+======+\n")


def python_code(size: int) -> str:
    unit = (
        "def 计算(数量, 单价):  # 计算总价,单位:元\n"
        '    """返回总价。浣犲ソ"""\n'
        '    return f"总价: {数量 * 单价}元\\n"\n\n'
    )
    return repeat(unit, size)


def c_code(size: int) -> str:
    unit = '/* 计算总价,单位:元 */\nint total(int n) { printf("总价: %d元\\n", n); return n; } // 注释\n'
    return repeat(unit, size)


def json_data(size: int) -> str:
    return repeat('  {"名称": "中文,名称", "说明": "浣犲ソ\\u4e2d", "数量": 12},\n', size, head="[\n", tail='  {"end": 1}\n]\n')


def yaml_data(size: int) -> str:
    return repeat("- 名称: 中文,名称\n  说明: '浣犲ソ'\n  数量: 12\n", size)


def csv_data(size: int) -> str:
    return repeat('中文,"名称,说明",浣犲ソ,12\n', size, head="名称,说明,乱码,数量\n")


def _clock(number: int) -> str:
    """HH:MM:SS of the ``number``-th cue (one every three seconds)."""
    seconds = number * 3
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def srt_cues(size: int) -> str:
    return grow(size, lambda number: f"{number}\n{_clock(number)},000 --> {_clock(number)},500\n<i>你好,世界</i>第{number}句\n\n", start=1)


def vtt_cues(size: int) -> str:
    # the header is not counted in the size
    return "WEBVTT\n\n" + grow(size, lambda number: f"{_clock(number)}.000 --> {_clock(number)}.500\n你好,世界,第{number}句\n\n", start=1)


@dataclass(frozen=True)
class Case:
    name: str
    entry: str  # "normalize", "docs", "bytes", "run" or a path for run_text
    make: Callable[[int, random.Random], str | bytes]


def _cases() -> list[Case]:
    cases: list[Case] = []

    def add(name: str, make: Callable[[int, random.Random], str | bytes], *entries: str) -> None:
        for entry in entries or ("normalize",):
            cases.append(Case(f"{name}@{entry}", entry, make))

    # the issue's own
    add("paren_then_han", lambda n, r: repeat("(", n, tail="中"))
    add("one_long_line", lambda n, r: prose(n, line_break=" "), "normalize", "run")
    add("random_bytes", lambda n, r: random_bytes(n, r), "bytes")
    # long runs of each step's trigger characters: alone, and between Han characters
    triggers = {
        "paren": "(", "comma": ",", "double_comma": ",,", "enum_comma": "、", "fw_paren": "（",
        "amp_hash": "&#", "lt": "<", "backslash_u": "\\u", "pct_e4": "%E4", "huan": "浣",
        "kunjinkao": "锟斤拷", "fffd": "\ufffd", "kana": "あ", "cr": "\r", "space": " ",
        "digit": "1", "colon": ":", "digit_colon": "12:",
    }
    for label, trigger in triggers.items():
        add(f"run_{label}", lambda n, r, t=trigger: repeat(t, n, tail="中"))
        add(f"mix_{label}", lambda n, r, t=trigger: repeat("中" + t, n))
    # whole constructs repeated
    add("entities", lambda n, r: repeat("中&#20013;&amp;", n))
    add("html_tags", lambda n, r: repeat("中<p>文</p><br/>", n))
    add("cut_tags", lambda n, r: repeat('文字/p>\n<div class="', n))
    add("escapes_u", lambda n, r: repeat("中\\u4e2d", n))
    add("escapes_pct", lambda n, r: repeat("中%E4%B8%AD", n))
    add("pinyin_notes", lambda n, r: repeat("濟(jì)源網(wǎng)訊", n))
    add("mojibake_gbk", lambda n, r: mojibake_gbk(n))
    add("mojibake_gbk_line", lambda n, r: mojibake_gbk(n, line_break=""))
    # bytes Python kept as surrogate escapes: GBK 中 (D6 D0) alone and between Han,
    # and one escape after a long run of two-byte characters (the run grows left)
    add("run_escaped_gbk", lambda n, r: repeat("\udcd6\udcd0", n, tail="中"))
    add("mix_escaped_gbk", lambda n, r: repeat("中\udcd6\udcd0", n))
    add("escape_after_cyrillic", lambda n, r: repeat("Ж", n, tail="\udcd6"))
    # text in a script of two-byte characters GBK and Big5 also have (Cyrillic, Greek)
    add("cyrillic_prose", lambda n, r: repeat("Привет мир, это тест. ", n))
    add("spaced_han", lambda n, r: repeat("中 文 字 ", n))
    add("time_stamps", lambda n, r: repeat("12:30:45 ", n))
    add("blank_lines_after_attr", lambda n, r: '<a href="x">链接</a>\n' + repeat("\n", n, tail="中"))
    add("space_line_after_attr", lambda n, r: '<a href="x">链接</a>\n' + repeat(" ", n, tail="中"))
    add("script_opens", lambda n, r: repeat("<script>中", n))
    add("comment_opens", lambda n, r: repeat("<!--中", n))
    add("bbcode_img_opens", lambda n, r: repeat("[img=", n, tail="中"))
    add("code_spans_and_tags", lambda n, r: repeat("`a`<p>中", n))
    add("email_in_han_line", lambda n, r: "写信到a@b.cn 中,文" + repeat("中", n))
    add("arrow_then_digits", lambda n, r: "-->\n" + repeat("1", n), "normalize", "docs")
    add("fffd_run", lambda n, r: repeat("\ufffd", n), "run")
    add("kunjinkao_run", lambda n, r: repeat("锟斤拷", n), "run")
    # nesting
    add("nested_brackets", lambda n, r: nested(n, "（「『“《(", ")》”』」）"))
    add("nested_parens", lambda n, r: nested(n, "(", ")"))
    # lines
    add("clean_prose", lambda n, r: prose(n), "normalize", "run")
    add("clean_traditional", lambda n, r: repeat(TRADITIONAL + "\n", n))
    add("long_line_spaces", lambda n, r: repeat("中文 text 字 ", n))
    add("tiny_lines_han", lambda n, r: repeat("中\n", n))
    add("tiny_lines_empty", lambda n, r: repeat("\n", n, tail="中"))
    add("tiny_lines_latin", lambda n, r: repeat("a\n", n))
    add("short_lines_prose", lambda n, r: repeat("会议指出，要统\n筹兼顾。\n", n))
    # random
    add("random_unicode", lambda n, r: random_unicode(n, r))
    add("random_unicode_cjk", lambda n, r: random_unicode(n, r, cjk_share=0.7))
    add("random_gbk_bytes", lambda n, r: random_gbk_like(n, r), "bytes")
    add("random_utf8_bytes", lambda n, r: random_unicode(n, r, cjk_share=0.5).encode("utf-8", "surrogatepass"), "bytes")
    # Markdown
    md = ("docs", "x.md")
    add("md_brackets", lambda n, r: repeat("[", n, tail="中"), *md)
    add("md_link_opens", lambda n, r: repeat("[中](", n), *md)
    add("md_backticks", lambda n, r: repeat("`", n, tail="中"), *md)
    add("md_backtick_words", lambda n, r: repeat("中`", n), *md)
    add("md_braces", lambda n, r: repeat("{", n, tail="中"), *md)
    add("md_templates", lambda n, r: repeat("{{中", n), *md)
    add("md_emphasis", lambda n, r: repeat("*中_", n), *md)
    add("md_lt", lambda n, r: repeat("<中", n), *md)
    add("md_nested_list", lambda n, r: nested_list(n), *md)
    add("md_nested_quotes", lambda n, r: nested_quotes_md(n), *md)
    add("md_quote_run", lambda n, r: repeat(">", n, tail=" 中"), *md)
    add("md_table", lambda n, r: table_md(n), *md)
    add("md_wide_table", lambda n, r: wide_table_md(n), *md)
    add("md_document", lambda n, r: repeat("# 标题\n\n见 `代码(x)` 和[链接](https://e.cn/a_(b))。" + SENTENCES[1] + "\n\n", n), *md)
    # reStructuredText
    add("rst_document", lambda n, r: rst_document(n), "x.rst")
    add("rst_backticks", lambda n, r: repeat("`", n, tail="中"), "x.rst")
    add("rst_roles", lambda n, r: repeat(":ref:`中` ", n), "x.rst")
    add("rst_nested", lambda n, r: nested_rst(n), "x.rst")
    add("rst_grid_table", lambda n, r: grid_table_rst(n), "x.rst")
    add("rst_backtick_lines", lambda n, r: repeat("`" * 60 + "中\n", n), "x.rst")
    add("rst_sections", lambda n, r: repeat("标题\n====\n\n段落,内容。\n\n", n), "x.rst")
    # code
    add("py_code", lambda n, r: python_code(n), "x.py")
    add("py_long_string", lambda n, r: '"' + prose(n, line_break="\\n") + '"\n', "x.py")
    add("py_quotes", lambda n, r: repeat('"', n, tail="中"), "x.py")
    add("c_code", lambda n, r: c_code(n), "x.c")
    add("c_long_comment", lambda n, r: "/* " + prose(n) + " */\n", "x.c")
    add("c_comment_opens", lambda n, r: repeat("/*", n, tail="中"), "x.c")
    # data
    add("json_data", lambda n, r: json_data(n), "x.json")
    add("json_nested", lambda n, r: repeat("[", n // 2, tail='"中"') + repeat("]", n // 2), "x.json")
    add("jsonl_data", lambda n, r: repeat('{"text": "中文,名称 浣犲ソ"}\n', n), "x.jsonl")
    add("yaml_data", lambda n, r: yaml_data(n), "x.yaml")
    add("csv_data", lambda n, r: csv_data(n), "x.csv")
    add("csv_long_cell", lambda n, r: '"' + prose(n).replace('"', "") + '",1\n', "x.csv")
    add("csv_quotes", lambda n, r: repeat('"', n, tail="中"), "x.csv")
    # subtitles
    add("srt_cues", lambda n, r: srt_cues(n), "x.srt", "normalize")
    add("srt_digit_lines", lambda n, r: srt_cues(200) + repeat("1" * 24 + "\n", n), "x.srt")
    add("vtt_cues", lambda n, r: vtt_cues(n), "x.vtt")
    return cases


CASES = {case.name: case for case in _cases()}


# -- measuring (in the child process) -----------------------------------------------


def _entry(case: Case) -> Callable[[str | bytes], object]:
    import normalize_zh
    from normalize_zh import Config
    from normalize_zh.pipeline import run_text

    if case.entry == "normalize":
        return normalize_zh.normalize
    if case.entry == "docs":
        return lambda text: normalize_zh.normalize(text, "docs")
    if case.entry == "bytes":
        return normalize_zh.normalize_bytes
    if case.entry == "run":
        return normalize_zh.run
    config = Config()
    return lambda text: run_text(text, config, path=case.entry)


def _status_bytes(field: str) -> int | None:
    """A size from /proc/self/status (Linux), in bytes; None elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _reset_peak() -> int:
    """Reset the peak resident size (Linux: clear_refs 5) and return the resident size now."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
    except OSError:
        pass
    now = _status_bytes("VmRSS")
    return now if now is not None else _peak_bytes()


def _peak_bytes() -> int:
    """The peak resident size since the last reset (else since the start)."""
    peak = _status_bytes("VmHWM")
    if peak is not None:
        return peak
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def measure_child(name: str, size: int) -> dict:
    import gc

    case = CASES[name]
    call = _entry(case)
    call(case.make(WARM_UP_BYTES, random.Random(19)))  # tables, converters, parsers
    data = case.make(size, random.Random(19))
    actual = len(data) if isinstance(data, bytes) else utf8_len(data)
    gc.collect()
    before = _reset_peak()
    best = math.inf
    elapsed = 0.0
    for _ in range(REPEATS):
        start = time.process_time()
        call(data)
        seconds = time.process_time() - start
        best = min(best, seconds)
        elapsed += seconds
        if elapsed >= MIN_TIMED_SECONDS:
            break
    added = max(0, _peak_bytes() - before)
    return {"case": name, "size": actual, "seconds": best, "peak_added": added, "peak_rss": _peak_bytes()}


# -- the runner (parent) ------------------------------------------------------------


def parse_size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def run_case(name: str, sizes: list[int], timeout: float) -> dict:
    """Measure ``name`` at each size in a subprocess; stop at the first timeout."""
    rows: list[dict] = []
    for size in sizes:
        command = [sys.executable, __file__, "--child", name, str(size)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            rows.append({"case": name, "size": size, "timeout": timeout})
            break
        if done.returncode != 0:
            rows.append({"case": name, "size": size, "error": done.stderr.strip().splitlines()[-1:]})
            break
        rows.append(json.loads(done.stdout))
    return {"case": name, "runs": rows, **verdict(rows)}


def verdict(rows: list[dict]) -> dict:
    """Exponent between the two largest finished sizes; goals met or not."""
    finished = [row for row in rows if "seconds" in row]
    exponent = None
    judged = False
    if len(finished) >= 2:
        (s1, t1), (s2, t2) = [(row["size"], max(row["seconds"], 1e-4)) for row in finished[-2:]]
        exponent = math.log(t2 / t1) / math.log(s2 / s1)
        judged = t2 >= MIN_JUDGED_SECONDS
    last = finished[-1] if finished else None
    per_mb = last["seconds"] / (last["size"] / 1e6) if last else None
    memory_ok = all(row["peak_added"] <= MAX_MEMORY_FACTOR * row["size"] + MEMORY_ALLOWANCE_MB * 1e6 for row in finished)
    ok = (
        len(finished) == len(rows)
        and per_mb is not None
        and per_mb <= MAX_SECONDS_PER_MB
        and (not judged or exponent <= MAX_EXPONENT)
        and memory_ok
    )
    return {"exponent": exponent, "exponent_judged": judged, "seconds_per_mb": per_mb, "memory_ok": memory_ok, "ok": ok}


def _cell(row: dict) -> str:
    if "timeout" in row:
        return f">{row['timeout']:.0f}s"
    if "error" in row:
        return "error"
    return f"{row['seconds'] / (row['size'] / 1e6):.3f}"


def print_header(sizes: list[int]) -> None:
    labels = [f"{s // 1_000_000}M" if s >= 1_000_000 else f"{s // 1000}k" for s in sizes]
    head = f"{'case':32}" + "".join(f"{'s/MB ' + label:>12}" for label in labels)
    print(head + f"{'exp':>7}{'peak+MB':>9}{'x input':>9}  goal", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated input sizes in bytes (k, m suffixes)")
    parser.add_argument("--only", action="append", help="a case name or glob pattern (repeatable); default: all")
    parser.add_argument("--timeout", type=float, default=60.0, help="wall-clock seconds per case and size")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure_child(args.child[0], int(args.child[1]))))
        return 0
    if args.list:
        print("\n".join(CASES))
        return 0
    names = [n for n in CASES if not args.only or any(n == p or fnmatch.fnmatch(n, p) for p in args.only)]
    if not names:
        parser.error(f"no case matches {args.only}")
    sizes = sorted(parse_size(s) for s in args.sizes.split(","))
    results = []
    print_header(sizes)
    for name in names:
        result = run_case(name, sizes, args.timeout)
        results.append(result)
        _print_row(result, sizes)
    missed = [r["case"] for r in results if not r["ok"]]
    print(f"\n{len(results) - len(missed)}/{len(results)} cases meet the goals" + (f"; missed: {', '.join(missed)}" if missed else ""))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump({"sizes": sizes, "timeout": args.timeout, "results": results}, out, ensure_ascii=False, indent=1)
    return 0 if not missed else 1


def _print_row(result: dict, sizes: list[int]) -> None:
    cells = [_cell(row) for row in result["runs"]] + ["-"] * (len(sizes) - len(result["runs"]))
    finished = [row for row in result["runs"] if "seconds" in row]
    peak = finished[-1]["peak_added"] / 1e6 if finished else math.nan
    factor = finished[-1]["peak_added"] / finished[-1]["size"] if finished else math.nan
    exponent = f"{result['exponent']:.2f}" if result["exponent"] is not None else "-"
    if result["exponent"] is not None and not result["exponent_judged"]:
        exponent = f"({exponent})"  # too quick to judge
    print(
        f"{result['case']:32}" + "".join(f"{c:>12}" for c in cells)
        + f"{exponent:>7}{peak:9.1f}{factor:9.1f}  {'ok' if result['ok'] else 'MISSED'}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
