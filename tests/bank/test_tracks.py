"""The bank's study tracks (`problems/tracks/*.toml`): each parses, has both languages, lists existing problems
once each, and the five tracks the issue names are there with 8-16 items."""

import tomllib
from pathlib import Path

import pytest

from app.tracks import bank_tracks, read_track

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
TRACK_FILES = sorted((PROBLEMS / "tracks").glob("*.toml"))
NAMED = {
    "lora-and-peft": "LoRA and parameter-efficient fine-tuning",
    "decoding-and-sampling": "Decoding and sampling",
    "post-training": "Post-training",
    "inference-serving": "Inference serving",
    "ngrams-to-transformers": "From n-grams to Transformers",
}


@pytest.mark.parametrize("path", TRACK_FILES, ids=[p.stem for p in TRACK_FILES])
def test_track_file_is_valid(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("title", "title_zh", "description", "description_zh"):
        assert isinstance(data[key], str) and data[key].strip(), f"{path.name}: {key} is empty"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in data["title_zh"] + data["description_zh"]), path.name
    items = data["items"]
    assert len(items) == len(set(items)), f"{path.name}: an item is listed twice"
    missing = [slug for slug in items if not (PROBLEMS / slug / "problem.toml").is_file()]
    assert not missing, f"{path.name}: no such problem {missing}"
    assert 8 <= len(items) <= 16, f"{path.name}: {len(items)} items"
    spec, reasons = read_track(path.stem, path.read_text(encoding="utf-8"))
    assert spec is not None and not reasons, reasons


def test_the_named_tracks_exist_and_all_load():
    loaded = {slug: spec for slug, spec, _reasons in bank_tracks(PROBLEMS)}
    assert all(spec is not None for spec in loaded.values()), [r for _s, s, r in bank_tracks(PROBLEMS) if s is None]
    assert {slug: loaded[slug].title for slug in NAMED} == NAMED


def test_tracks_mix_coding_problems_and_cards():
    for path in TRACK_FILES:
        kinds = {
            tomllib.loads((PROBLEMS / slug / "problem.toml").read_text())["kind"]
            for slug in tomllib.loads(path.read_text())["items"]
        }
        assert kinds == {"code", "qa"}, f"{path.name}: {kinds}"


def test_a_broken_track_file_is_reported_not_loaded(tmp_path):
    (tmp_path / "tracks").mkdir()
    (tmp_path / "tracks" / "bad-one.toml").write_text('title = "Only English"\nitems = ["a-b", "a-b"]\n')
    (tmp_path / "tracks" / "ghost.toml").write_text(
        'title = "T"\ntitle_zh = "中"\ndescription = "D"\ndescription_zh = "描述"\nitems = ["no-such-problem"]\n'
    )
    results = {slug: (spec, reasons) for slug, spec, reasons in bank_tracks(tmp_path)}
    spec, reasons = results["bad-one"]
    assert spec is None and any("title_zh" in r for r in reasons) and any("listed twice" in r for r in reasons)
    spec, reasons = results["ghost"]
    assert spec is None and "no-such-problem" in reasons[0]
