"""ORM models: users and their sessions, problems (stored as their files) and their published versions,
attempts and their regrades, drafts, editorial unlocks, hint opens, review state and log, study tracks, timed
mock sessions, and courses with their members and assignments."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ProblemSource(StrEnum):
    BANK = "bank"
    AUTHORED = "authored"


class AttemptStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"


class AttemptMode(StrEnum):
    SUBMIT = "submit"
    RUN = "run"
    QA = "qa"


class Rating(StrEnum):
    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


class User(Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    is_instructor: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The share of reviews the learner wants to recall (FSRS's desired retention).
    target_retention: Mapped[float] = mapped_column(Float, default=0.9, server_default="0.9")
    # The interface language the learner chose ("en" or "zh"); None follows the browser.
    language: Mapped[str | None] = mapped_column(String(8))
    # The study track the learner follows: it feeds new items into /review, at most `daily_new_limit` a day.
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("track.id", ondelete="SET NULL", use_alter=True)  # user <-> track refer to each other
    )
    daily_new_limit: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # A site admin manages every course (`rankup users create NAME --admin`).
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


# `alice` and `ALICE` are one name: lookups compare lower(username), and this index keeps it unique.
Index("uq_user_username_lower", func.lower(User.username), unique=True)


class SessionKind(StrEnum):
    COOKIE = "cookie"
    TOKEN = "token"


class UserSession(Base):
    """One login: a browser's cookie session or one API token. Deleting the row ends it."""

    __tablename__ = "user_session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Problem(Base):
    __tablename__ = "problem"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    difficulty: Mapped[str] = mapped_column(String(8))
    topic: Mapped[str] = mapped_column(String(64), default="")
    tags: Mapped[list] = mapped_column(JSON, default=list)
    files: Mapped[dict] = mapped_column(JSON, default=dict)
    source: Mapped[str] = mapped_column(String(16), default=ProblemSource.AUTHORED)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    is_published: Mapped[bool] = mapped_column(Boolean, default=False)
    # The files hash the last validation ran on, and what it found; publishing needs a clean run on these files.
    validated_hash: Mapped[str | None] = mapped_column(String(64))
    validation_errors: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    # `files` is what learners see and are graded against: published version `version`. Edits to a published
    # problem wait in `draft_files` until they validate and are published as the next version.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    draft_files: Mapped[dict | None] = mapped_column(JSON)
    # The bank problem this one was forked from, if any.
    forked_from_id: Mapped[int | None] = mapped_column(ForeignKey("problem.id", ondelete="SET NULL"))

    author: Mapped[User | None] = relationship(lazy="raise")


