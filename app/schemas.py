"""Pydantic shapes of the JSON API, and the path parameters its routes and the pages share."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from app.models import AttemptMode, LatePolicy, Rating
from app.practice import ProblemSort
from app.scheduling import NEW_LIMIT_MAX, NEW_LIMIT_MIN, RETENTION_MAX, RETENTION_MIN

AttemptId = Annotated[int, Path(ge=1, le=2**62)]


def as_utc(moment: datetime) -> datetime:
    """The database keeps naive UTC times; the API sends them with their zone, as RFC 3339 `date-time` requires."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(as_utc)]


class ProblemFilter(BaseModel):
    """The problem list's filters, the same for the API, the page and the random pick: kind, topic, difficulty, your
    status, a search (titles, slug, topic, tags)."""

    kind: str = ""
    topic: str = ""
    difficulty: str = ""
    status: str = ""
    q: str = Field("", max_length=100)


class ProblemSortFilter(ProblemFilter):
    """The filters and the order: `sort` by a key; `order` "asc" or "desc" (empty: the key's natural direction)."""

    sort: ProblemSort = ProblemSort.DEFAULT
    order: Literal["", "asc", "desc"] = ""


class ProblemPageFilter(ProblemSortFilter):
    """The list page's query: the filters, the order and a page of `practice.PAGE_SIZE` rows."""

    page: int = Field(1, ge=1, le=100_000)


class ProblemApiFilter(ProblemSortFilter):
    """The API list's query: the filters, the order, and a window (no `limit`: every row from `offset`)."""

    offset: int = Field(0, ge=0, le=1_000_000)
    limit: int | None = Field(None, ge=1, le=1000)


ProblemQuery = Annotated[ProblemFilter, Query()]
ProblemPageQuery = Annotated[ProblemPageFilter, Query()]
ProblemApiQuery = Annotated[ProblemApiFilter, Query()]


class ErrorOut(BaseModel):
    """Every error the API answers: one message for people."""

    detail: str


ERROR_DESCRIPTIONS = {
    400: "Bad request",
    401: "Not logged in, or the token is invalid or expired",
    403: "Not allowed (instructors only, or a missing CSRF token on a cookie session)",
    404: "No such record, or not yours",
    409: "Not now: locked during your mock interview, or the record's state does not allow it",
    413: "The request body or the code is too large",
    422: "The request is malformed",
    429: "Too many requests; see Retry-After",
    503: "Busy (all password checks or database connections in use); see Retry-After",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the errors an operation can answer, all shaped as ErrorOut."""
    return {status: {"model": ErrorOut, "description": ERROR_DESCRIPTIONS[status]} for status in statuses}


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class UserOut(BaseModel):
    id: int
    username: str
    is_instructor: bool


ProblemStatus = Literal["solved", "attempted", "new"]  # the learner's status on a problem, in lists and tracks


class ProblemSummary(BaseModel):
    slug: str
    kind: str
    title: str
    title_zh: str
    difficulty: str
    topic: str
    tags: list[str]
    status: ProblemStatus = "new"
    # In lists, across learners: graded submissions and accepted ones (cards: rated answers and those rated good or
    # easy); the acceptance rate is accepted / attempts.
    accepted: int | None = None
    attempts: int | None = None


class Sample(BaseModel):
    name: str
    input: str
    expected: str


class ProblemDetail(ProblemSummary):
    statement: str
    statement_zh: str
    starter: str = ""
    entry: str = ""
    flavour: str = ""
    time_limit_ms: int | None = None
    memory_limit_mb: int | None = None
    samples: list[Sample] = []
    draft: str | None = None


class SubmissionCreate(BaseModel):
    code: str
    mode: Literal[AttemptMode.SUBMIT, AttemptMode.RUN] = AttemptMode.SUBMIT


class SubmissionQueued(BaseModel):
    id: int
    status: str


class SubmissionOut(BaseModel):
    id: int
    problem: str
    mode: str
    status: Literal["queued", "running", "done"]
    verdict: str | None
    report: dict[str, Any] | None
    created_at: UtcDatetime
    finished_at: UtcDatetime | None = None
    code: str | None = None
    version: int = 1  # the problem version it was (last) graded against


class DraftIn(BaseModel):
    code: str


class QaAttemptIn(BaseModel):
    answer: str = Field(max_length=20_000)
    key_points_hit: list[int] = Field(default_factory=list, max_length=50)
    rating: Rating


class ReviewItem(BaseModel):
    """An item to do today: a Q&A card or a coding problem that is due (`due`: when it fell due, UTC), or a new
    item from the learner's track (`new` true, `due` null)."""

    slug: str
    kind: str
    title: str
    title_zh: str
    due: UtcDatetime | None
    new: bool


class ReviewIn(BaseModel):
    rating: Rating


class ReviewOut(BaseModel):
    slug: str
    rating: Rating
    due: UtcDatetime


class RetentionIn(BaseModel):
    """The share of reviews the learner wants to recall; FSRS schedules shorter intervals for higher values."""

    target_retention: float = Field(ge=RETENTION_MIN, le=RETENTION_MAX)


class ReviewSettingsIn(BaseModel):
    """Change either review setting (the /review form validates through this model too); null is refused."""

    model_config = ConfigDict(extra="forbid")

    daily_new_limit: int = Field(None, ge=NEW_LIMIT_MIN, le=NEW_LIMIT_MAX)  # type: ignore[assignment]
    target_retention: float = Field(None, ge=RETENTION_MIN, le=RETENTION_MAX)  # type: ignore[assignment]


class ReviewSettingsOut(BaseModel):
    daily_new_limit: int
    target_retention: float


class QaReveal(BaseModel):
    """A card's model answer, key points and common wrong answers, each also as sanitised HTML (math rendered)."""

    answer: str
    answer_html: str
    key_points: list[str]
    key_points_html: list[str]
    wrong_answers: list[str]
    wrong_answers_html: list[str]


class QaAttemptOut(BaseModel):
    id: int
    problem: str
    answer: str
    key_points_hit: list[int]
    rating: str
    created_at: UtcDatetime


class PreviewIn(BaseModel):
    markdown: str = Field(max_length=256 * 1024)


class PreviewOut(BaseModel):
    html: str


class CustomRunIn(BaseModel):
    """Code and one Python literal per parameter of the entry function (e.g. {"A": "[[1, 2], [3, 4]]", "k": "1"})."""

    code: str
    args: dict[str, str] = Field(max_length=64)


class CustomRunFields(BaseModel):
    """The entry function's parameters, each with sample 1's argument written as a Python literal."""

    args: dict[str, str]


class CustomRunOut(BaseModel):
    """The submission's output beside the reference's on the learner's input. `verdict` is the checker's (or the
    submission's error, such as runtime_error); null when the reference could not run on this input."""

    verdict: str | None
    message: str
    output: str | None
    reference_output: str | None
    stdout: str
    time_ms: float


# Mock interviews (app/routes/mock.py).


class MockCreate(BaseModel):
    minutes: Literal[30, 45, 60]
    track: str | None = Field(None, max_length=64)


class MockItemOut(BaseModel):
    position: int
    slug: str
    kind: str
    title: str
    title_zh: str
    url: str
    opened_at: UtcDatetime | None
    outcome: str | None
    attempts: int
    seconds: float


class MockOut(BaseModel):
    """A mock interview: its server times, seconds left, items, and (once finished) its report. `report` stays null
    after `finished_at` while a submission made before the end is still being graded."""

    id: int
    minutes: int
    started_at: UtcDatetime
    ends_at: UtcDatetime
    finished_at: UtcDatetime | None
    remaining_s: int
    items: list[MockItemOut]
    report: dict | None


class MockAnswerIn(BaseModel):
    answer: str = Field(max_length=20_000)


class MockAnswerOut(BaseModel):
    position: int
    slug: str
    answered_at: UtcDatetime


# Study tracks (app/routes/tracks.py).


class TrackItemOut(BaseModel):
    slug: str
    kind: str
    title: str
    title_zh: str
    difficulty: str
    topic: str
    status: ProblemStatus


class TrackOut(BaseModel):
    """A track with the caller's progress: `done` of its `total` visible items are solved."""

    slug: str
    title: str
    title_zh: str
    description: str
    description_zh: str
    source: str
    done: int
    total: int
    following: bool


class TrackDetailOut(TrackOut):
    items: list[TrackItemOut]


class FollowingIn(BaseModel):
    """The track to follow (replacing the one followed before), or null to follow none."""

    model_config = ConfigDict(extra="forbid")
    slug: str | None = Field(max_length=64)


class FollowingOut(BaseModel):
    slug: str | None


class HintsOut(BaseModel):
    """The progressive hints the learner has opened, in order, and how many the problem has."""

    opened: list[str]
    opened_html: list[str]  # the same hints as sanitised HTML (Markdown and math rendered)
    total: int


class CourseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)


