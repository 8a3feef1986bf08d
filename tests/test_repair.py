"""Pinyin annotations, stray punctuation and width, Unicode hygiene: data-driven cases."""

from __future__ import annotations

import pytest

from normalize_zh import normalize, run
from normalize_zh.hygiene import clean_unicode, clean_unicode_outcome
from normalize_zh.pinyin import strip_pinyin
from normalize_zh.punctuation import fix_punctuation, fix_width

from .conftest import load_cases, seed_text


@pytest.mark.parametrize("case", load_cases("pinyin"))
def test_pinyin(case):
    assert strip_pinyin(case["input"]) == case["expected"], case["note"]


def test_every_annotation_in_the_content_farm_seeds_is_a_reading():
    """Issue 3: every annotation in seeds 002 and 004 matches one of pypinyin's
    readings (two more in 004 sit behind a misaligned GBK byte and are repaired
    first)."""
    from normalize_zh.pinyin import annotations, matching_reading

    found = matched = 0
    for number in ("002", "004"):
        for _, _, char, reading in annotations(seed_text(number)):
            found += 1
            matched += matching_reading(char, reading) is not None
    assert found > 100 and matched == found


STEPS = {"fix_punctuation": fix_punctuation, "punctuation": fix_width, "pipeline": lambda t: normalize(t, "docs"), "corpus": lambda t: normalize(t)}


@pytest.mark.parametrize("case", load_cases("punctuation"))
def test_punctuation(case):
    assert STEPS[case["step"]](case["input"]) == case["expected"], case["note"]


def test_punctuation_keep_turns_width_off():
    assert normalize("12月28日,,河南", punctuation="keep") == "12月28日,河南"


@pytest.mark.parametrize("case", load_cases("hygiene"))
def test_hygiene(case):
    assert clean_unicode(case["input"]) == case["expected"], case["note"]


def test_lone_surrogates_are_replaced_and_flagged():
    outcome = clean_unicode_outcome("前\ud800后")
    assert [f.kind for f in outcome.flags] == ["lone-surrogate"]
    result = run("前\ud800后", "minimal")  # even with clean_unicode off
    assert result.text == "前\ufffd后"
    assert any(f.kind == "lone-surrogate" for f in result.flags)


def test_every_change_is_recorded_with_step_span_before_after():
    from normalize_zh.edits import Edit, apply_edits
    from normalize_zh.pipeline import _by_step

    text = "濟(jì)源網(wǎng)訊,,記者"
    result = run(text, boilerplate=False)
    assert [c.step for c in result.changes][:1] == ["strip_pinyin"]
    assert {c.step for c in result.changes} == {"strip_pinyin", "fix_punctuation", "punctuation", "convert"}
    current = text
    for _, group in _by_step(result.changes):  # each record's span and text are its step's input
        for change in group:
            assert current[change.start : change.end] == change.before != change.after
        current = apply_edits(current, [Edit(c.start, c.end, c.after) for c in group])
    assert current == result.text == "济源网讯，记者"