class ProblemVersion(Base):
    """One published version of a problem: its files as learners saw them from `published_at` on."""

    __tablename__ = "problem_version"
    __table_args__ = (UniqueConstraint("problem_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    files: Mapped[dict] = mapped_column(JSON)
    published_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    published_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class Attempt(Base):
    __tablename__ = "attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    mode: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(8), default=AttemptStatus.QUEUED, index=True)
    verdict: Mapped[str | None] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(Text, default="")
    report: Mapped[dict | None] = mapped_column(JSON)
    passed: Mapped[int | None] = mapped_column(Integer)
    total: Mapped[int | None] = mapped_column(Integer)
    time_ms: Mapped[float | None] = mapped_column(Float)
    # Q&A cards: the learner's answer, the key points they ticked (indexes) and their self-rating.
    answer: Mapped[str | None] = mapped_column(Text)
    key_points_hit: Mapped[list | None] = mapped_column(JSON)
    rating: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    # How many of the problem's progressive hints the learner had opened when making this attempt.
    hints_used: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The timed mock session this attempt was made in, if any.
    mock_id: Mapped[int | None] = mapped_column(ForeignKey("mock_session.id", ondelete="SET NULL"), index=True)
    # The problem version this attempt was (last) graded against.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    user: Mapped[User] = relationship(lazy="raise")
    problem: Mapped[Problem] = relationship(lazy="raise")


class Regrade(Base):
    """An instructor's request to grade again, against version `version`, every attempt on a problem (or those
    of one course's members). Its items keep each attempt's earlier verdict and report."""

    __tablename__ = "regrade"

    id: Mapped[int] = mapped_column(primary_key=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("course.id", ondelete="SET NULL"))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class RegradeItem(Base):
    """One attempt of a regrade: its verdict, report and version before, and its verdict after."""

    __tablename__ = "regrade_item"
    __table_args__ = (UniqueConstraint("regrade_id", "attempt_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    regrade_id: Mapped[int] = mapped_column(ForeignKey("regrade.id", ondelete="CASCADE"))
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempt.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(8), default=AttemptStatus.QUEUED, index=True)  # AttemptStatus
    old_version: Mapped[int] = mapped_column(Integer)
    old_verdict: Mapped[str | None] = mapped_column(String(32))
    old_report: Mapped[dict | None] = mapped_column(JSON)
    new_verdict: Mapped[str | None] = mapped_column(String(32))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)


class Draft(Base):
    __tablename__ = "draft"
    __table_args__ = (UniqueConstraint("user_id", "problem_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class EditorialUnlock(Base):
    """A learner opened an editorial: after an accepted submission, or by asking ("show me"), recorded."""

    __tablename__ = "editorial_unlock"
    __table_args__ = (UniqueConstraint("user_id", "problem_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class HintOpen(Base):
    """A learner opened one of a coding problem's progressive hints (numbered from 1, opened in order)."""

    __tablename__ = "hint_open"
    __table_args__ = (UniqueConstraint("user_id", "problem_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReviewState(Base):
    """One learner's FSRS memory state for one problem or card: when it is due, and how well it is known."""

    __tablename__ = "review_state"
    __table_args__ = (UniqueConstraint("user_id", "problem_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"))
    state: Mapped[int] = mapped_column(Integer)  # fsrs.State: 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(DateTime, index=True)
    last_review: Mapped[datetime | None] = mapped_column(DateTime)


class ReviewLog(Base):
    """Every review: which item, the rating it got, when, and where the rating came from."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)
    rating: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(16))  # ReviewSource
    reviewed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReviewSource(StrEnum):
    CARD = "card"  # the learner's own rating of a Q&A card
    ATTEMPTS = "attempts"  # a coding problem's rating, from its attempts by the stated rule
    OVERRIDE = "override"  # the learner's own rating of a problem, after an accepted submission


class Track(Base):
    """A curated, ordered path through problems and cards: from `problems/tracks/*.toml` (the bank's) or made
    by an instructor. `items` is the ordered list of problem slugs."""

    __tablename__ = "track"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    title_zh: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_zh: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(16), default=ProblemSource.AUTHORED)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class MockSession(Base):
    """A timed mock interview: its length, when it started and ends (the server's clock), and its report."""

    __tablename__ = "mock_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    track_id: Mapped[int | None] = mapped_column(ForeignKey("track.id", ondelete="SET NULL"))
    started_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    report: Mapped[dict | None] = mapped_column(JSON)


class MockItem(Base):
    """One problem or card of a mock session, in order, with what became of it."""

    __tablename__ = "mock_item"
    __table_args__ = (UniqueConstraint("mock_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mock_id: Mapped[int] = mapped_column(ForeignKey("mock_session.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"))
    opened_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")


class LatePolicy(StrEnum):
    """What an assignment does with work after its due time."""

    ACCEPT = "accept"  # it counts, flagged late
    CLOSE = "close"  # it does not count


class Course(Base):
    """A class an instructor teaches: learners join it with its code; its creator (and admins) teach it."""

    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    instructor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CourseMember(Base):
    """A learner in a course."""

    __tablename__ = "course_member"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Assignment(Base):
    """Problems and cards a course's learners are to do between `opens_at` and `due_at` (naive UTC)."""

    __tablename__ = "assignment"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    opens_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    late: Mapped[str] = mapped_column(String(8), default=LatePolicy.ACCEPT)  # LatePolicy
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AssignmentItem(Base):
    """One problem or card of an assignment, in order."""

    __tablename__ = "assignment_item"
    __table_args__ = (UniqueConstraint("assignment_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    problem_id: Mapped[int] = mapped_column(ForeignKey("problem.id", ondelete="CASCADE"), index=True)


class RateBucket(Base):
    """A token bucket per key, for a limit that must hold across web nodes (app.ratelimit.DatabaseRateLimiter)."""

    __tablename__ = "rate_bucket"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