class CourseCreated(BaseModel):
    id: int
    join_code: str


class JoinIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=32)


class JoinOut(BaseModel):
    id: int
    name: str


class AssignmentIn(BaseModel):
    """Items are problem or card slugs (the bank's or your own), in order; times without a zone are UTC."""

    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=200)
    items: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=100)
    opens_at: datetime
    due_at: datetime
    late: LatePolicy = LatePolicy.ACCEPT


class AssignmentCreated(BaseModel):
    id: int


class GradebookCellOut(BaseModel):
    """The best verdict before the due time (late work flagged, or ignored when the assignment closes)."""

    best_verdict: str | None
    attempts: int
    first_accepted_at: UtcDatetime | None
    late: bool


class GradebookLearnerOut(BaseModel):
    username: str
    items: dict[str, GradebookCellOut]


class GradebookOut(BaseModel):
    learners: list[GradebookLearnerOut]


class JoinCodeOut(BaseModel):
    join_code: str


class MemberOut(BaseModel):
    username: str
    joined_at: UtcDatetime


class MembersOut(BaseModel):
    members: list[MemberOut]


class LearnerItemOut(GradebookCellOut):
    """One item of an assignment and your standing on it (the gradebook's rule)."""

    slug: str
    title: str
    title_zh: str
    kind: str


class LearnerAssignmentOut(BaseModel):
    id: int
    title: str
    opens_at: UtcDatetime
    due_at: UtcDatetime
    late: LatePolicy
    items: list[LearnerItemOut]


class LearnerCourseOut(BaseModel):
    id: int
    name: str
    assignments: list[LearnerAssignmentOut]


class LearnerCoursesOut(BaseModel):
    """The courses you are in, each with its assignments (by due time) and your standing per item."""

    courses: list[LearnerCourseOut]


class PublishOut(BaseModel):
    """The version learners see now."""

    version: int


class RegradeIn(BaseModel):
    """Regrade every graded submission on the problem, or (`course_id`) those of a course's members."""

    model_config = ConfigDict(extra="forbid")
    course_id: int | None = Field(default=None, ge=1, le=2**62)


class RegradeStarted(BaseModel):
    id: int
    total: int


class RegradeChangeOut(BaseModel):
    attempt_id: int
    username: str
    old_verdict: str | None
    new_verdict: str | None


class RegradeOut(BaseModel):
    """A regrade's progress (`done` of `total` items graded again against `version`) and the changed verdicts."""

    id: int
    version: int
    total: int
    done: int
    finished: bool
    changed: list[RegradeChangeOut]
