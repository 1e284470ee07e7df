"""The languages rule of `grader.validate`: the bank needs both languages; an instructor's problem one complete
language, and each language it starts must be complete."""

from __future__ import annotations

from grader import spec_from_files
from grader.validate import language_problems, started_languages, validate_spec
from tests.grader.test_validate import GOOD_GENERATOR, _problem

WRONG = "def double(x):\n    return 2 * x + 1e-3\n"
CARD_ANSWER = "The cache keeps each layer's keys and values of earlier tokens so they are not computed again. " * 5


def bilingual() -> dict[str, str]:
    return _problem("def double(x):\n    return 2 * x\n", GOOD_GENERATOR, wrong=WRONG)


def english_only() -> dict[str, str]:
    files = bilingual()
    for name in ("statement.zh.md", "editorial.zh.md"):
        del files[name]
    files["problem.toml"] = files["problem.toml"].replace('title_zh = "加倍"\n', "")
    files["hints.toml"] = 'hints = ["Scale x.", "By two.", "Return 2 * x."]\n'
    files["wrong/off.toml"] = 'verdict = "wrong_answer"\ndiagnosis = "Not twice x."\n'
    return files


def chinese_only() -> dict[str, str]:
    files = bilingual()
    for name in ("statement.md", "editorial.md"):
        del files[name]
    files["problem.toml"] = files["problem.toml"].replace('title = "Double"', 'title = ""')
    files["hints.toml"] = 'hints_zh = ["缩放 x。", "乘以二。", "返回 2 * x。"]\n'
    files["wrong/off.toml"] = 'verdict = "wrong_answer"\ndiagnosis_zh = "不是 x 的两倍。"\n'
    return files


def test_one_complete_language_is_enough_for_an_instructors_problem(sandbox_pool):
    for files, language in ((english_only(), "en"), (chinese_only(), "zh")):
        spec = spec_from_files("double-one-language", files)
        assert started_languages(spec) == (language,)
        assert spec.languages == [language]
        assert validate_spec(spec, sandbox_pool, bilingual=False) == []


def test_the_bank_stays_bilingual(sandbox_pool):
    english = spec_from_files("double-en", english_only())
    assert validate_spec(english, sandbox_pool) == [  # bilingual is the default: `rankup problems validate`
        "problem.toml: `title_zh` is missing",
        "statement.zh.md is missing or empty",
        "editorial.zh.md is missing or empty",
        "wrong/off.toml needs a non-empty `diagnosis_zh`",
        "hints.toml: `hints_zh` has 0 hints; a coding problem needs exactly 3",
    ]
    chinese = spec_from_files("double-zh", chinese_only())
    assert language_problems(chinese) == [
        "problem.toml: `title` is missing",
        "statement.md is missing or empty",
        "editorial.md is missing or empty",
    ]
    assert validate_spec(spec_from_files("double-both", bilingual()), sandbox_pool) == []


def test_a_half_filled_language_fails_with_a_clear_reason(sandbox_pool):
    files = english_only()
    files["problem.toml"] = files["problem.toml"].replace('title = "Double"', 'title = "Double"\ntitle_zh = "加倍"')
    files["statement.zh.md"] = "返回 $2x$。"
    reasons = validate_spec(spec_from_files("double-half", files), sandbox_pool, bilingual=False)
    assert reasons[0] == (
        "the Chinese version is incomplete (finish it or clear it): editorial.zh.md is missing or empty"
    )
    assert "wrong/off.toml needs a non-empty `diagnosis_zh`" in reasons
    assert "hints.toml: `hints_zh` has 0 hints; a coding problem needs exactly 3" in reasons
    # English alone with a half-written statement: the English reasons, not a demand for Chinese.
    files = english_only()
    del files["editorial.md"]
    assert language_problems(spec_from_files("double-half-en", files), bilingual=False) == [
        "the English version is incomplete (finish it or clear it): editorial.md is missing or empty"
    ]


def card(**replace: str) -> dict[str, str]:
    toml = (
        'kind = "qa"\ntitle = "KV cache"\ntitle_zh = "KV 缓存"\ndifficulty = "easy"\ntopic = "inference"\n'
        'key_points = ["keys", "values", "per layer"]\nkey_points_zh = ["键", "值", "每层"]\n'
        'wrong_answers = ["it caches outputs"]\nwrong_answers_zh = ["它缓存输出"]\n'
    )
    files = {
        "problem.toml": toml,
        "question.md": "What is a KV cache?",
        "question.zh.md": "什么是 KV 缓存？",
        "answer.md": CARD_ANSWER,
        "answer.zh.md": "它保存之前各个词元的键和值，避免重复计算。",
    }
    for name, text in replace.items():
        files[name.replace("_", ".")] = text
    return {name: text for name, text in files.items() if text}


def test_cards_in_one_language(sandbox_pool):
    english = card(question_zh_md="", answer_zh_md="")
    english["problem.toml"] = (
        'kind = "qa"\ntitle = "KV cache"\ndifficulty = "easy"\ntopic = "inference"\n'
        'key_points = ["keys", "values", "per layer"]\nwrong_answers = ["it caches outputs"]\n'
    )
    spec = spec_from_files("kv-en", english)
    assert validate_spec(spec, sandbox_pool, bilingual=False) == []
    assert "question.zh.md is missing or empty" in validate_spec(spec, sandbox_pool)
    chinese = card(question_md="", answer_md="")
    chinese["problem.toml"] = (
        'kind = "qa"\ntitle = ""\ntitle_zh = "KV 缓存"\ndifficulty = "easy"\ntopic = "inference"\n'
        'key_points_zh = ["键", "值", "每层"]\nwrong_answers_zh = ["它缓存输出"]\n'
    )
    spec = spec_from_files("kv-zh", chinese)
    assert spec.key_point_count == 3
    assert validate_spec(spec, sandbox_pool, bilingual=False) == []
    # The Chinese card without its wrong answers is half a language.
    half = dict(chinese, **{"problem.toml": chinese["problem.toml"].replace('wrong_answers_zh = ["它缓存输出"]\n', "")})
    assert validate_spec(spec_from_files("kv-half", half), sandbox_pool, bilingual=False) == [
        "the Chinese version is incomplete (finish it or clear it): problem.toml: `wrong_answers_zh` is missing"
    ]
    assert validate_spec(spec_from_files("kv-both", card()), sandbox_pool) == []
