"""The public surface: names, Config presets and overrides, Result."""

from __future__ import annotations

import dataclasses

import pytest

import normalize_zh
from normalize_zh import Config, Result, convert, normalize, normalize_bytes, run


def test_public_names_import():
    for name in ("normalize", "normalize_bytes", "run", "convert", "Config", "Result"):
        assert name in normalize_zh.__all__
        assert getattr(normalize_zh, name) is not None


def test_config_is_frozen_and_corpus_is_the_default():
    config = Config()
    assert config.name == "corpus" and config.to == "simplified" and config.boilerplate and config.reflow
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.to = "keep"  # type: ignore[misc]


def test_presets():
    docs = Config.preset("docs")
    assert docs.to == "keep" and not docs.boilerplate and not docs.reflow and docs.protect_markdown
    minimal = Config.preset("minimal")
    assert minimal.fix_encoding and not minimal.strip_pinyin and minimal.punctuation == "keep"
    assert Config.preset("docs", to="simplified").to == "simplified"


@pytest.mark.parametrize("entry", [normalize, run])
def test_unknown_override_is_a_type_error_naming_it(entry):
    with pytest.raises(TypeError, match="reflw"):
        entry("文字", reflw=False)


def test_unknown_override_on_normalize_bytes():
    with pytest.raises(TypeError, match="colour"):
        normalize_bytes("文字".encode(), colour="red")


def test_bad_values_are_value_errors():
    with pytest.raises(ValueError, match="to="):
        Config(to="martian")
    with pytest.raises(ValueError, match="unknown preset"):
        Config.preset("everything")


def test_overrides_apply_on_every_entry_point():
    text = "12月28日,河南"
    assert normalize(text, punctuation="keep") == text
    assert run(text, punctuation="keep").text == text
    assert normalize_bytes(text.encode("gbk"), punctuation="keep") == text
    assert normalize(text, "minimal") == text
    assert normalize(text, Config.preset("docs")) == "12月28日，河南"


def test_result_fields():
    result = run("濟(jì)源網(wǎng)訊,,記者".encode("gb18030"))
    assert isinstance(result, Result)
    assert result.text == "济源网讯，记者"
    assert result.encoding == "gbk"  # the narrowest encoding that decodes the bytes
    assert {c.step for c in result.changes} >= {"strip_pinyin", "fix_punctuation", "convert"}
    assert result.flags == [] and result.metadata == {}


def test_convert_runs_any_opencc_configuration():
    assert convert("臺灣的軟體", "t2s") == "台湾的软体"
    assert convert("软件", "s2twp") == "軟體"
    assert convert("软件", "s2twp.json") == "軟體"


def test_wrong_input_types_are_clear_errors():
    with pytest.raises(TypeError, match="normalize_bytes"):
        normalize(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="takes bytes"):
        normalize_bytes("text")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str or bytes"):
        run(123)  # type: ignore[arg-type]


def test_a_flag_moved_keeps_everything_but_its_span():
    from normalize_zh.edits import Flag

    flag = Flag("lost-bytes", 3, 4, "\ufffd", "1 byte(s) of this character were lost", ("研", "破"))
    assert flag.at(7, 8) == Flag("lost-bytes", 7, 8, "\ufffd", "1 byte(s) of this character were lost", ("研", "破"))
    assert flag.at(None, None, "gone").detail == "gone" and flag.at(None, None, "gone").candidates == ("研", "破")
