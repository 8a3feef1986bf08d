"""Mojibake repair in context (issue 16): the same damaged span gets the same
repair whatever ASCII, code or markup surrounds it; every common wrong
reading; no silent guesses."""

from __future__ import annotations

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from normalize_zh import run
from normalize_zh.edits import apply_edits
from normalize_zh.mojibake import Candidate, fix_encoding, fix_encoding_outcome

from .support.damage import LOSSY_MOJIBAKE, MOJIBAKE, MORE_MOJIBAKE, expected_for, heldout
from .support.strategies import sentences

CODE = [
    'printf("{}\\n");',
    's = "{}";',
    'f.writeLine("{}");',
    "echo {}",
    "# {}",
    "<td>{}</td>",
    '{{"title": "{}", "id": 3}}',
    "/* {} */",
    "`{}`",
    "{}",
]


@pytest.mark.parametrize(
    "damaged, repaired",
    [
        # the examples of the issue, bare and in code
        ("ÄãºÃ£¬ÊÀ½ç", "你好，世界"),
        ('printf("ÄãºÃ£¬ÊÀ½ç\\n");', 'printf("你好，世界\\n");'),
        ("ÏµÍ³", "系统"),  # GBK read as Latin-1 beats ftfy's UTF-8 reading (ϵͳ, Greek)
        ("echo ÏµÍ³", "echo 系统"),
        ('s = "いゅ代刚";', 's = "中文測試";'),  # Big5 read as GBK
        ('f.writeLine("いゅ代刚");', 'f.writeLine("中文測試");'),
        ("ÓůÓĂČíĽţ", "御用软件"),  # GBK read as cp1250 (simonw/ftfy-web#3)
        ("鐨凧SON鐢ˋPI", "的JSON用API"),  # UTF-8 read as GBK, ASCII swallowed
        ("÷–Œƒ", "中文"),  # GBK read as MacRoman
        ("╓╨╬─╫╓╠х", "中文字体"),  # GBK read as cp866
        ("擔杮岅", "日本語"),  # Shift-JIS read as GBK
        ("匡拒", "選擇"),  # Big5 read as GBK, common characters only
        ("嫘豢晤鎢", "广告编码"),  # GBK read as Big5, likewise
        ("小械褉胁懈褋 胁褉械屑械薪薪芯", "Сервис временно"),  # UTF-8 Russian read as GBK
        ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"),  # UTF-8 Greek read as cp1252: no GBK reading (螘位位)
    ],
)
def test_wrong_readings_are_undone(damaged, repaired):
    assert fix_encoding(damaged) == repaired


@pytest.mark.parametrize("template", CODE)
@pytest.mark.parametrize("damaged, repaired", [("ÄãºÃ£¬ÊÀ½ç", "你好，世界"), ("いゅ代刚", "中文測試"), ("ÏµÍ³ÐÅÏ¢", "系统信息"),
                                               ("浣犲ソ锛屼笘鐣岋紒", "你好，世界！"), ("§A¦n", "你好")])
def test_the_same_span_gets_the_same_repair_in_any_context(template, damaged, repaired):
    assert fix_encoding(template.format(damaged)) == template.format(repaired)


def test_the_lost_bytes_of_the_issue_are_flagged_not_guessed():
    """本报讯(记者 王红) 12月28日, UTF-8 read as GBK: it came back as
    本报考（记者 王红）12有28时 with no flag.  Now every character whose byte is
    lost and not decided stays U+FFFD, and a flag says where and what it
    could have been; nothing else differs from the original."""
    original = "本报讯(记者 王红) 12月28日"
    damaged = original.encode("utf-8").decode("gbk", errors="replace")
    outcome = fix_encoding_outcome(damaged)
    repaired = apply_edits(damaged, outcome.edits)
    assert len(repaired) == len(original)
    holes = [i for i, c in enumerate(repaired) if c == "\ufffd"]
    assert holes and all(repaired[i] == original[i] for i in range(len(original)) if i not in holes)
    flagged = {flag.start for flag in outcome.flags if flag.kind == "lost-bytes"}
    assert flagged == set(holes)
    by_start = {flag.start: flag for flag in outcome.flags}
    assert "月" in by_start[original.index("月")].candidates and "有" in by_start[original.index("月")].candidates


