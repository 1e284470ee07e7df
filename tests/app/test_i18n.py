"""The interface in English and Chinese: the catalogs cover every template string, the templates leave no English
outside `_()`, the language each request gets, the language switch, and pages that render in Chinese."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from jinja2 import Environment
from starlette.requests import Request

from app.models import Track, User
from app.templating import LOCALE_DIR, interface_language, js_messages, translate
from tests.app.test_browser import CHROMIUM, browser, live, page  # noqa: F401
from tests.app.test_browser import register as register_in_browser
from tests.app.webapp import ADD_ONE, ADD_ONE_CORRECT, add_problem, csrf_of, make_user, register, wait_done

ROOT = Path(__file__).resolve().parents[2]
ZH_PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / "messages.po"
TEMPLATES = ROOT / "templates"
# Words that stay as they are in every language: the product's name, each language's own name, and the units and time
# zone written after numbers (ms, MB, UTC). Code, key names and slugs go in <code>/<kbd>, which the lint skips.
UNTRANSLATED = {"RankUp", "English", "中文", "ms", "MB", "UTC"}
IDENTIFIER = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)+")  # an example name in a placeholder: my_function, off-by-one
JINJA = Environment(extensions=["jinja2.ext.i18n"])
CARD = "lora-is-not-compression-demo"  # the sample Q&A card


def extracted(mapping: str, keywords: dict) -> dict[str | tuple, int]:
    """The msgids babel extracts from the tree with `mapping` (the config `make messages` uses), with a line each."""
    with (ROOT / mapping).open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords, directory_filter=lambda d: "node_modules" not in d
    ):
        found[message] = f"{filename}:{lineno}"
    return found


def test_every_interface_string_is_translated_into_chinese():
    with ZH_PO.open("rb") as file:
        catalog = read_po(file)
    found = extracted("babel.cfg", {"_": None, "gettext": None, "ngettext": (1, 2), "gettext_noop": None})
    assert len(found) > 100
    missing = []
    for msgid, where in found.items():
        entry = catalog.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        strings = entry.string if entry is not None else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or "fuzzy" in entry.flags or not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, "not translated in app/locale/zh (run `make messages`, translate, `make catalogs`):\n" + (
        "\n".join(missing)
    )


def test_every_script_string_is_in_the_js_catalog():
    with (LOCALE_DIR / "zh" / "LC_MESSAGES" / "js.po").open("rb") as file:
        catalog = read_po(file)
    found = extracted("babel-js.cfg", {"t": None})
    missing = [f"{where}: {msgid!r}" for msgid, where in found.items() if not (catalog.get(msgid) or [None]).string]
    assert not missing, "\n".join(missing)


def test_compiled_catalogs_are_current():
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        assert mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime, f"{mo} is stale: run `make catalogs`"


CODE_TAGS = ("code", "kbd", "script", "style", "pre")  # their text is code or a key's name, never translated


class TextLint(html.parser.HTMLParser):
    """Collect text and labelling attributes, outside code, that hold letters."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.in_code = 0
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in CODE_TAGS:
            self.in_code += 1
        for name, value in attrs:
            if name in self.ATTRIBUTES and value and not IDENTIFIER.fullmatch(value):
                self.check(f"{name}={value!r}", value)

    def handle_endtag(self, tag):
        if tag in CODE_TAGS:
            self.in_code -= 1

    def handle_data(self, data):
        if not self.in_code:
            self.check(repr(data.strip()), data)

    def check(self, label: str, text: str) -> None:
        words = re.findall(r"[^\W\d_]+", text)
        if [w for w in words if w not in UNTRANSLATED]:
            self.found.append(label)


def untranslated_text(source: str) -> list[str]:
    """Text a template shows outside its tags, expressions (where `_()` lives) and `{% trans %}` blocks."""
    shown, in_trans, tag = [], False, []
    for _lineno, kind, value in JINJA.lex(source):
        if kind == "block_begin":
            tag = []
        elif kind == "name" and not tag:
            tag.append(value)
            in_trans = {"trans": True, "endtrans": False}.get(value, in_trans)
        elif kind == "data" and not in_trans:
            shown.append(value)
    lint = TextLint()
    lint.feed("".join(shown))
    lint.close()
    return lint.found


