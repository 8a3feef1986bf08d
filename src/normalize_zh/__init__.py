"""normalize-zh: repair damaged Chinese text.

>>> from normalize_zh import normalize
>>> normalize("濟(jì)源網(wǎng)訊,,12月11日")
'济源网讯，12月11日'

The public names are imported on first use, so that ``import normalize_zh``
(and ``normalize-zh --version``) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Change", "Config", "Flag", "Result", "convert", "normalize", "normalize_bytes", "run", "__version__"]

_HOMES = {
    "Config": "config",
    "Change": "edits",
    "Flag": "edits",
    "Result": "pipeline",
    "normalize": "pipeline",
    "normalize_bytes": "pipeline",
    "run": "pipeline",
    "convert": "script",
}

if TYPE_CHECKING:  # pragma: no cover
    from .config import Config
    from .edits import Change, Flag
    from .pipeline import Result, normalize, normalize_bytes, run
    from .script import convert


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'normalize_zh' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