def test_a_utf8_character_whose_last_byte_was_stripped_is_flagged():
    """python-ftfy#217: the prefix is repaired, the cut character is flagged
    with what it could have been (a stripped NBSP first: 素)."""
    damaged = "Python åˆ\xa0é™¤åˆ—è¡¨ä¸\xadçš„å…ƒç´"
    outcome = fix_encoding_outcome(damaged)
    assert apply_edits(damaged, outcome.edits) == "Python 删除列表中的元\ufffd"
    (flag,) = outcome.flags
    assert flag.kind == "lost-bytes" and flag.candidates[0] == "素"


def test_flags_keep_their_candidates_through_the_pipeline():
    damaged = "本报讯(记者 王红) 12月28日".encode("utf-8").decode("gbk", errors="replace")
    result = run(damaged, "corpus")
    lost = [flag for flag in result.flags if flag.kind == "lost-bytes"]
    assert lost and all(flag.candidates for flag in lost if "月" in flag.candidates or "日" in flag.candidates)
    assert all(result.text[flag.start : flag.end] == "\ufffd" for flag in lost)


def test_candidates_carry_what_the_arbiter_needs():
    from normalize_zh.mojibake.detectors import line_candidates

    (found,) = [c for c in line_candidates("x ÄãºÃ y") if c.kind == "gbk-as-latin1"]
    assert isinstance(found, Candidate)
    assert (found.start, found.end, found.text) == (2, 6, "你好") and found.gain > 0 and found.lost == ()


@pytest.mark.parametrize("kind", sorted(MORE_MOJIBAKE))
def test_more_lossless_readings_come_back_exactly(kind):
    damage = MORE_MOJIBAKE[kind]
    texts = heldout()
    exact = sum(fix_encoding(damage(text)) == expected_for(kind, text) for text in texts)
    assert exact / len(texts) >= 0.99


# -- the property: clean text, damaged any supported way, inside random ASCII code ------

LOSSLESS = {
    **{kind: damage for kind, (damage, lossless) in MOJIBAKE.items() if lossless},
    **MORE_MOJIBAKE,
}
identifiers = st.text(string.ascii_letters + "_", min_size=1, max_size=8)
ascii_context = st.text(string.ascii_letters + string.digits + " _=;:,.()[]{}<>/#*+-'\"", max_size=12)


@st.composite
def code_lines(draw) -> tuple[str, str]:
    """(a template with one {} for the text, the kind of damage)."""
    name = draw(identifiers)
    template = draw(st.sampled_from([*CODE, f'{name} = "{{}}";', f"{name}({{}})", f"// {name}: {{}}"]))
    before, after = draw(ascii_context), draw(ascii_context)
    return before.replace("{", "").replace("}", "") + template + after.replace("{", "").replace("}", ""), draw(st.sampled_from(sorted(LOSSLESS)))


def _damaged_line(template: str, kind: str, text: str) -> tuple[str, str]:
    clean = template.format(text)
    expected = template.format(expected_for(kind, text))
    # the whole line went through the wrong decoding: its ASCII is the same in both
    return LOSSLESS[kind](clean), expected


@given(line=code_lines(), text=sentences)
def test_clean_text_damaged_any_supported_way_in_code_comes_back(line, text):
    template, kind = line
    if kind.startswith("big5"):
        assume(expected_for(kind, text).count("\ufffd") == 0)
    damaged, expected = _damaged_line(template, kind, text)
    assume(damaged != expected)
    assert fix_encoding(damaged) == expected, kind


@given(line=code_lines(), text=sentences, kind=st.sampled_from(sorted(LOSSY_MOJIBAKE)))
def test_lossy_damage_in_code_is_repaired_or_flagged_never_guessed(line, text, kind):
    """With bytes lost, every character a repair writes either is the
    original's or lies in a flag (what no reading explains may stay as it
    was: never made worse)."""
    from rapidfuzz.distance import Levenshtein

    from normalize_zh.edits import PositionMap

    template, _ = line
    clean = template.format(text)
    damaged = LOSSY_MOJIBAKE[kind](clean)
    outcome = fix_encoding_outcome(damaged)
    repaired = apply_edits(damaged, outcome.edits)
    positions = PositionMap(outcome.edits)
    written = [(positions.forward(e.start), positions.forward(e.start) + len(e.replacement)) for e in outcome.edits]
    spans = [(f.start, f.end) for f in outcome.flags if f.start is not None]
    for op in Levenshtein.editops(repaired, clean):
        if op.tag != "delete" and any(start <= op.src_pos < end for start, end in written):
            assert any(start <= op.src_pos < max(end, start + 1) for start, end in spans), (kind, damaged, repaired)