def test_templates_show_no_text_outside_gettext():
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert len(templates) >= 27
    problems = {}
    for path in templates:
        found = untranslated_text(path.read_text())
        if found:
            problems[str(path.relative_to(TEMPLATES))] = found
    assert not problems, f"interface text outside _(): {problems}"


def test_the_lint_finds_text_outside_gettext():
    assert untranslated_text('<p>Hello {{ name }}</p><input placeholder="Search">') == [
        "'Hello'",
        "placeholder='Search'",
    ]
    assert (
        untranslated_text('<p>{{ _("Hello") }} <code>make</code> RankUp · 中文 {% trans %}Hi{% endtrans %}</p>') == []
    )
    assert untranslated_text('<button {% if x %}disabled title="Wait"{% endif %}>{{ _("Go") }}</button>') == [
        "title='Wait'"
    ]


def test_every_stored_value_has_a_chinese_label():
    """`_labels.html` names every difficulty, kind, topic, verdict, rating and status the app stores."""
    from app import grading, templating
    from app.models import AttemptStatus, Rating

    token = templating._language.set("zh")
    try:
        templates = templating.make_templates(ROOT / "templates")
        labels = templates.env.get_template("_labels.html").make_module()
        values = {
            labels.difficulty: grading.DIFFICULTIES,
            labels.kind: [str(k) for k in grading.Kind],
            labels.topic: grading.TOPICS,
            labels.verdict: [str(v) for v in grader_verdicts()],
            labels.rating: [str(r) for r in Rating],
            labels.attempt_status: [str(s) for s in AttemptStatus],
            labels.status: ["new", "attempted", "solved"],
        }
        untranslated = [
            (v, str(macro(v))) for macro, names in values.items() for v in names if not is_chinese(macro(v))
        ]
    finally:
        templating._language.reset(token)
    assert not untranslated, untranslated


def grader_verdicts():
    from grader import Verdict

    return list(Verdict)


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in str(text))


def request_with(query: str = "", cookie: str = "", accept: str = "") -> Request:
    headers = [(b"cookie", cookie.encode()), (b"accept-language", accept.encode())]
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": query.encode(), "headers": headers})


@pytest.mark.parametrize(
    ("query", "account", "cookie", "accept", "expected"),
    [
        ("", None, "", "", "en"),
        ("", None, "", "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        ("", None, "", "en-US,en;q=0.9,zh;q=0.8", "en"),
        ("", None, "", "fr-FR, zh-Hans;q=0.5, en;q=0.4", "zh"),  # the most preferred known language
        ("", None, "", "en;q=0.2, zh;q=0.7", "zh"),  # by q, not by order
        ("", None, "", "fr, de;q=0.5", "en"),
        ("", None, "", "zh;q=oops", "en"),
        ("", None, "lang=zh", "en", "zh"),  # the cookie beats the visitor
        ("", None, "lang=xx", "zh", "zh"),  # an unknown cookie value is ignored
        ("", "en", "lang=zh", "zh", "en"),  # the account beats the cookie
        ("", "zh", "", "", "zh"),
        ("lang=en", "zh", "lang=zh", "zh", "en"),  # ?lang= beats everything
        ("lang=zh", None, "", "", "zh"),
        ("lang=klingon", None, "", "", "en"),
    ],
)
def test_interface_language_resolution(query, account, cookie, accept, expected):
    user = User(username="u", password_hash="x", language=account)
    assert interface_language(request_with(query, cookie, accept), user) == expected


def switch(client: TestClient, lang: str, next: str = "/"):
    token = csrf_of(client.get("/").text)
    return client.post("/language", data={"lang": lang, "next": next, "csrf_token": token}, follow_redirects=False)


def test_switch_sets_a_cookie_for_a_visitor(env):
    visitor = TestClient(env.app)
    response = switch(visitor, "zh", next="/?kind=qa")
    assert response.status_code == 303 and response.headers["location"] == "/?kind=qa"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("lang=zh;") and "Max-Age=31536000" in cookie and "SameSite=lax" in cookie
    body = visitor.get("/").text
    assert '<html lang="zh-Hans">' in body and ">题目</a>" in body and ">登录</a>" in body
    back = switch(visitor, "en")
    assert back.status_code == 303
    assert '<html lang="en">' in visitor.get("/").text


def test_switch_stores_the_choice_in_the_account(env):
    visitor = TestClient(env.app)
    register(visitor, "mei")
    assert switch(visitor, "zh").status_code == 303
    with env.session() as session:
        assert session.query(User).filter_by(username="mei").one().language == "zh"
    # Another visitor, with no cookie and an English visitor, gets the account's language after logging in.
    other = TestClient(env.app)
    token = csrf_of(other.get("/login").text)
    other.post("/login", data={"username": "mei", "password": "password123", "csrf_token": token})
    other.cookies.delete("lang")
    body = other.get("/", headers={"Accept-Language": "en"}).text
    assert '<html lang="zh-Hans">' in body and ">退出登录</button>" in body and ">复习</a>" in body


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "/\t/evil.example", "javascript:x"]
)
def test_switch_refuses_open_redirects(env, target):
    response = switch(TestClient(env.app), "zh", next=target)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location.split("/")[1]


