"""Courses: create one with a join code, join, rotate the code, remove members; assignments (ordered bank or own
items, opening and due times, a late policy); who teaches a course and may read its members' attempts; each
learner's standing per item (the gradebook) and its CSV; the due dates a learner sees on a problem's page."""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from babel.dates import format_timedelta
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.db import storable
from app.errors import NotFound, Unprocessable, gettext_noop
from app.models import (
    Assignment,
    AssignmentItem,
    Attempt,
    AttemptMode,
    AttemptStatus,
    Course,
    CourseMember,
    LatePolicy,
    Problem,
    ProblemSource,
    Rating,
    User,
    utcnow,
)

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud or copied from a slide
JOIN_CODE_LENGTH = 8
MAX_ITEMS = 100
ACCEPTED = "accepted"
GOOD_RATINGS = (Rating.GOOD, Rating.EASY)  # a card rated good or easy counts as accepted


def naive_utc(moment: datetime) -> datetime:
    """The database keeps naive UTC times; a time without a zone is taken as UTC."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def teaches(user: User | None, course: Course) -> bool:
    """A course's instructors are its creator and the site admins."""
    return user is not None and (user.is_admin or (user.is_instructor and course.instructor_id == user.id))


def taught_course(*, session: Session, user: User, course_id: int) -> Course:
    """A course the user teaches; any other (or none) is 404, so a course's existence does not leak."""
    course = session.get(Course, course_id)
    if course is None or not teaches(user, course):
        raise NotFound(gettext_noop("No such course."))
    return course


def check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 200 or not storable(name):
        raise Unprocessable(gettext_noop("A course name is 1-200 characters."))
    return name


def create_course(*, session: Session, user: User, name: str) -> Course:
    course = Course(name=check_name(name), join_code=new_join_code(), instructor_id=user.id)
    session.add(course)
    session.flush()
    return course


def rotate_code(*, course: Course) -> str:
    """A new join code; the old one stops working, members stay."""
    course.join_code = new_join_code()
    return course.join_code


def join_course(*, session: Session, user: User, code: str) -> Course:
    """Join the course with this code (spaces, dashes and case do not matter); joining twice is a no-op."""
    code = code.strip().upper().replace("-", "").replace(" ", "")
    course = session.scalar(select(Course).where(Course.join_code == code)) if storable(code) else None
    if course is None:
        raise NotFound(gettext_noop("No course has that join code."))
    member = session.scalar(
        select(CourseMember).where(CourseMember.course_id == course.id, CourseMember.user_id == user.id)
    )
    if member is None:
        session.add(CourseMember(course_id=course.id, user_id=user.id))
        session.flush()
    return course


def remove_member(*, session: Session, course: Course, username: str) -> None:
    """Take a learner out of the course; their attempts stay theirs (and leave the gradebook)."""
    if not storable(username):
        raise NotFound(gettext_noop("No such member."))
    member = session.scalar(
        select(CourseMember)
        .join(User, User.id == CourseMember.user_id)
        .where(CourseMember.course_id == course.id, User.username == username)
    )
    if member is None:
        raise NotFound(gettext_noop("No such member."))
    session.delete(member)


def memberships(*, session: Session, course: Course) -> list[tuple[User, datetime]]:
    """The course's members by name, each with the time they joined."""
    return [
        (user, joined_at)
        for user, joined_at in session.execute(
            select(User, CourseMember.joined_at)
            .join(CourseMember, CourseMember.user_id == User.id)
            .where(CourseMember.course_id == course.id)
            .order_by(User.username)
        )
    ]


def members(*, session: Session, course: Course) -> list[User]:
    return list(
        session.scalars(
            select(User)
            .join(CourseMember, CourseMember.user_id == User.id)
            .where(CourseMember.course_id == course.id)
            .order_by(User.username)
        )
    )


def learner_courses(*, session: Session, user: User) -> list[Course]:
    return list(
        session.scalars(
            select(Course)
            .join(CourseMember, CourseMember.course_id == Course.id)
            .where(CourseMember.user_id == user.id)
            .order_by(Course.name)
        )
    )


def taught_courses(*, session: Session, user: User) -> list[Course]:
    query = select(Course).order_by(Course.name)
    if not user.is_admin:
        query = query.where(Course.instructor_id == user.id)
    return list(session.scalars(query))


@dataclass(frozen=True)
class Item:
    assignment: Assignment
    problem: Problem


def assignments(*, session: Session, course: Course) -> list[tuple[Assignment, list[Problem]]]:
    """The course's assignments by due time, each with its items in order."""
    rows = session.execute(
        select(Assignment, Problem)
        .join(AssignmentItem, AssignmentItem.assignment_id == Assignment.id)
        .join(Problem, Problem.id == AssignmentItem.problem_id)
        .where(Assignment.course_id == course.id)
        .order_by(Assignment.due_at, Assignment.id, AssignmentItem.position)
    ).all()
    out: dict[int, tuple[Assignment, list[Problem]]] = {}
    for assignment, problem in rows:
        out.setdefault(assignment.id, (assignment, []))[1].append(problem)
    return list(out.values())


