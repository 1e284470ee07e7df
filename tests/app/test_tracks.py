"""Study tracks: the bank's import, the pages and API with a learner's progress, following, instructors' tracks
(create, edit, who may), and track packages (export, import into a fresh database, bad zips refused)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from app.bank import import_bank
from app.config import Settings
from app.main import create_app
from app.models import Problem, ProblemSource, Track, User
from tests.app.conftest import add_sample_problems
from tests.app.webapp import ADD_ONE, ADD_ONE_WRONG, QA_CARD, SECRET, add_problem, csrf_of, make_user, wait_done

PROBLEMS = Path(__file__).resolve().parents[2] / "problems"
DOUBLE_IT = {
    **ADD_ONE,
    "problem.toml": ADD_ONE["problem.toml"].replace('"Add one"', '"Double it"').replace('"add_one"', '"double"'),
    "starter.py": "import numpy as np\n\n\ndef double(x):\n    raise NotImplementedError\n",
    "reference.py": "import numpy as np\n\n\ndef double(x):\n    return np.asarray(x) * 2.0\n",
    "wrong/zeros.py": "import numpy as np\n\n\ndef double(x):\n    return np.zeros_like(x)\n",
}
TRACK_FORM = {
    "create": "1",
    "slug": "warm-up",
    "title": "Warm-up",
    "title_zh": "热身",
    "description": "Two easy items.",
    "description_zh": "两道简单题。",
    "items": "add-one\nlora-is-not-compression-demo\n",
}


def login(app, username: str) -> tuple[TestClient, str]:
    client = TestClient(app)
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login", data={"username": username, "password": "password123", "csrf_token": token}, follow_redirects=False
    )
    assert response.status_code == 303
    return client, csrf_of(client.get("/").text)


def user_id(env, username: str) -> int:
    with env.session() as session:
        return session.scalar(select(User.id).where(User.username == username))


def add_track(env, slug: str, items: list[str], **fields) -> None:
    with env.session() as session:
        session.add(Track(slug=slug, title=fields.pop("title", slug.title()), items=items, **fields))
        session.commit()


def zip_of(files: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def post_zip(client: TestClient, token: str, data: bytes):
    return client.post(
        "/author/tracks/import",
        data={"csrf_token": token},
        files={"package": ("track.zip", data, "application/zip")},
        follow_redirects=False,
    )


# The bank's tracks.


def write_bank(root: Path, track_text: str) -> None:
    for slug, files in (("add-one", ADD_ONE), ("lora-is-not-compression-demo", QA_CARD)):
        for name, text in files.items():
            (root / slug / name).parent.mkdir(parents=True, exist_ok=True)
            (root / slug / name).write_text(text)
    (root / "tracks").mkdir(exist_ok=True)
    (root / "tracks" / "warm-up.toml").write_text(track_text)


BANK_TRACK = """title = "Warm-up"
title_zh = "热身"
description = "Two items."
description_zh = "两道题。"
items = ["add-one", "lora-is-not-compression-demo"]
"""


def test_bank_import_upserts_tracks_and_is_idempotent(env, tmp_path):
    write_bank(tmp_path, BANK_TRACK)
    with env.session() as session:
        first = import_bank(session=session, problems_dir=tmp_path)
        session.commit()
        assert first.tracks.created == ["warm-up"]
        again = import_bank(session=session, problems_dir=tmp_path)
        session.commit()
        assert again.tracks.unchanged == ["warm-up"] and not again.tracks.created
        assert session.scalar(select(Track).where(Track.slug == "warm-up")).source == ProblemSource.BANK
    write_bank(tmp_path, BANK_TRACK.replace('"add-one", ', ""))
    with env.session() as session:
        changed = import_bank(session=session, problems_dir=tmp_path)
        session.commit()
        assert changed.tracks.updated == ["warm-up"]
        assert session.scalar(select(Track.items).where(Track.slug == "warm-up")) == ["lora-is-not-compression-demo"]
        assert len(session.scalars(select(Track)).all()) == 1


def test_bank_import_leaves_an_instructors_track_alone(env, tmp_path):
    make_user(env, "teacher", instructor=True)
    add_track(env, "warm-up", ["add-one"], title="Mine", author_id=user_id(env, "teacher"))
    write_bank(tmp_path, BANK_TRACK)
    with env.session() as session:
        summary = import_bank(session=session, problems_dir=tmp_path)
        session.commit()
        assert "an instructor's track" in summary.tracks.skipped[0]
        assert session.scalar(select(Track.title).where(Track.slug == "warm-up")) == "Mine"


def test_the_real_bank_imports_its_tracks(env):
    with env.session() as session:
        summary = import_bank(session=session, problems_dir=PROBLEMS)
        session.commit()
    assert {"lora-and-peft", "ngrams-to-transformers", "post-training"} <= set(summary.tracks.created)
    assert not [line for line in summary.tracks.skipped if line.startswith("track")]
    body = env.client.get("/api/tracks/ngrams-to-transformers").json()
    assert body["total"] == len(body["items"]) >= 8
    assert body["items"][0]["slug"] == "qa-language-model-core-algorithm"


# Pages and API.


def test_pages_and_api_show_progress_and_hide_unpublished_items(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "alice")
    add_problem(env.db_url, "secret-draft", ADD_ONE, published=False, author_id=user_id(env, "teacher"))
    add_track(
        env, "warm-up", ["add-one", "secret-draft", "lora-is-not-compression-demo"], title="Warm-up", title_zh="热身"
    )
    anonymous = env.client.get("/tracks")
    assert anonymous.status_code == 200 and "Warm-up" in anonymous.text and "of 2 done" not in anonymous.text
    alice, token = login(env.app, "alice")
    assert "0 of 2 done" in alice.get("/tracks").text
    page = alice.get("/tracks/warm-up").text
    assert "secret-draft" not in page and "/problems/add-one" in page and 'value="0" max="2"' in page

    wrong = alice.post(
        "/api/problems/add-one/submissions", json={"code": ADD_ONE_WRONG}, headers={"X-CSRF-Token": token}
    )
    wait_done(alice, wrong.json()["id"])
    card = alice.post(
        "/api/problems/lora-is-not-compression-demo/qa-attempts",
        json={"answer": "No", "rating": "good"},
        headers={"X-CSRF-Token": token},
    )
    assert card.status_code == 201, card.text
    detail = alice.get("/api/tracks/warm-up").json()
    assert [(i["slug"], i["status"], i["kind"]) for i in detail["items"]] == [
        ("add-one", "attempted", "code"),
        ("lora-is-not-compression-demo", "solved", "qa"),
    ]
    assert (detail["done"], detail["total"], detail["following"]) == (1, 2, False)
    assert "1 of 2 done" in alice.get("/tracks").text
    assert [t["slug"] for t in alice.get("/api/tracks").json()] == ["warm-up"]
    assert "<h1>热身" in alice.get("/tracks/warm-up?lang=zh").text

    teacher, _ = login(env.app, "teacher")  # the draft's author sees it in the track
    assert [i["slug"] for i in teacher.get("/api/tracks/warm-up").json()["items"]][1] == "secret-draft"


def test_unknown_tracks_are_404(env):
    assert env.client.get("/tracks/no-such-track").status_code == 404
    assert env.client.get("/api/tracks/no-such-track").json() == {"detail": "No track named 'no-such-track'."}
    assert env.client.get("/api/tracks/" + "x" * 65).status_code == 422


def test_follow_and_stop_following(env):
    make_user(env, "alice")
    add_track(env, "track-a", ["add-one"])
    add_track(env, "track-b", ["add-one"])
    alice, token = login(env.app, "alice")
    assert alice.post("/tracks/track-a/follow", follow_redirects=False).status_code == 403  # no CSRF token
    followed = alice.post("/tracks/track-a/follow", data={"csrf_token": token}, follow_redirects=False)
    assert followed.status_code == 303
    assert "Stop following" in alice.get("/tracks/track-a").text
    alice.post("/tracks/track-b/follow", data={"csrf_token": token})  # replaces track-a
    following = {t["slug"]: t["following"] for t in alice.get("/api/tracks").json()}
    assert following == {"track-a": False, "track-b": True}
    alice.post("/tracks/track-a/unfollow", data={"csrf_token": token})  # not the followed one: nothing changes
    assert alice.get("/api/tracks/track-b").json()["following"] is True
    alice.post("/tracks/track-b/unfollow", data={"csrf_token": token})
    assert not any(t["following"] for t in alice.get("/api/tracks").json())
    assert alice.post("/tracks/nope-nope/follow", data={"csrf_token": token}).status_code == 404

    headers = {"X-CSRF-Token": token}
    assert alice.put("/api/tracks/following", json={"slug": "track-a"}, headers=headers).json() == {"slug": "track-a"}
    with env.session() as session:
        assert session.get(User, user_id(env, "alice")).track_id is not None
    assert alice.put("/api/tracks/following", json={"slug": None}, headers=headers).json() == {"slug": None}
    with env.session() as session:
        assert session.get(User, user_id(env, "alice")).track_id is None
    assert alice.put("/api/tracks/following", json={"slug": "nope-nope"}, headers=headers).status_code == 404
    for bad in ({}, {"slug": 5}, {"slug": "track-a", "extra": 1}, {"slug": "x" * 65}, [1]):
        assert alice.put("/api/tracks/following", json=bad, headers=headers).status_code == 422, bad
    assert alice.put("/api/tracks/following", json={"slug": "track-a"}).status_code == 403  # cookie without CSRF
    assert env.client.put("/api/tracks/following", json={"slug": "track-a"}).status_code == 401
    assert env.client.post("/tracks/track-a/follow", follow_redirects=False).status_code in (303, 403)


# Instructors.


def test_instructor_creates_and_edits_a_track(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    add_problem(env.db_url, "my-draft", ADD_ONE, published=False, author_id=user_id(env, "teacher"))
    add_problem(env.db_url, "their-draft", ADD_ONE, published=False, author_id=user_id(env, "other"))
    teacher, token = login(env.app, "teacher")
    assert teacher.get("/author/tracks/new").status_code == 200
    created = teacher.post(
        "/author/tracks/save", data={**TRACK_FORM, "items": "add-one\nmy-draft\n", "csrf_token": token}
    )
    assert created.status_code == 200 and "Saved." in created.text
    assert teacher.get("/api/tracks/warm-up").json()["total"] == 2
    assert "warm-up" in teacher.get("/author/tracks").text

    unseeable = teacher.post(
        "/author/tracks/save",
        data={**TRACK_FORM, "slug": "second", "items": "add-one\ntheir-draft\nno-such-x", "csrf_token": token},
    )
    assert unseeable.status_code == 422
    assert "their-draft" in unseeable.text and "no-such-x" in unseeable.text and 'value="second"' in unseeable.text
    twice = teacher.post(
        "/author/tracks/save", data={**TRACK_FORM, "slug": "third", "items": "add-one\nadd-one", "csrf_token": token}
    )
    assert twice.status_code == 422 and "listed twice" in twice.text
    taken = teacher.post("/author/tracks/save", data={**TRACK_FORM, "csrf_token": token})
    assert taken.status_code == 409 and "taken" in taken.text
    with env.session() as session:
        assert session.scalars(select(Track.slug)).all() == ["warm-up"]

    edit = teacher.get("/author/tracks/warm-up/edit")
    assert edit.status_code == 200 and "my-draft" in edit.text
    saved = teacher.post(
        "/author/tracks/save",
        data={
            **TRACK_FORM,
            "create": "",
            "title": "Warm-up 2",
            "items": "lora-is-not-compression-demo",
            "csrf_token": token,
        },
    )
    assert saved.status_code == 200
    body = teacher.get("/api/tracks/warm-up").json()
    assert (body["title"], [i["slug"] for i in body["items"]]) == ("Warm-up 2", ["lora-is-not-compression-demo"])


def test_only_the_author_edits_a_track(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    make_user(env, "alice")
    add_track(env, "warm-up", ["add-one"], author_id=user_id(env, "teacher"))
    add_track(env, "built-in", ["add-one"], source=ProblemSource.BANK)
    other, token = login(env.app, "other")
    assert other.get("/author/tracks/warm-up/edit").status_code == 404
    hijack = other.post("/author/tracks/save", data={**TRACK_FORM, "create": "", "csrf_token": token})
    assert hijack.status_code == 404
    assert other.get("/author/tracks/warm-up/export").status_code == 404
    assert other.get("/author/tracks/built-in/edit").status_code == 403
    bank_edit = other.post(
        "/author/tracks/save", data={**TRACK_FORM, "slug": "built-in", "create": "", "csrf_token": token}
    )
    assert bank_edit.status_code == 403
    assert other.get("/author/tracks/built-in/export").status_code == 200
    alice, alice_token = login(env.app, "alice")
    assert alice.get("/author/tracks").status_code == 403
    assert alice.post("/author/tracks/save", data={**TRACK_FORM, "csrf_token": alice_token}).status_code == 403
    assert post_zip(alice, alice_token, b"PK").status_code == 403
    with env.session() as session:
        assert session.scalar(select(Track.title).where(Track.slug == "warm-up")) == "Warm-Up"


# Packages.


@pytest.fixture
def fresh_app(template_db, tmp_path):
    """A second, fresh database (the sample bank problems only) and its app."""
    path = tmp_path / "fresh.db"
    shutil.copy(template_db, path)
    add_sample_problems(f"sqlite:///{path}")
    settings = Settings(
        database_url=f"sqlite:///{path}", secret_key=SECRET, warm_sandbox=False, secret_key_file=tmp_path / "secret2"
    )
    app = create_app(settings)
    with TestClient(app):
        yield app


def test_export_and_import_into_a_fresh_database(env, fresh_app):
    make_user(env, "teacher", instructor=True)
    add_problem(env.db_url, "double-it", DOUBLE_IT, published=True, author_id=user_id(env, "teacher"))
    teacher, token = login(env.app, "teacher")
    teacher.post("/author/tracks/save", data={**TRACK_FORM, "items": "double-it\nadd-one\n", "csrf_token": token})
    exported = teacher.get("/author/tracks/warm-up/export")
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/zip"
    names = sorted(zipfile.ZipFile(io.BytesIO(exported.content)).namelist())
    assert names == sorted(["tracks/warm-up.toml"] + [f"double-it/{n}" for n in DOUBLE_IT])  # not the bank's add-one

    from app.auth import create_user

    with fresh_app.state.sessionmaker() as session:
        create_user(session=session, username="newteacher", password="password123", is_instructor=True)
        session.commit()
    newteacher, new_token = login(fresh_app, "newteacher")
    imported = post_zip(newteacher, new_token, exported.content)
    assert imported.status_code == 303 and imported.headers["location"] == "/author/tracks/warm-up/edit?imported=1"
    with fresh_app.state.sessionmaker() as session:
        track = session.scalar(select(Track).where(Track.slug == "warm-up"))
        assert (track.title, track.title_zh, track.description_zh, track.items) == (
            "Warm-up",
            "热身",
            "两道简单题。",
            ["double-it", "add-one"],
        )
        problem = session.scalar(select(Problem).where(Problem.slug == "double-it"))
        assert problem.files == DOUBLE_IT and problem.is_published is False and problem.author_id == track.author_id
    again = post_zip(newteacher, new_token, exported.content)
    assert again.status_code == 409 and "taken" in again.text


def test_bad_track_zips_are_refused_and_nothing_is_stored(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    add_track(env, "taken-track", ["add-one"], author_id=user_id(env, "other"))
    teacher, token = login(env.app, "teacher")
    track = BANK_TRACK.replace('"add-one"', '"double-it"')
    problem = {f"double-it/{name}": text for name, text in DOUBLE_IT.items()}
    cases = {
        "not a zip": (b"not a zip at all", 400, "not a zip"),
        "no track": (zip_of(problem), 400, "tracks/SLUG.toml"),
        "two tracks": (zip_of({**problem, "tracks/a-a.toml": track, "tracks/b-b.toml": track}), 400, "exactly one"),
        "missing item": (zip_of({"tracks/warm-up.toml": track}), 422, "double-it"),
        "missing item, problem rolled back": (
            zip_of({**problem, "tracks/warm-up.toml": track.replace('"double-it"', '"double-it", "no-such-one"')}),
            422,
            "no-such-one",
        ),
        "traversal": (
            zip_of({**problem, "tracks/warm-up.toml": track, "double-it/../../evil.py": "x"}),
            400,
            "evil.py",
        ),
        "absolute": (zip_of({**problem, "tracks/warm-up.toml": track, "/etc/evil.toml": "x"}), 400, "evil"),
        "huge file": (
            zip_of({**problem, "tracks/warm-up.toml": track, "double-it/statement.md": "a" * 300_000}),
            400,
            "too large",
        ),
        "unlisted problem": (zip_of({**problem, "tracks/warm-up.toml": BANK_TRACK}), 400, "does not list: double-it"),
        "huge zip": (b"PK" + bytes(3 * 1024 * 1024), 400, "larger than"),
        "broken track": (zip_of({**problem, "tracks/warm-up.toml": "items = ["}), 400, "broken"),
        "broken problem": (
            zip_of({**problem, "tracks/warm-up.toml": track, "double-it/problem.toml": "kind = 1"}),
            400,
            "double-it",
        ),
        "bank problem": (
            zip_of({"add-one/" + n: t for n, t in ADD_ONE.items()} | {"tracks/warm-up.toml": BANK_TRACK}),
            409,
            "taken",
        ),
        "slug taken": (zip_of({**problem, "tracks/taken-track.toml": track}), 409, "taken"),
    }
    for name, (data, status, message) in cases.items():
        response = post_zip(teacher, token, data)
        assert response.status_code == status and message in response.text, (
            name,
            response.status_code,
            response.text[:300],
        )
    with env.session() as session:
        assert session.scalars(select(Track.slug)).all() == ["taken-track"]
        assert session.scalar(select(Problem).where(Problem.slug == "double-it")) is None
