"""The fitted judges (re-flow: normalize_zh.reflow / breaks; boilerplate): their data
files, their decisions on clean text that the hand-set steps damaged (issue 14),
the boundary cases scripts/fit_judges.py cut from real text, and the mutation
check of issue 17: a meaningful change of any fitted weight, of a model's bias or
threshold, or of a hand-set number the features read, alters the output of some
case whose expectation the current judges meet."""

from __future__ import annotations

import importlib
import importlib.util
import json

import pytest

from normalize_zh import boilerplate, breaks, judges, reflow, run
from normalize_zh.edits import apply_edits
from normalize_zh.tables import DATA

from .conftest import CASES, load_cases

BOUNDARY = json.loads((CASES / "judges_boundary.json").read_text(encoding="utf-8"))
UNPINNED = set(next(case for case in BOUNDARY if case["label"] == "unpinned")["unpinned"])
BOUNDARY = [case for case in BOUNDARY if case["label"] != "unpinned"]

# Clean text the hand-set steps changed (issue 14's examples): each step and the
# pipeline leave it exactly as it is.
CLEAN = [
    pytest.param("床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n", id="verse-lines-ending-with-comma"),
    pytest.param("静夜思\n床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n\n春晓\n春眠不觉晓，处处闻啼鸟。\n夜来风雨声，花落知多少。\n", id="blank-line-between-poems"),
    pytest.param("西藏自治区\n面积：122.84万平方公里\n人口：330万\n语言：藏语、汉语\n", id="key-value-fact-box"),
    pytest.param(
        "12月28日，河南省卫生健康委召开视频会议，安排部署医疗救治工作。\n"
        "集中优势资源和聚焦重点人群\n"
        "全省卫生健康系统要集中优势资源和聚焦重点人群，充分发挥三级医院医疗救治核心骨干作用。\n",
        id="headline-between-paragraphs",
    ),
    pytest.param("\u3000\u3000他站起来，走到窗前。\n\u3000\u3000“你明天还来吗？”\n\u3000\u3000她没有回答。\n", id="novel-dialogue-indented"),
    pytest.param(
        "注释\n[1] 见《史记·项羽本纪》。\n[2] 一说为楚人。\n① 今河南境内。\n", id="footnote-block"
    ),
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_left_alone(text):
    assert reflow.rejoin_lines(text) == text
    assert boilerplate.strip_boilerplate(text) == text
    assert run(text).text == text


def _models(name: str) -> dict:
    return json.loads((DATA / f"judge_{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, known", [("reflow", breaks.BREAK_FEATURES), ("boilerplate", boilerplate.LINE_FEATURES)])
def test_data_file_names_the_code_features_and_its_sources(name, known):
    data = _models(name)
    assert data["generated_by"] == "scripts/fit_judges.py" and "corpus_manifest.tsv" in data["sources"]
    named = {f for model in data["models"].values() for f in model["features"]} | set(data["dropped"])
    assert named == set(known)
    loaded = judges.load_judges(name, known)
    for kind, model in data["models"].items():
        assert loaded[kind].threshold == model["threshold"] and list(loaded[kind].features) == model["features"]
    # precision first: no clean document of the development split changed
    assert data["scores"]["dev"]["clean_unchanged"] == 1.0


def test_a_drifted_data_file_is_refused():
    with pytest.raises(RuntimeError, match="rerun scripts/fit_judges.py"):
        judges.load_judges("reflow", {**breaks.BREAK_FEATURES, "no_such_feature": lambda k, p: 0.0})


@pytest.mark.parametrize("features", [breaks.BREAK_FEATURES, boilerplate.LINE_FEATURES], ids=["breaks", "boilerplate"])
def test_every_feature_has_a_one_line_docstring_and_a_side(features):
    evidence = breaks.EVIDENCE if features is breaks.BREAK_FEATURES else boilerplate.EVIDENCE
    assert set(evidence) == set(features)
    for name, feature in features.items():
        assert feature.__doc__ and feature.__doc__.strip(), name


def test_weights_keep_their_features_side():
    """The fit holds every weight on the side its feature's evidence points to."""
    for name, evidence in (("reflow", breaks.EVIDENCE), ("boilerplate", boilerplate.EVIDENCE)):
        for model in _models(name)["models"].values():
            assert model["bias"] <= 0
            for feature, weight in zip(model["features"], model["weights"]):
                assert weight * evidence[feature] >= 0, (name, feature, weight)


def test_language_tables_know_particles_from_clause_openers():
    roles = judges.char_roles()
    assert roles["的"][0] < 0 < roles["我"][0]  # 的 never opens a clause; 我 often does
    assert roles["的"][2] < roles["我"][2]  # ... nor a paragraph
    assert judges.bigrams()["医疗"] > 2


def test_plain_sentence_ends_are_what_the_judge_would_keep():
    """reflow.plainly_kept decides without the judge; on the boundary cases the judge agrees."""
    models = reflow.judges()
    for case in BOUNDARY:
        if case["judge"] != "reflow":
            continue
        found, page, _ = breaks.breaks(case["input"])
        model = models["column" if page.column else "lines"]
        for k in found:
            if reflow.plainly_kept(k.a, k.b, page.column):
                assert not model.decide(breaks.features(k, page, model.features)), (k.a, k.b)


def _run(judge: str, text: str, models=None) -> str:
    if judge == "reflow":
        return apply_edits(text, reflow.rejoin_lines_outcome(text, models=models).edits)
    return apply_edits(text, boilerplate.strip_boilerplate_outcome(text, model=models).edits)


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"]) for c in BOUNDARY])
def test_boundary_case(case):
    """Real text near the judges' thresholds (tests/cases/judges_boundary.json, cut by
    scripts/fit_judges.py from the corpus and the beds; the source is named)."""
    assert _run(case["judge"], case["input"]) == case["expected"], case["source"]


def _hand_cases() -> list[dict]:
    out = []
    for name, judge in (("reflow", "reflow"), ("boilerplate", "boilerplate"), ("debris", "boilerplate")):
        for param in load_cases(name):
            case = param.values[0]
            if not case.get("xfail") and (name != "debris" or case.get("step") == "boilerplate"):
                out.append({"judge": judge, "input": case["input"], "expected": case["expected"], "pins": ()})
    # a case the judges get wrong today (a known gap) pins nothing
    return [case for case in out if _run(case["judge"], case["input"]) == case["expected"]]


def _mutations() -> list:
    params = []
    for kind, model in reflow.judges().items():
        for name in (*model.features, "bias", "threshold"):
            params += [(f"{kind}.{name}:{m}", "reflow", kind, name, m) for m in (("x0", "x2") if name not in ("bias", "threshold") else ("-1", "+1"))]
    model = boilerplate.judge()
    for name in (*model.features, "bias", "threshold"):
        params += [(f"boilerplate.{name}:{m}", "boilerplate", "lines", name, m) for m in (("x0", "x2") if name not in ("bias", "threshold") else ("-1", "+1"))]
    return [
        pytest.param(*p, id=p[0], marks=pytest.mark.xfail(strict=True, reason="no boundary case of the corpus pins it")) if p[0] in UNPINNED else pytest.param(*p, id=p[0])
        for p in params
    ]


def _mutated(judge: str, kind: str, name: str, how: str):
    models = dict(reflow.judges()) if judge == "reflow" else {"lines": boilerplate.judge()}
    model = models[kind]
    if name in ("bias", "threshold"):
        value = getattr(model, name) + (1.0 if how == "+1" else -1.0)
    else:
        weight = dict(zip(model.features, model.weights))[name]
        value = 0.0 if how == "x0" else 2 * weight
    models[kind] = model.with_weights(**{name: value})
    return models if judge == "reflow" else models["lines"]


import functools


@functools.cache
def _hand() -> tuple:
    return tuple(_hand_cases())


def _cases_for(label: str, judge: str) -> list[dict]:
    """The cases that say they pin ``label`` first, then every other case of the judge."""
    own = [c for c in BOUNDARY if c["judge"] == judge]
    return [c for c in own if label in c["pins"]] + [c for c in own if label not in c["pins"]] + [c for c in _hand() if c["judge"] == judge]


@pytest.mark.parametrize("label, judge, kind, name, how", _mutations())
def test_a_meaningful_change_of_a_weight_alters_a_case(label, judge, kind, name, how):
    mutated = _mutated(judge, kind, name, how)
    assert any(_run(judge, c["input"], mutated) != c["expected"] for c in _cases_for(label, judge))


# Hand-set numbers the features read, and a meaningfully different value for each:
# scripts/fit_judges.py's MUTATIONS, for which it cut the boundary cases (read from
# the script itself; it needs scipy only to fit, not to be imported).
_FIT = importlib.util.spec_from_file_location("fit_judges", CASES.parent.parent / "scripts" / "fit_judges.py")
fit_judges = importlib.util.module_from_spec(_FIT)
_FIT.loader.exec_module(fit_judges)
CONSTANTS = list(fit_judges.MUTATIONS)


def _constant_params() -> list:
    out = []
    for module, name, value in CONSTANTS:
        label = f"{module}.{name}={value}"
        marks = [pytest.mark.xfail(strict=True, reason="no boundary case of the corpus pins it")] if label in UNPINNED else []
        out.append(pytest.param(module, name, value, id=label, marks=marks))
    return out


@pytest.mark.parametrize("module, name, value", _constant_params())
def test_a_hand_set_number_is_pinned(module, name, value, monkeypatch):
    monkeypatch.setattr(importlib.import_module(f"normalize_zh.{module}"), name, value)
    label = f"{module}.{name}={value}"
    judge = "boilerplate" if module == "boilerplate" else "reflow"
    assert any(_run(judge, c["input"]) != c["expected"] for c in _cases_for(label, judge))
