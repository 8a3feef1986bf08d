"""Issue 14: script conversion per paragraph; simplified text is never run through t2s."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from normalize_zh import normalize
from normalize_zh.script import simplify_outcome, valid_simplified
from normalize_zh.tables import gb2312_characters



def simplified(text: str) -> str:
    return normalize(text, punctuation="keep", boilerplate=False, reflow=False)


def test_valid_simplified_characters_stay_in_simplified_text():
    # OpenCC's t2s reads 坏 as the old form of 坯, and 乾 as the old form of 干
    assert simplified("他把杯子打坏了，乾隆年间的事。") == "他把杯子打坏了，乾隆年间的事。"
    assert simplified("天行健，君子以自强不息，乾卦") == "天行健，君子以自强不息，乾卦"


def test_traditional_only_characters_in_a_simplified_paragraph_are_converted():
    assert simplified("这是一个測試，我们继续。") == "这是一个测试，我们继续。"


def test_rare_characters_one_codec_lacks_do_not_make_a_line_traditional():
    # chinese-poetry's 楚辞, simplified: 袟 and 虙 are in Big5 and not GB2312, but
    # OpenCC gives them no other form; 後 (GB2312 has it) stays
    line = "逐下袟于後堂兮，迎虙妃于伊雒。"
    assert simplified(line) == line
    assert simplified("逐下袟于後堂兮，迎虙妃于伊雒。這") == "逐下袟于后堂兮，迎虙妃于伊雒。这"


def test_a_traditional_paragraph_is_converted_whole():
    assert simplified("臺灣的軟體開發很熱鬧。") == "台湾的软体开发很热闹。"
    # a line without characters of either script follows the document
    assert simplified("乾淨的水很重要。\n乾了\n") == "干净的水很重要。\n干了\n"


def test_known_opencc_mistakes_keep_their_characters():
    assert simplified("唐僖宗乾符年間，握乾符而治。") == "唐僖宗乾符年间，握乾符而治。"
    assert simplified("松原市乾安縣的風景。") == "松原市乾安县的风景。"


def test_japanese_is_never_converted():
    text = "# 詳細\n\nこの章では、紹介の詳細を説明します。\n\n## 関連項目\n"
    assert simplified(text) == text
    mixed = "中文段落，軟體開發。\n第二段，網絡。\n第三段，資訊。\n日本語の文章です。"
    assert simplified(mixed) == "中文段落，软体开发。\n第二段，网络。\n第三段，资讯。\n日本語の文章です。"
    # a third of the lines or more in Japanese: a Japanese document, left whole
    half = "中文段落，軟體開發。\n日本語の文章です。"
    assert simplified(half) == half


def test_korean_is_never_converted():
    assert simplified("韓國語 한국어 文章") == "韓國語 한국어 文章"


def _simplified_words() -> list[str]:
    """Real simplified words: pypinyin's phrase dictionary, the entries GB2312
    writes whole (no filter by what t2s does: that is what is tested)."""
    from pypinyin.phrases_dict import phrases_dict

    gb = gb2312_characters()
    return sorted(word for word in phrases_dict if all(char in gb for char in word))


WORDS = _simplified_words()


def test_the_words_include_what_t2s_would_change():
    from normalize_zh.script import converter

    t2s = converter("t2s")
    changed = [word for word in WORDS if t2s.convert(word) != word]
    assert len(changed) >= 10, changed  # 乾乾翼翼, 藉口, 特徵 ...: so the next test can fail
    for word in changed:
        assert simplify_outcome(word).edits == [], word


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.sampled_from(["", "，", "。"]))
def test_clean_simplified_text_is_unchanged_by_simplification(words, separator):
    text = separator.join(words)
    outcome = simplify_outcome(text, edits=False)
    assert outcome.text in (None, text)


GB2312_HAN = sorted(c for c in gb2312_characters() if "\u4e00" <= c <= "\u9fff")


@given(st.text(alphabet=st.sampled_from(GB2312_HAN), min_size=1, max_size=40))
def test_no_valid_simplified_character_is_ever_changed(text):
    # any string of GB2312 characters (OpenCC's t2s changes dozens of them: 坏 乾 著 ...)
    outcome = simplify_outcome(text)
    assert all(not (set(text[e.start : e.end]) & valid_simplified()) for e in outcome.edits)