def course_item(*, session: Session, course: Course, slug: str) -> Problem:
    """An item of one of the course's assignments; any other slug is 404."""
    found = next(
        (p for _a, items in assignments(session=session, course=course) for p in items if p.slug == slug), None
    )
    if found is None or not storable(slug):
        raise NotFound(gettext_noop("No such item in this course."))
    return found


def create_assignment(
    *,
    session: Session,
    user: User,
    course: Course,
    title: str,
    slugs: list[str],
    opens_at: datetime,
    due_at: datetime,
    late: str,
) -> Assignment:
    """An assignment of bank items and the instructor's own; each problem appears once in a course, so the
    gradebook has one column per slug."""
    title = title.strip()
    reasons = []
    if not title or len(title) > 200 or not storable(title):
        reasons.append(gettext_noop("A title is 1-200 characters."))
    slugs = [slug.strip().lower() for slug in slugs if slug.strip()]
    if not 1 <= len(slugs) <= MAX_ITEMS:
        reasons.append(gettext_noop("An assignment has 1-100 items."))
    if len(set(slugs)) != len(slugs):
        reasons.append(gettext_noop("An item appears twice."))
    opens_at, due_at = naive_utc(opens_at), naive_utc(due_at)
    if due_at <= opens_at:
        reasons.append(gettext_noop("The due time must come after the opening time."))
    if late not in set(LatePolicy):
        reasons.append(gettext_noop("The late policy is accept or close."))
    usable = or_(
        and_(Problem.source == ProblemSource.BANK, Problem.is_published.is_(True)), Problem.author_id == user.id
    )
    found = {}
    if storable(*slugs):
        found = {p.slug: p for p in session.scalars(select(Problem).where(Problem.slug.in_(slugs), usable))}
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        reasons.append("Unknown items (bank problems or your own): " + ", ".join(unknown[:10]))
    taken = {p.slug for _a, items in assignments(session=session, course=course) for p in items}
    if taken & set(slugs):
        reasons.append("Already in another assignment of this course: " + ", ".join(sorted(taken & set(slugs))))
    if reasons:
        raise Unprocessable(" ".join(reasons))
    assignment = Assignment(course_id=course.id, title=title, opens_at=opens_at, due_at=due_at, late=late)
    session.add(assignment)
    session.flush()
    for position, slug in enumerate(slugs):
        session.add(AssignmentItem(assignment_id=assignment.id, position=position, problem_id=found[slug].id))
    session.flush()
    return assignment


def may_read_attempt(*, session: Session, user: User, attempt: Attempt) -> bool:
    """Whether the user teaches a course the attempt's author is in, with the attempt's problem among its items."""
    if not (user.is_instructor or user.is_admin):
        return False
    query = (
        select(Course.id)
        .join(CourseMember, CourseMember.course_id == Course.id)
        .join(Assignment, Assignment.course_id == Course.id)
        .join(AssignmentItem, AssignmentItem.assignment_id == Assignment.id)
        .where(CourseMember.user_id == attempt.user_id, AssignmentItem.problem_id == attempt.problem_id)
    )
    if not user.is_admin:
        query = query.where(Course.instructor_id == user.id)
    return session.scalar(query.limit(1)) is not None


@dataclass
class Cell:
    """A learner's standing on one item: the best verdict that counts, how many attempts count, when it was
    first accepted, and whether the standing rests on (accept) or ignored (close) work after the due time."""

    best_verdict: str | None = None
    attempts: int = 0
    first_accepted_at: datetime | None = None
    late: bool = False


# The attempts a standing rests on: finished submissions and rated cards (a Run never counts).
COUNTED = (
    Attempt.mode != AttemptMode.RUN,
    Attempt.status == AttemptStatus.DONE,
    or_(Attempt.mode != AttemptMode.QA, Attempt.rating.is_not(None)),
)


def outcome(attempt: Attempt) -> str | None:
    """An attempt's verdict; a card's is "accepted" when rated good or easy, else its rating."""
    if attempt.mode == AttemptMode.QA:
        return ACCEPTED if attempt.rating in GOOD_RATINGS else attempt.rating
    return attempt.verdict


def rank(attempt: Attempt) -> tuple:
    """Accepted first, then the larger share of tests passed (key points hit, for cards)."""
    share = (attempt.passed or 0) / attempt.total if attempt.total else 0.0
    return (outcome(attempt) == ACCEPTED, share)


