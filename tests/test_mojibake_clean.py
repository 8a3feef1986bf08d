"""Clean text that mojibake repair must leave alone, and flag nothing in
(issues 13 and 16): Japanese, Korean, European, Russian and classical Chinese
prose quoted from public documentation and corpora (tests/cases/mojibake_clean.json
names each source), rare but valid names, tables, real euro signs."""

from __future__ import annotations

import pytest

from normalize_zh.mojibake import fix_encoding_outcome

from .conftest import load_cases


@pytest.mark.parametrize("case", load_cases("mojibake_clean"))
def test_clean_text_is_unchanged_and_unflagged(case):
    outcome = fix_encoding_outcome(case["input"])
    assert outcome.edits == [], case["note"]
    assert list(outcome.flags) == [], case["note"]


@pytest.mark.parametrize("case", load_cases("mojibake_clean"))
def test_clean_text_is_unchanged_in_code(case):
    text = case["input"]
    for template in ('printf("%s\\n");', "s = '%s'", "<td>%s</td>", "# %s"):
        line = template % text.replace("\n", " ")
        assert fix_encoding_outcome(line).edits == [], (template, case["note"])
