"""Forking a problem into an instructor's copy, and importing a zip whose slug is taken (`app.bank`), through the
pages and the API."""

from __future__ import annotations

import base64
import io
import re
import zipfile

from sqlalchemy import select

from app.models import Problem, ProblemSource, User
from tests.app.test_author import login
from tests.app.webapp import ADD_ONE, add_problem, bearer, make_user


def package(slug: str, files: dict[str, str]) -> bytes:
    """A zip of the files under `<slug>/`, the same bytes on every call (a fixed time stamp: the clock's would
    change the bytes when two calls straddle a second)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(f"{slug}/{name}", date_time=(2026, 1, 1, 0, 0, 0)), text)
    return buffer.getvalue()


def user_id(env, username: str) -> int:
    with env.session() as session:
        return session.scalar(select(User.id).where(User.username == username))


def problem_row(env, slug: str) -> Problem | None:
    with env.session() as session:
        return session.scalar(select(Problem).where(Problem.slug == slug))


def test_fork_a_bank_problem_from_its_page(env):
    make_user(env, "teacher", instructor=True)
    teacher, token = login(env, "teacher")
    assert 'id="fork"' in teacher.get("/problems/add-one").text
    forked = teacher.post("/author/fork/add-one", data={"csrf_token": token}, follow_redirects=False)
    assert forked.status_code == 303 and forked.headers["location"] == "/author/add-one-fork/edit?forked=1"
    assert 'id="forked"' in teacher.get(forked.headers["location"]).text
    original, copy = problem_row(env, "add-one"), problem_row(env, "add-one-fork")
    assert copy.files == original.files and copy.title == original.title
    assert copy.author_id == user_id(env, "teacher") and copy.source == ProblemSource.AUTHORED
    assert not copy.is_published and copy.forked_from_id == original.id
    # Again: the next free slug; the original is untouched.
    again = teacher.post("/author/fork/add-one", data={"csrf_token": token}, follow_redirects=False)
    assert again.headers["location"] == "/author/add-one-fork-2/edit?forked=1"
    assert problem_row(env, "add-one").source == ProblemSource.BANK
    # A learner sees no fork button and cannot fork.
    make_user(env, "learner")
    learner, learner_token = login(env, "learner")
    assert 'id="fork"' not in learner.get("/problems/add-one").text
    assert learner.post("/author/fork/add-one", data={"csrf_token": learner_token}).status_code == 403


def test_fork_api_own_and_others_problems(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    add_problem(env.db_url, "others-one", ADD_ONE, author_id=user_id(env, "other"))
    add_problem(env.db_url, "mine-one", ADD_ONE, author_id=user_id(env, "teacher"), published=False)
    headers = bearer(env.client, "teacher")
    named = env.client.post("/api/author/problems/add-one/fork", json={"slug": "my-add-one"}, headers=headers)
    assert named.status_code == 201 and named.json() == {"slug": "my-add-one"}
    default = env.client.post("/api/author/problems/add-one/fork", headers=headers)
    assert default.status_code == 201 and default.json() == {"slug": "add-one-fork"}
    own = env.client.post("/api/author/problems/mine-one/fork", json={}, headers=headers)
    assert own.status_code == 201 and own.json() == {"slug": "mine-one-fork"}
    assert problem_row(env, "mine-one-fork").forked_from_id == problem_row(env, "mine-one").id
    # Another instructor's problem does not exist for you; bad and taken slugs are clear 4xx.
    others = env.client.post("/api/author/problems/others-one/fork", headers=headers)
    assert others.status_code == 404 and problem_row(env, "others-one-fork") is None
    bad = env.client.post("/api/author/problems/add-one/fork", json={"slug": "Not A Slug"}, headers=headers)
    assert bad.status_code == 422 and "slug" in bad.json()["detail"]
    taken = env.client.post("/api/author/problems/add-one/fork", json={"slug": "others-one"}, headers=headers)
    assert taken.status_code == 409 and "taken" in taken.json()["detail"]
    learner = env.client.post("/api/author/problems/add-one/fork", headers={})
    assert learner.status_code == 401


def conflict_page(teacher, token, slug: str, files=ADD_ONE):
    return teacher.post(
        "/author/import",
        data={"csrf_token": token},
        files={"package": (f"{slug}.zip", package(slug, files), "application/zip")},
    )


def hidden_zip(html: str) -> str:
    match = re.search(r'name="package_base64" value="([^"]+)"', html)
    assert match, html
    return match.group(1)


def test_import_a_taken_own_slug_as_a_new_slug_or_as_a_replacement(env):
    make_user(env, "teacher", instructor=True)
    add_problem(env.db_url, "plus-one", ADD_ONE, author_id=user_id(env, "teacher"), published=False)
    teacher, token = login(env, "teacher")
    changed = dict(ADD_ONE, **{"editorial.md": "A NEW EDITORIAL.\n"})
    page = conflict_page(teacher, token, "plus-one", changed)
    assert page.status_code == 409 and 'id="import-conflict"' in page.text
    assert 'id="import-replace"' in page.text and 'value="plus-one-2"' in page.text
    zipped = hidden_zip(page.text)
    assert base64.b64decode(zipped) == package("plus-one", changed)  # the zip survives the round trip
    # Import as a new slug: the suggested one (the instructor could type another).
    new = teacher.post(
        "/author/import",
        data={"csrf_token": token, "package_base64": zipped, "choice": "new", "slug": "plus-one-2"},
        follow_redirects=False,
    )
    assert new.status_code == 303 and new.headers["location"] == "/author/plus-one-2/edit?imported=1"
    assert problem_row(env, "plus-one-2").files["editorial.md"] == "A NEW EDITORIAL.\n"
    assert problem_row(env, "plus-one").files == ADD_ONE
    # Replace: the existing problem gets the package's files.
    replaced = teacher.post(
        "/author/import",
        data={"csrf_token": token, "package_base64": zipped, "choice": "replace", "slug": "plus-one"},
        follow_redirects=False,
    )
    assert replaced.status_code == 303 and replaced.headers["location"] == "/author/plus-one/edit?imported=1"
    stored = problem_row(env, "plus-one")
    assert (stored.draft_files or stored.files)["editorial.md"] == "A NEW EDITORIAL.\n"
    # A new slug that is itself taken comes back to the conflict page, not an error.
    again = teacher.post(
        "/author/import",
        data={"csrf_token": token, "package_base64": zipped, "choice": "new", "slug": "plus-one-2"},
    )
    assert again.status_code == 409 and 'value="plus-one-3"' in again.text
    garbage = teacher.post("/author/import", data={"csrf_token": token, "package_base64": "!!not base64!!"})
    assert garbage.status_code == 400


def test_import_conflicts_with_bank_and_others_problems_offer_no_replace(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    secret = dict(ADD_ONE, **{"editorial.md": "OTHERS-SECRET-EDITORIAL\n"})
    add_problem(env.db_url, "theirs", secret, author_id=user_id(env, "other"), published=False)
    teacher, token = login(env, "teacher")
    for slug in ("add-one", "theirs"):
        page = conflict_page(teacher, token, slug)
        assert page.status_code == 409 and 'id="import-conflict"' in page.text
        assert 'id="import-replace"' not in page.text and f'value="{slug}-2"' in page.text
        assert "OTHERS-SECRET-EDITORIAL" not in page.text
        # A forged "replace" is refused and changes nothing.
        forged = teacher.post(
            "/author/import",
            data={"csrf_token": token, "package_base64": hidden_zip(page.text), "choice": "replace", "slug": slug},
        )
        assert forged.status_code == 404
    assert problem_row(env, "theirs").files == secret
    assert problem_row(env, "add-one").source == ProblemSource.BANK


def test_import_api_conflict_new_slug_and_replace(env):
    make_user(env, "teacher", instructor=True)
    make_user(env, "other", instructor=True)
    add_problem(env.db_url, "theirs", ADD_ONE, author_id=user_id(env, "other"), published=False)
    headers = bearer(env.client, "teacher")

    def post(slug_in_zip: str, files=ADD_ONE, **form):
        return env.client.post(
            "/api/author/import",
            data=form,
            files={"package": ("p.zip", package(slug_in_zip, files), "application/zip")},
            headers=headers,
        )

    created = post("plus-one")
    assert created.status_code == 201 and created.json() == {"slug": "plus-one", "replaced": False}
    taken = post("plus-one")
    body = taken.json()
    assert taken.status_code == 409 and body["suggested_slug"] == "plus-one-2" and body["can_replace"] is True
    assert body["error"] and body["detail"]
    changed = dict(ADD_ONE, **{"editorial.md": "REPLACED\n"})
    replaced = post("plus-one", changed, replace="true")
    assert replaced.status_code == 201 and replaced.json() == {"slug": "plus-one", "replaced": True}
    stored = problem_row(env, "plus-one")
    assert (stored.draft_files or stored.files)["editorial.md"] == "REPLACED\n"
    renamed = post("plus-one", slug="plus-two")
    assert renamed.status_code == 201 and renamed.json() == {"slug": "plus-two", "replaced": False}
    bank = post("add-one")
    assert bank.status_code == 409 and bank.json()["can_replace"] is False
    theirs = post("theirs")
    assert theirs.status_code == 409 and theirs.json()["can_replace"] is False
    assert post("theirs", replace="true").status_code == 404
    assert post("add-one", replace="true").status_code == 404
    assert post("plus-one", slug="Bad Slug").status_code == 422
    not_zip = env.client.post(
        "/api/author/import", files={"package": ("p.zip", b"nope", "application/zip")}, headers=headers
    )
    assert not_zip.status_code == 400
