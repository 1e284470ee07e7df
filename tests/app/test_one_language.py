"""An instructor's problem in one language (issue 12): it validates with one complete language, and learners who
chose the other language see the one there is, with a one-line note (`templates/problems/_statement.html`)."""

from __future__ import annotations

from tests.app.test_author import CODE_FORM, login
from tests.app.webapp import bearer, make_user

ZH_FIELDS = (
    "title_zh",
    "statement.zh.md",
    "editorial.zh.md",
    "wrong_diagnosis_zh",
    "hints_zh_1",
    "hints_zh_2",
    "hints_zh_3",
)
EN_FIELDS = ("title", "statement.md", "editorial.md", "wrong_diagnosis", "hints_1", "hints_2", "hints_3")
ONLY_EN = "This problem is only available in English."
ONLY_ZH = "This problem is only available in Chinese."


def publish(teacher, token, form: dict) -> None:
    saved = teacher.post("/author/save", data={**form, "csrf_token": token}, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    slug = form["slug"]
    validated = teacher.post(f"/author/{slug}/validate", data={"csrf_token": token})
    assert 'id="validation-ok"' in validated.text, validated.text
    assert teacher.post(f"/author/{slug}/publish", data={"csrf_token": token}).status_code == 200


def test_english_only_and_chinese_only_problems_validate_and_show_a_note(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "learner")
    teacher, token = login(env, "teacher")
    assert 'id="languages-help"' in teacher.get("/author/new?kind=code").text
    publish(teacher, token, {**CODE_FORM, "slug": "double-en", **dict.fromkeys(ZH_FIELDS, "")})
    publish(teacher, token, {**CODE_FORM, "slug": "double-zh", **dict.fromkeys(EN_FIELDS, "")})
    learner, _ = login(env, "learner")
    english = learner.get("/problems/double-en?lang=en").text
    assert "<p>Return " in english and 'id="lang-note"' not in english
    in_chinese = learner.get("/problems/double-en?lang=zh").text
    assert 'id="lang-note"' in in_chinese and "<p>Return " in in_chinese and 'data-set-lang="zh"' not in in_chinese
    chinese = learner.get("/problems/double-zh?lang=en").text
    assert f'<p class="lang-note" id="lang-note">{ONLY_ZH}</p>' in chinese
    assert "<p>返回 " in chinese and '<span data-lang="zh" lang="zh" >乘以二</span>' in chinese
    assert '<article class="statement markdown" data-lang="zh" lang="zh" >' in chinese  # shown, not hidden
    assert 'id="lang-note"' not in learner.get("/problems/double-zh?lang=zh").text
    # The listing names it by its Chinese title, and its hints and editorial come in Chinese.
    assert ">乘以二</a>" in learner.get("/?q=double").text
    headers = bearer(env.client, "learner")
    hint = env.client.post("/api/problems/double-zh/hints/1?lang=en", headers=headers)
    assert hint.status_code == 200 and "缩放输入" in hint.text, hint.text
    editorial = env.client.post("/api/problems/double-zh/editorial", headers=headers)
    assert "乘以二。" in editorial.json()["html"]


def test_a_half_filled_language_fails_validation_with_a_clear_reason(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    form = {
        **CODE_FORM,
        "slug": "double-half",
        **dict.fromkeys(ZH_FIELDS, ""),
        "title_zh": "乘以二",
        "statement.zh.md": "返回 $2x$。",
    }
    assert teacher.post("/author/save", data={**form, "csrf_token": token}, follow_redirects=False).status_code == 303
    page = teacher.post("/author/double-half/validate", data={"csrf_token": token}).text
    assert "the Chinese version is incomplete (finish it or clear it): editorial.zh.md is missing or empty" in page
    empty = {**CODE_FORM, "slug": "double-none", **dict.fromkeys(ZH_FIELDS + EN_FIELDS, "")}
    saved = teacher.post("/author/save", data={**empty, "csrf_token": token})
    assert saved.status_code == 422 and "statement.md is missing or empty" in saved.text


def test_a_chinese_only_card_is_revealed_and_rated_in_english(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "learner")
    teacher, token = login(env, "teacher")
    card = {
        "kind": "qa",
        "create": "1",
        "slug": "kv-zh",
        "title_zh": "什么是 KV 缓存？",
        "difficulty": "easy",
        "topic": "transformers",
        "question.zh.md": "它是什么？",
        "answer.zh.md": "它保存之前词元的键和值。",
        "key_points_zh": "存 K 和 V\n每层\n省重算",
        "wrong_answers_zh": "它缓存输出",
    }
    publish(teacher, token, card)
    learner, _ = login(env, "learner")
    page = learner.get("/problems/kv-zh?lang=en").text
    assert ONLY_ZH in page and "它是什么？" in page
    headers = bearer(env.client, "learner")
    revealed = env.client.post("/api/problems/kv-zh/reveal?lang=en", headers=headers)
    assert revealed.status_code == 200 and "它保存之前词元的键和值。" in revealed.json()["answer"], revealed.text
    assert revealed.json()["key_points"] == ["存 K 和 V", "每层", "省重算"]
    rated = env.client.post(
        "/api/problems/kv-zh/qa-attempts",
        headers=headers,
        json={"answer": "键和值", "key_points_hit": [0, 2], "rating": "good"},
    )
    assert rated.status_code == 201, rated.text
