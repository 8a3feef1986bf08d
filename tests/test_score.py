"""The yardstick (score.py): each class of character costs what the module's
table says, and the pair adjustments are what its docstring promises."""

from __future__ import annotations

import pytest

from normalize_zh.score import (
    CJK_PUNCTUATION,
    LATIN_RUN_PENALTY,
    SCRIPT_RUN_BONUS,
    WORD_BONUS,
    _common_costs,
    _frequency_cost,
    badness,
    badness_per_char,
    char_cost,
)
from normalize_zh.tables import char_counts, words


@pytest.mark.parametrize(
    "char, cost",
    [
        ("a", 0.0), ("\t", 0.0), ("\n", 0.0), ("\x07", 8.0),  # ASCII; a C0 control
        ("，", 0.0), ("。", 0.1), ("、", 0.3), ("：", 0.5), ("；", 0.8), ("‘", 1.2), ("『", 1.5), ("〃", 2.0),
        ("ā", 0.5), ("ü", 0.5), ("é", 0.5),  # pinyin letters
        ("Ä", 1.0), ("\xa0", 1.0), ("×", 2.0), ("\x85", 8.0),  # Latin-1 letters and symbols; C1
        ("Ａ", 1.0), ("\u2002", 1.0),  # full-width forms; a space
        ("あ", 3.0), ("ｶ", 3.0), ("한", 3.0), ("α", 3.0), ("д", 3.0), ("€", 3.0), ("☃", 3.0),
        ("Ş", 1.0),  # Latin extended letters: names, loanwords
        ("龘", 5.0), ("㐀", 6.0), ("\uf900", 6.0), ("\U00020000", 6.0),  # rare Han; extension A, compatibility, B
        ("\ufffd", 8.0), ("\ue000", 8.0), ("\u200b", 8.0), ("\U000f0000", 8.0), ("\u0378", 8.0),
    ],
)
def test_each_class_of_character_costs_what_the_table_says(char, cost):
    assert char_cost(char) == pytest.approx(cost)


def test_common_characters_cost_by_frequency_from_zero_to_four():
    counts = char_counts()
    costs = _common_costs()
    most = max(counts, key=counts.get)
    assert costs[most] == 0.0
    han = [costs[c] for c in counts if "\u4e00" <= c <= "\u9fff"]
    assert 0.0 <= min(han) and max(han) <= 4.0
    assert _frequency_cost(counts[most], counts[most]) == 0.0
    assert _frequency_cost(1, 2**16) == 4.0  # log2 of 65536 is 16: 16 / 4
    assert _frequency_cost(1, 2**40) == 4.0  # (capped)
    assert char_cost("的") < char_cost("鏖") < char_cost("龘")
    for mark, cost in CJK_PUNCTUATION.items():
        assert char_cost(mark) == cost


def test_pairs_adjust_the_cost():
    pair = next(word for word, grade in words().items() if len(word) == 2 and grade == 4)
    assert badness(pair) == pytest.approx(char_cost(pair[0]) + char_cost(pair[1]) - WORD_BONUS * 4)
    assert badness("Äã") == pytest.approx(1 + 1 + LATIN_RUN_PENALTY)
    assert badness("あい") == pytest.approx(3 + 3 - SCRIPT_RUN_BONUS)
    assert badness("浣犲ソ") > badness("你好")
    assert badness("") == 0.0 and badness("中") == char_cost("中")
    assert badness_per_char("") == 0.0
    assert badness_per_char("Äã") == pytest.approx(badness("Äã") / 2)