def test_switch_refuses_bad_input_and_needs_csrf(env):
    visitor = TestClient(env.app)
    bad = switch(visitor, "fr")
    assert bad.status_code == 422 and "Unknown language" in bad.text and "set-cookie" not in bad.headers
    visitor.get("/")
    forged = visitor.post("/language", data={"lang": "zh", "next": "/"}, follow_redirects=False)
    assert forged.status_code == 403 and "lang=zh" not in forged.headers.get("set-cookie", "")
    assert switch(visitor, "zh" * 100).status_code == 422


def test_switcher_form_returns_to_this_page_without_lang(env):
    body = env.client.get("/?kind=qa&lang=zh").text
    assert 'action="/language"' in body and 'name="next" value="/?kind=qa"' in body
    assert 'name="lang" value="en"' in body  # in Chinese, the switcher offers English


def test_pages_render_in_chinese(env):
    make_user(env, "teacher", instructor=True)
    with env.session() as session:
        teacher_id = session.query(User).filter_by(username="teacher").one().id
    add_problem(env.db_url, "doubled", ADD_ONE, author_id=teacher_id)
    visitor = TestClient(env.app, cookies={"lang": "zh"})
    token = csrf_of(visitor.get("/login").text)
    visitor.post("/login", data={"username": "teacher", "password": "password123", "csrf_token": token})
    expected = {
        "/": ["题目", "难度", "筛选", "简单"],
        "/progress": ["你的进度", "在所有设备上退出登录"],
        "/author": ["你的题目", "导入题目包"],
        "/author/new?kind=code": ["新编程题", "参考解"],
        "/author/doubled/attempts": ["的提交记录", "还没有提交记录"],
        "/author/doubled/edit": ["状态：", "校验"],
        "/docs": ["API 文档"],
        "/problems/add-one": ["题面语言"],
        "/no-such-page": ["返回题目列表", "未找到"],  # an error page, its message included
    }
    for path, texts in expected.items():
        body = visitor.get(path).text
        assert 'lang="zh-Hans"' in body, path
        for text in texts:
            assert text in body, (path, text)


# English interface strings that must not be left on a Chinese page (none of them is in the sample problems' text).
LEFTOVER_ENGLISH = (
    "Your attempts",
    "Run samples",
    "Reset to starter",
    "Samples",
    "Editorial",
    "tests passed",
    "Back to the editor",
    "Load into editor",
    "Reveal the model answer",
    "Due now",
    "Next 7 days",
    "Study tracks",
    "Follow this track",
    "Stop following",
    "Mock interview",
    "Time left",
    "Finish and see the report",
    "Topics to review",
    "Solved problems per topic",
    "key points",
    "Log out",
)


def interface_text(body: str) -> str:
    """The page without the script catalog (whose keys are English msgids) and the English statement (content)."""
    body = re.sub(r'<script type="application/json" id="i18n-messages">.*?</script>', "", body, flags=re.S)
    return re.sub(r'<(article|div|span) [^>]*data-lang="en"[^>]*hidden>.*?</\1>', "", body, flags=re.S)


