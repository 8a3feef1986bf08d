"""Settings are type-checked: at run time (``reflow="no"`` is a TypeError
naming the field) and by type checkers (``reflw=False`` is an error), issue 15."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import typing

import pytest

from normalize_zh import Config, normalize, normalize_bytes, run
from normalize_zh.config import FIELD_NAMES, ConfigOverrides


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"reflow": "no"}, "reflow"),
        ({"reflow": 0}, "reflow"),
        ({"fix_encoding": None}, "fix_encoding"),
        ({"to": 1}, "to"),
        ({"punctuation": True}, "punctuation"),
        ({"protected_words": 5}, "protected_words"),
        ({"protected_words": ["乾隆", 3]}, "protected_words"),
    ],
)
def test_wrong_types_are_a_type_error_naming_the_field(overrides, named):
    for call in (lambda: normalize("文字", **overrides), lambda: run("文字", **overrides), lambda: normalize_bytes("文字".encode(), **overrides), lambda: Config.preset("docs", **overrides)):
        with pytest.raises(TypeError, match=named):
            call()


def test_right_types_pass():
    assert normalize("臺灣,,說明", reflow=False, to="keep", protected_words=["臺灣"]) == "臺灣，說明"
    assert Config(protected_words="甲 乙").protected_words == ("甲", "乙")
    assert Config.preset("docs", preset="minimal").name == "minimal"


def test_the_overrides_typeddict_has_every_config_field():
    """A field added to Config without its key here would escape type checkers."""
    assert set(ConfigOverrides.__annotations__) == FIELD_NAMES | {"preset"}
    hints = typing.get_type_hints(normalize)
    assert hints["overrides"] == typing.Unpack[ConfigOverrides]
    keys = typing.get_type_hints(ConfigOverrides)
    for field in dataclasses.fields(Config):
        if field.type == "bool":
            assert keys[field.name] is bool, field.name


@pytest.mark.skipif(shutil.which("mypy", path=str(__import__("pathlib").Path(sys.executable).parent)) is None and shutil.which("mypy") is None, reason="mypy is in the test extras")
def test_a_type_checker_catches_a_misspelt_override(tmp_path):
    snippet = tmp_path / "use.py"
    snippet.write_text(
        "from normalize_zh import Config, normalize, run\n"
        'normalize("x", reflow=False, to="keep")\n'
        'Config.preset("docs", punctuation="keep")\n'
        'normalize("x", reflw=False)\n'
        'run("x", reflow="no")\n',
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "mypy", "--no-error-summary", "--follow-imports=silent", "--cache-dir", str(tmp_path / "cache"), str(snippet)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    errors = [line for line in completed.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["4", "5"], completed.stdout + completed.stderr
    assert "reflw" in errors[0] and "reflow" in errors[1]


def test_each_step_names_the_fields_it_reads_and_its_first_switches_it_off():
    from normalize_zh.pipeline import STEPS

    # the two fields no step reads: they choose how the document is cut, not what a step does
    assert set(FIELD_NAMES) - {field for step in STEPS for field in step.reads} == {"protect_markdown", "kind"}
    for step in STEPS:
        assert set(step.reads) <= FIELD_NAMES, step.name
        assert step.enabled(Config()), step.name
        switch = step.reads[0]
        off = {"to": {"to": "keep", "unify_script": False}, "punctuation": {"punctuation": "keep"}}.get(switch, {switch: False})
        assert not step.enabled(dataclasses.replace(Config(), **off)), step.name


def test_the_command_line_has_a_switch_for_each_step_that_has_one():
    from normalize_zh.cli import build_parser
    from normalize_zh.pipeline import STEPS

    help_text = build_parser().format_help()
    for step in STEPS:
        if isinstance(getattr(Config(), step.reads[0]), bool):
            assert "--no-" + step.reads[0].replace("_", "-") in help_text
