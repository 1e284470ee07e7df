"""Courses: the pages (`/courses`: your courses and assignments, create or join one; a course's page for its
instructors with members, join code, assignments and the gradebook; a learner's attempts on an item; an item's
analytics over the course's members) and the JSON API (`/api/courses`: your courses, create, join, the join code,
members, assignments, the gradebook as JSON and CSV, an item's analytics)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from babel.dates import format_timedelta
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import analytics, charts, courses
from app.auth import CurrentUser, InstructorUser, check_csrf
from app.db import SessionDep
from app.errors import AppError, NotFound, gettext_noop
from app.models import Attempt, AttemptMode, Course, Problem, User
from app.routes.author import FormDep
from app.schemas import (
    AssignmentCreated,
    AssignmentIn,
    CourseCreated,
    CourseIn,
    GradebookCellOut,
    GradebookLearnerOut,
    GradebookOut,
    JoinCodeOut,
    JoinIn,
    JoinOut,
    LearnerAssignmentOut,
    LearnerCourseOut,
    LearnerCoursesOut,
    LearnerItemOut,
    MemberOut,
    MembersOut,
    error_responses,
)
from app.templating import interface_language, page

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
api_router = APIRouter(
    prefix="/api/courses",
    tags=["courses"],
    dependencies=[Depends(check_csrf)],
    responses=error_responses(401, 403, 404, 422),
)
CourseId = Annotated[int, Path(ge=1, le=2**62)]
Name = Annotated[str, Path(max_length=64)]


# Pages.


@router.get("/courses")
def courses_page(request: Request, session: SessionDep, user: CurrentUser) -> Response:
    joined = [
        (course, courses.gradebook(session=session, course=course, learners=[user]))
        for course in courses.learner_courses(session=session, user=user)
    ]
    taught = courses.taught_courses(session=session, user=user) if user.is_instructor or user.is_admin else []
    return page(request, "courses/index.html", {"user": user, "joined": joined, "taught": taught})


@router.post("/courses/join")
def join_form(session: SessionDep, user: CurrentUser, data: FormDep) -> Response:
    code = data.get("code")
    courses.join_course(session=session, user=user, code=code if isinstance(code, str) else "")
    return RedirectResponse("/courses?joined=1", status_code=303)


@router.post("/courses")
def create_form(session: SessionDep, user: InstructorUser, data: FormDep) -> Response:
    name = data.get("name")
    course = courses.create_course(session=session, user=user, name=name if isinstance(name, str) else "")
    return RedirectResponse(f"/courses/{course.id}", status_code=303)


def course_page(
    request: Request,
    session,
    user: User,
    course: Course,
    *,
    form: dict | None = None,
    errors: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    context = {
        "user": user,
        "course": course,
        "members": courses.members(session=session, course=course),
        "assignments": courses.assignments(session=session, course=course),
        "book": courses.gradebook(session=session, course=course),
        "form": form or {"late": "accept"},
        "errors": errors or [],
    }
    return page(request, "courses/detail.html", context, status_code=status_code)


@router.get("/courses/{course_id}")
def course_detail(course_id: CourseId, request: Request, session: SessionDep, user: CurrentUser) -> Response:
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    return course_page(request, session, user, course)


@router.post("/courses/{course_id}/code")
def rotate_form(course_id: CourseId, session: SessionDep, user: CurrentUser) -> Response:
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    courses.rotate_code(course=course)
    return RedirectResponse(f"/courses/{course.id}#join-code", status_code=303)


@router.post("/courses/{course_id}/members/{username}/remove")
def remove_form(course_id: CourseId, username: Name, session: SessionDep, user: CurrentUser) -> Response:
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    courses.remove_member(session=session, course=course, username=username)
    return RedirectResponse(f"/courses/{course.id}#members", status_code=303)


def form_time(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise AppError(f"Not a date and time: {value[:40]!r}", 422) from None


@router.post("/courses/{course_id}/assignments")
def assignment_form(
    course_id: CourseId, request: Request, session: SessionDep, user: CurrentUser, data: FormDep
) -> Response:
    """Create an assignment; a mistake shows the course page again with the form as it was filled in."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    try:
        courses.create_assignment(
            session=session,
            user=user,
            course=course,
            title=form.get("title", ""),
            slugs=form.get("items", "").replace(",", "\n").splitlines(),
            opens_at=form_time(form.get("opens_at", "")),
            due_at=form_time(form.get("due_at", "")),
            late=form.get("late", ""),
        )
    except AppError as exc:
        return course_page(request, session, user, course, form=form, errors=[exc.message], status_code=422)
    return RedirectResponse(f"/courses/{course.id}?created=1#assignments", status_code=303)