def test_learning_loop_pages_render_in_chinese(env):
    with env.session() as session:
        session.add(Track(slug="warm-up", title="Warm-up", title_zh="热身", items=["add-one", CARD], source="bank"))
        session.commit()
    learner = TestClient(env.app, cookies={"lang": "zh"})
    headers = {"X-CSRF-Token": register(learner, "mei")}
    submitted = learner.post("/api/problems/add-one/submissions", json={"code": ADD_ONE_CORRECT}, headers=headers)
    attempt = wait_done(learner, submitted.json()["id"], headers)
    assert attempt["verdict"] == "accepted"
    token = csrf_of(learner.get("/tracks/warm-up").text)
    assert learner.post("/tracks/warm-up/follow", data={"csrf_token": token}).status_code == 200
    pages = {
        "/review": ["复习", "未来 7 天", "来自 热身 的新内容"],
        "/tracks": ["学习路线", "热身"],
        "/tracks/warm-up": ["热身", "取消关注", "✓ 已解决"],
        "/progress": ["各主题已解决的题目", "周一", "1 次提交", "训练"],
        "/mock": ["模拟面试", "开始模拟面试", "时长"],
        "/problems/add-one": ["样例", "题解", "运行样例", "你的提交", "通过", "载入编辑器"],
        f"/problems/{CARD}": ["1. 你的回答", "查看参考答案", "你答到的要点"],
        f"/submissions/{attempt['id']}": ["提交 #", "通过 ", "个测试", "返回编辑器", "代码"],
    }
    assert_chinese(learner, pages)
    started = learner.post("/api/mock", json={"minutes": 30, "track": "warm-up"}, headers=headers)
    assert started.status_code == 201, started.text
    mock_id = started.json()["id"]
    assert_chinese(
        learner,
        {
            "/mock": ["有一场模拟面试正在进行", "回到面试"],
            f"/mock/{mock_id}": ["模拟面试", "剩余时间", "结束并查看报告"],
            "/problems/add-one": ["模拟面试期间不可查看", "运行样例"],
            f"/problems/{CARD}": ["1. 你的回答"],
        },
    )
    assert learner.post(f"/api/mock/{mock_id}/finish", headers=headers).status_code == 200
    assert_chinese(learner, {f"/mock/{mock_id}": ["模拟面试报告", "需要复习的主题", "编程题, 训练"]})


def assert_chinese(client: TestClient, pages: dict[str, list[str]]) -> None:
    """Each page renders in Chinese: the Chinese nav, the given texts, and none of LEFTOVER_ENGLISH."""
    for path, texts in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        body = interface_text(response.text)
        assert '<html lang="zh-Hans">' in body and ">题目</a>" in body and ">学习路线</a>" in body, path
        for text in texts:
            assert text in body, (path, text)
        leftovers = [english for english in LEFTOVER_ENGLISH if re.search(rf"\b{re.escape(english)}\b", body)]
        assert not leftovers, (path, leftovers)


def test_statement_defaults_to_the_interface_language(env):
    zh = TestClient(env.app, cookies={"lang": "zh"}).get("/problems/add-one").text
    assert re.search(r'<article class="statement markdown" data-lang="zh" lang="zh" >', zh)
    assert re.search(r'<article class="statement markdown" data-lang="en" lang="en" hidden>', zh)
    en = TestClient(env.app).get("/problems/add-one?lang=en", cookies={"lang": "zh"}).text
    assert re.search(r'data-lang="zh" lang="zh" hidden>', en)


def test_page_carries_the_languages_js_messages(env):
    body = env.client.get("/", cookies={"lang": "zh"}).text
    block = re.search(r'<script type="application/json" id="i18n-messages">(.*?)</script>', body)
    assert block is not None and '<script src="/static/i18n.js"></script>' in body
    assert js_messages("en") == {}


def test_runtime_messages_are_escaped_and_translated_when_known():
    assert translate("<b>not markup</b>") == "<b>not markup</b>" and not hasattr(translate("x"), "__html__")


def test_error_message_is_escaped(env):
    # A refused form value comes back in the message; it must arrive as text.
    visitor = TestClient(env.app)
    response = switch(visitor, "<b>x</b>")
    assert response.status_code == 422 and "<b>x</b>" not in response.text and "&lt;b&gt;x" in response.text


needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium"
)


