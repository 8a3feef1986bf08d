"""Settings of a run: ``[tool.normalize-zh]`` in the project's pyproject.toml, then the command line.

Every setting is type-checked with a message that names the file and the
setting as it was written (``reflow = "false"`` is a mistake, not a true
value; ``exclude = "x*"`` is not a list of patterns).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import FIELD_ANNOTATIONS, FIELD_NAMES, PRESETS, Config, check_field
from .files import SECTION, SettingsFileError, find_project_root, load_toml, settings_file

# settings of the command line that are not Config fields
FILE_ONLY = ("preset", "exclude", "protect_file")


class UsageError(Exception):
    """A problem with the command line or the settings: exit status 2."""


@dataclass(frozen=True)
class Settings:
    config: Config
    exclude: tuple[str, ...]
    root: Path
    #: how the root was found (".git", ".hg", "pyproject.toml", "file system root")
    root_reason: str
    #: the pyproject.toml read, if any
    source: Path | None


def read_section(path: Path) -> dict[str, Any]:
    """``[tool.normalize-zh]`` of ``path``, keys as written (``protected-words``)."""
    try:
        data = load_toml(path)
    except SettingsFileError as error:
        raise UsageError(str(error)) from None
    section = data.get("tool", {}).get(SECTION, {})
    if not isinstance(section, dict):
        raise UsageError(f"{path}: [tool.{SECTION}] must be a table")
    return section


def _checked(path: Path, section: dict[str, Any]) -> dict[str, Any]:
    """The section's values under their Python names, each type-checked."""
    settings: dict[str, Any] = {}
    unknown = sorted(key for key in section if key.replace("-", "_") not in FIELD_NAMES | set(FILE_ONLY))
    if unknown:
        raise UsageError(f"{path}: unknown setting(s) in [tool.{SECTION}]: {', '.join(unknown)}")
    for key, value in section.items():
        name = key.replace("-", "_")
        where = f"{path}: [tool.{SECTION}] {key}"
        if name == "exclude":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise UsageError(f'{where}: expected a list of patterns (exclude = ["vendor/", "*.min.md"]), not {value!r}')
        elif name == "preset":
            if value not in PRESETS:
                raise UsageError(f"{where}: unknown preset {value!r}: expected one of {', '.join(PRESETS)}")
        elif name == "protect_file":
            if not isinstance(value, str):
                raise UsageError(f"{where}: expected a file name (a string), not {value!r}")
            value = path.parent / value  # relative to the file that names it
        else:
            if isinstance(value, list):
                value = tuple(value)
            try:
                check_field(key, value, FIELD_ANNOTATIONS[name])
            except TypeError as error:
                raise UsageError(f"{path}: [tool.{SECTION}] {error}") from None
        settings[name] = value
    return settings


def _protected_words(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(f"protect file {path}: no such file") from None
    except UnicodeDecodeError:
        raise UsageError(f"protect file {path}: not UTF-8") from None
    except OSError as error:
        raise UsageError(f"protect file {path}: cannot read: {error.strerror or error}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def resolve_settings(args: argparse.Namespace, paths: list[str]) -> Settings:
    """The settings for a run over ``paths``: the project root's pyproject.toml
    (or ``--config``), then the command line, which wins."""
    root, reason = find_project_root(paths)
    source: Path | None = args.config if args.config is not None else settings_file(root)
    if args.config is not None and not args.config.is_file():
        raise UsageError(f"--config {args.config}: no such file")
    file_settings = _checked(source, read_section(source)) if source is not None else {}

    preset = args.preset or file_settings.pop("preset", None) or ("docs" if args.hook else "corpus")
    file_settings.pop("preset", None)
    exclude = tuple(file_settings.pop("exclude", ())) + tuple(args.exclude or ())
    protect_file = args.protect_file or file_settings.pop("protect_file", None)
    file_settings.pop("protect_file", None)

    overrides = dict(file_settings)
    for name in ("to", "punctuation", *args.step_switches):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    words = list(overrides.pop("protected_words", ()))
    words += args.protect or []
    if protect_file:
        words += _protected_words(Path(protect_file))
    if words:
        overrides["protected_words"] = tuple(words)
    try:
        config = Config.preset(preset, **overrides)
    except (TypeError, ValueError) as error:
        raise UsageError(f"{source or 'settings'}: {error}") from None
    return Settings(config, exclude, root, reason, source)