@router.get("/courses/{course_id}/learners/{username}/{slug}")
def learner_attempts(
    course_id: CourseId, username: Name, slug: Name, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    """A member's attempts on one of the course's items (a gradebook cell's link)."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    item = courses.course_item(session=session, course=course, slug=slug)
    learner = next((m for m in courses.members(session=session, course=course) if m.username == username), None)
    if learner is None:
        raise NotFound(gettext_noop("No such member."))
    attempts = session.scalars(
        select(Attempt)
        .where(Attempt.user_id == learner.id, Attempt.problem_id == item.id, Attempt.mode != AttemptMode.RUN)
        .order_by(Attempt.id.desc())
    ).all()
    context = {"user": user, "course": course, "learner": learner, "problem": item, "attempts": attempts}
    return page(request, "courses/attempts.html", context)


@router.get("/courses/{course_id}/analytics/{slug}")
def item_analytics_page(
    course_id: CourseId, slug: Name, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    """An item's numbers over the course's members: acceptance, verdicts, most-failed tests, named mistakes."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    problem = courses.course_item(session=session, course=course, slug=slug)
    numbers = item_analytics(session, course, problem)
    seconds = numbers.median_seconds_to_accept
    median_time = (
        None
        if seconds is None
        else format_timedelta(timedelta(seconds=seconds), locale=interface_language(request, user), threshold=1.5)
    )
    context = {
        "user": user,
        "course": course,
        "problem": problem,
        "numbers": numbers,
        "median_time": median_time,
        # the template draws the charts, so their words are in the page's language
        "verdict_bars": charts.verdict_bars,
        "count_bars": charts.count_bars,
    }
    return page(request, "courses/analytics.html", context)


def item_analytics(session: Session, course: Course, problem: Problem) -> analytics.ProblemAnalytics:
    """An item's analytics counted over the course's members only."""
    member_ids = [member.id for member in courses.members(session=session, course=course)]
    return analytics.problem_analytics(session=session, problem=problem, learner_ids=member_ids)


# The JSON API.


@api_router.get("", response_model=LearnerCoursesOut)
def my_courses(session: SessionDep, user: CurrentUser) -> LearnerCoursesOut:
    """The courses you are in, with their assignments (by due time) and your standing on each item."""
    out = []
    for course in courses.learner_courses(session=session, user=user):
        book = courses.gradebook(session=session, course=course, learners=[user])
        by_assignment: dict[int, LearnerAssignmentOut] = {}
        for item in book.items:
            assignment = item.assignment
            entry = by_assignment.setdefault(
                assignment.id,
                LearnerAssignmentOut(
                    id=assignment.id,
                    title=assignment.title,
                    opens_at=assignment.opens_at,
                    due_at=assignment.due_at,
                    late=assignment.late,
                    items=[],
                ),
            )
            entry.items.append(
                LearnerItemOut(
                    slug=item.problem.slug,
                    title=item.problem.title,
                    title_zh=item.problem.title_zh,
                    kind=item.problem.kind,
                    **vars(book.cell(user, item)),
                )
            )
        out.append(LearnerCourseOut(id=course.id, name=course.name, assignments=list(by_assignment.values())))
    return LearnerCoursesOut(courses=out)


@api_router.post("", status_code=201, response_model=CourseCreated)
def create_course(body: CourseIn, session: SessionDep, user: InstructorUser) -> CourseCreated:
    """Create a course (instructors); learners join it with `join_code`."""
    course = courses.create_course(session=session, user=user, name=body.name)
    return CourseCreated(id=course.id, join_code=course.join_code)


@api_router.post("/join", response_model=JoinOut)
def join(body: JoinIn, session: SessionDep, user: CurrentUser) -> JoinOut:
    """Join the course with this code; an unknown code is 404."""
    course = courses.join_course(session=session, user=user, code=body.code)
    return JoinOut(id=course.id, name=course.name)


@api_router.post("/{course_id}/join-code", response_model=JoinCodeOut)
def rotate_join_code(course_id: CourseId, session: SessionDep, user: CurrentUser) -> JoinCodeOut:
    """A new join code for a course you teach; the old one stops working, members stay."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    return JoinCodeOut(join_code=courses.rotate_code(course=course))


@api_router.get("/{course_id}/members", response_model=MembersOut)
def list_members(course_id: CourseId, session: SessionDep, user: CurrentUser) -> MembersOut:
    """The members of a course you teach, by name, with the time each joined."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    return MembersOut(
        members=[
            MemberOut(username=member.username, joined_at=joined_at)
            for member, joined_at in courses.memberships(session=session, course=course)
        ]
    )


