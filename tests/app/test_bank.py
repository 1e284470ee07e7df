"""The built-in bank in the database: import, re-import in place, attempts and authored problems kept."""

from __future__ import annotations

from sqlalchemy import func, select

from app.bank import import_bank
from app.models import Attempt, Problem, ProblemSource
from tests.app.webapp import ADD_ONE, add_problem, make_user


def test_reimport_updates_in_place_and_keeps_attempts(env, monkeypatch):
    import app.bank

    bank = [("bank-one", dict(ADD_ONE), []), ("broken-one", None, ["statement.md is missing or empty"])]
    monkeypatch.setattr(app.bank, "bank_problems", lambda _problems_dir: bank)
    make_user(env, "teacher", instructor=True)
    with env.session() as session:
        teacher_id = session.scalar(select(func.max(Problem.author_id))) or 1
    add_problem(env.db_url, "authored-one", ADD_ONE, author_id=teacher_id)
    with env.session() as session:
        summary = import_bank(session=session)
        session.commit()
        assert summary.created == ["bank-one"] and len(summary.skipped) == 1
        problem = session.scalar(select(Problem).where(Problem.slug == "bank-one"))
        session.add(Attempt(user_id=1, problem_id=problem.id, mode="submit", code="x", status="done"))
        session.commit()
        first_id = problem.id
    bank[0] = ("bank-one", {**ADD_ONE, "statement.md": "Updated statement."}, [])
    bank.append(("authored-one", dict(ADD_ONE), []))
    with env.session() as session:
        summary = import_bank(session=session)
        session.commit()
        assert summary.updated == ["bank-one"] and "authored-one" in summary.skipped[-1]
        problem = session.scalar(select(Problem).where(Problem.slug == "bank-one"))
        assert problem.id == first_id and problem.files["statement.md"] == "Updated statement."
        assert session.scalar(select(func.count()).select_from(Attempt).where(Attempt.problem_id == first_id)) == 1
        assert session.scalar(select(func.count()).select_from(Problem).where(Problem.slug == "bank-one")) == 1
        authored = session.scalar(select(Problem).where(Problem.slug == "authored-one"))
        assert authored.source == ProblemSource.AUTHORED
    with env.session() as session:
        assert import_bank(session=session).unchanged == ["bank-one"]


def test_real_bank_imports(env):
    with env.session() as session:
        summary = import_bank(session=session)
        session.commit()
    assert "low-rank-approximation" in summary.created
    detail = env.client.get("/api/problems/low-rank-approximation").json()
    assert detail["samples"] and detail["starter"]
    with env.session() as session:
        secrets = {
            p.slug: [p.files.get(n, "") for n in ("reference.py", "answer.md")]
            for p in session.scalars(select(Problem))
        }
    for row in env.client.get("/api/problems").json():  # every real problem and card renders, without secrets
        page = env.client.get(f"/problems/{row['slug']}").text + env.client.get(f"/api/problems/{row['slug']}").text
        assert "<title>" in page, row["slug"]
        for secret in secrets[row["slug"]]:
            assert not secret.strip() or secret.strip() not in page, row["slug"]