@needs_chromium
def test_switcher_works_without_javascript_in_chromium(browser, live):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="en-US")
    page = context.new_page()  # noqa: F811
    page.goto(f"{live.url}/?kind=qa")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("form.lang-switch button")
    page.wait_for_url(f"{live.url}/?kind=qa")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert "题目" in page.locator("header nav").inner_text() and "难度" in page.locator("form.filters").inner_text()
    page.click("form.lang-switch button")
    page.wait_for_url(f"{live.url}/?kind=qa")
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def script_error(message) -> bool:
    """A console error of the page's own, not Chromium's request for /favicon.ico (the app has none; whether that
    404 is logged before the test moves on depends on timing)."""
    return message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico")


@needs_chromium
def test_script_messages_come_from_the_page_catalog(page, live):  # noqa: F811
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if script_error(message) else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    register_in_browser(page, live)
    page.goto(f"{live.url}/problems/low-rank-approximation")
    # With no entry, t() gives the English msgid, its placeholders filled.
    assert page.evaluate("t('Due %(n)s of %(total)s', {n: 2, total: 5})") == "Due 2 of 5"
    page.goto(f"{live.url}/progress")
    page.evaluate("document.getElementById('i18n-messages').textContent = JSON.stringify({'Due %(n)s': '到期 %(n)s'})")
    assert page.evaluate("t('Due %(n)s', {n: 3})") == "到期 3"
    assert page.evaluate("t('Not in the catalog')") == "Not in the catalog"
    assert errors == [], errors


@needs_chromium
def test_a_chinese_interface_reveals_cards_in_chinese_in_chromium(page, live):  # noqa: F811
    """A stale saved choice (the old "rankup-lang" in localStorage) no longer beats the interface language: the
    statement, the revealed answer and the script's messages follow it; the toggle still switches this page."""
    register_in_browser(page, live)
    page.goto(f"{live.url}/progress")
    page.evaluate("localStorage.setItem('rankup-lang', 'en')")
    page.context.add_cookies([{"name": "lang", "value": "zh", "url": live.url}])
    page.goto(f"{live.url}/problems/qa-activation-checkpointing")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("article.statement[data-lang=zh]").is_visible()
    assert not page.locator("article.statement[data-lang=en]").is_visible()
    page.fill("#qa-answer", "重算激活，用计算换显存。")
    page.click("#qa-reveal")
    page.locator("#qa-revealed").wait_for()
    assert is_chinese(page.locator("#qa-model").inner_text()) and is_chinese(page.locator("#qa-points").inner_text())
    page.click("button.rate[data-rating=good]")
    page.locator("#qa-saved").wait_for()
    assert page.locator("#qa-saved").inner_text() == "已保存：自评为“良好”，答到 0 个要点。"
    assert "自评为“良好”" in page.locator("#history").inner_text()
    # The toggle shows the English statement on this page, and the address keeps the choice for a reload.
    page.click("[data-set-lang=en]")
    assert page.locator("article.statement[data-lang=en]").is_visible()
    assert page.url.endswith("?lang=en")
    page.reload()
    assert page.locator("article.statement[data-lang=en]").is_visible()
    page.click("[data-set-lang=zh]")
    assert page.locator("article.statement[data-lang=zh]").is_visible()
    assert page.locator("#problem").is_visible()  # the toggle never hides the page itself


def test_the_graders_own_messages_show_in_chinese(env):
    """A wrong answer's explanation on a Chinese page comes in Chinese; hidden tests keep their fixed messages."""
    learner = TestClient(env.app, cookies={"lang": "zh"})
    headers = {"X-CSRF-Token": register(learner, "learner")}
    wrong = "def add_one(x):\n    return x + 2\n"
    made = learner.post("/api/problems/add-one/submissions", json={"code": wrong}, headers=headers)
    assert made.status_code in (201, 202), made.text
    report = wait_done(learner, made.json()["id"], headers)["report"]
    first = report["tests"][0]
    assert first["verdict"] == "wrong_answer" and first["message"].startswith("wrong answer")
    assert first["message_zh"].startswith("答案错误")
    hidden = [t for t in report["tests"] if t["hidden"]]
    failed = [t for t in hidden if t["verdict"] != "accepted"]
    assert failed and all(t["message_zh"] == "答案错误（隐藏测试不显示细节）" for t in failed)
    shown = learner.get(f"/submissions/{made.json()['id']}").text
    assert first["message_zh"] in shown.replace("&#39;", "'") and first["message"] not in shown