@api_router.delete("/{course_id}/members/{username}", status_code=204)
def remove_member(course_id: CourseId, username: Name, session: SessionDep, user: CurrentUser) -> Response:
    """Take a learner out of a course you teach; their attempts stay theirs. Not a member: 404."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    courses.remove_member(session=session, course=course, username=username)
    return Response(status_code=204)


@api_router.get("/{course_id}/analytics/{slug}")
def analytics_api(course_id: CourseId, slug: Name, session: SessionDep, user: CurrentUser) -> dict:
    """An item's numbers over the course's members only, with the fields of `/api/author/problems/{slug}/analytics`
    (rates are fractions, times in seconds). Not an item of the course, or not your course: 404."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    problem = courses.course_item(session=session, course=course, slug=slug)
    return {"slug": problem.slug, **item_analytics(session, course, problem).to_dict()}


@api_router.post("/{course_id}/assignments", status_code=201, response_model=AssignmentCreated)
def create_assignment(
    course_id: CourseId, body: AssignmentIn, session: SessionDep, user: CurrentUser
) -> AssignmentCreated:
    """Add an assignment to a course you teach: its items in order, opening and due times, the late policy."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    assignment = courses.create_assignment(
        session=session,
        user=user,
        course=course,
        title=body.title,
        slugs=body.items,
        opens_at=body.opens_at,
        due_at=body.due_at,
        late=body.late,
    )
    return AssignmentCreated(id=assignment.id)


@api_router.get("/{course_id}/gradebook", response_model=GradebookOut)
def gradebook(course_id: CourseId, session: SessionDep, user: CurrentUser) -> GradebookOut:
    """Each member's best verdict per item before the due time, attempts, first acceptance and late flag."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    book = courses.gradebook(session=session, course=course)
    return GradebookOut(
        learners=[
            GradebookLearnerOut(
                username=learner.username,
                items={item.problem.slug: GradebookCellOut(**vars(book.cell(learner, item))) for item in book.items},
            )
            for learner in book.learners
        ]
    )


@api_router.get("/{course_id}/gradebook.csv", response_class=Response)
def gradebook_csv(course_id: CourseId, session: SessionDep, user: CurrentUser) -> Response:
    """The gradebook as CSV, one row per learner, UTF-8 with a BOM."""
    course = courses.taught_course(session=session, user=user, course_id=course_id)
    return Response(
        courses.gradebook_csv(courses.gradebook(session=session, course=course)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="course-{course.id}-gradebook.csv"'},
    )