def cell(assignment: Assignment, attempts: list[Attempt]) -> Cell:
    """The rule the pages state: the best verdict before the due time; later work counts flagged late (accept)
    or not at all (close). Work before the opening time does not count."""
    window = [a for a in attempts if a.created_at >= assignment.opens_at]
    on_time = [a for a in window if a.created_at <= assignment.due_at]
    after = [a for a in window if a.created_at > assignment.due_at]
    counted = on_time + after if assignment.late == LatePolicy.ACCEPT else on_time
    if not counted:
        return Cell(late=bool(after))
    best = max(counted, key=rank)
    accepted = [a.created_at for a in counted if outcome(a) == ACCEPTED]
    if assignment.late == LatePolicy.ACCEPT:
        late = not on_time or rank(max(on_time, key=rank)) < rank(best)
    else:
        late = bool(after)
    return Cell(outcome(best), len(counted), min(accepted, default=None), late)


@dataclass
class Gradebook:
    items: list[Item]
    learners: list[User]
    cells: dict[tuple[int, int], Cell]  # (user id, problem id) -> cell

    def cell(self, user: User, item: Item) -> Cell:
        return self.cells.get((user.id, item.problem.id), Cell())


def gradebook(*, session: Session, course: Course, learners: list[User] | None = None) -> Gradebook:
    """Every member's (or the given learners') cell on every item of the course's assignments."""
    items = [Item(a, p) for a, problems in assignments(session=session, course=course) for p in problems]
    if learners is None:
        learners = members(session=session, course=course)
    by_key: dict[tuple[int, int], list[Attempt]] = {}
    if items and learners:
        rows = session.scalars(
            select(Attempt).where(
                Attempt.user_id.in_([u.id for u in learners]),
                Attempt.problem_id.in_([i.problem.id for i in items]),
                *COUNTED,
            )
        )
        for attempt in rows:
            by_key.setdefault((attempt.user_id, attempt.problem_id), []).append(attempt)
    cells = {
        (user.id, item.problem.id): cell(item.assignment, by_key.get((user.id, item.problem.id), []))
        for user in learners
        for item in items
    }
    return Gradebook(items, learners, cells)


def iso(moment: datetime | None) -> str:
    return moment.replace(tzinfo=UTC).isoformat() if moment else ""


def gradebook_csv(book: Gradebook) -> str:
    """One row per learner: per item its best verdict, attempts, first acceptance (UTC) and late flag. UTF-8 with
    a BOM, so spreadsheet programs read Chinese names right."""
    out = io.StringIO()
    writer = csv.writer(out)
    header = ["username"]
    for item in book.items:
        slug = item.problem.slug
        header += [slug, f"{slug} attempts", f"{slug} first accepted (UTC)", f"{slug} late"]
    writer.writerow(header)
    for user in book.learners:
        row = [user.username]
        for item in book.items:
            c = book.cell(user, item)
            row += [c.best_verdict or "", c.attempts, iso(c.first_accepted_at), "late" if c.late else ""]
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


@dataclass(frozen=True)
class DueNote:
    """One assignment of one of a learner's courses that holds a problem: how far the due time is (negative once
    it has passed) and the learner's standing on the problem there."""

    course: Course
    assignment: Assignment
    until_due: timedelta
    cell: Cell

    @property
    def done(self) -> bool:
        return self.cell.best_verdict == ACCEPTED

    @property
    def overdue(self) -> bool:
        return self.until_due < timedelta(0)

    def in_words(self, locale: str) -> str:
        """How far the due time is (or how long ago it passed), as people say it in `locale`: "2 days", "2天"."""
        return format_timedelta(abs(self.until_due), locale=locale, threshold=1.5)


def due_notes(*, session: Session, user: User, problem: Problem, now: datetime | None = None) -> list[DueNote]:
    """The opened assignments, in the courses the learner is in, that hold this problem, soonest due first."""
    now = naive_utc(now) if now else utcnow()
    rows = session.execute(
        select(Course, Assignment)
        .join(CourseMember, CourseMember.course_id == Course.id)
        .join(Assignment, Assignment.course_id == Course.id)
        .join(AssignmentItem, AssignmentItem.assignment_id == Assignment.id)
        .where(
            CourseMember.user_id == user.id,
            AssignmentItem.problem_id == problem.id,
            Assignment.opens_at <= now,
        )
        .order_by(Assignment.due_at, Assignment.id)
    ).all()
    if not rows:
        return []
    attempts = list(
        session.scalars(
            select(Attempt).where(
                Attempt.user_id == user.id,
                Attempt.problem_id == problem.id,
                *COUNTED,
            )
        )
    )
    return [
        DueNote(course, assignment, assignment.due_at - now, cell(assignment, attempts)) for course, assignment in rows
    ]
