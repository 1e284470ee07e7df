"""Courses: the pages (`/courses`: your courses and assignments, create or join one; a course's page for its
instructors with members, join code, assignments and the gradebook; a learner's attempts on an item) and the JSON
API (`/api/courses`: create, join, assignments, the gradebook as JSON and CSV)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from app import courses
from app.auth import CurrentUser, InstructorUser, check_csrf
from app.db import SessionDep, storable
from app.errors import AppError, NotFound
from app.models import Attempt, AttemptMode, Course, User
from app.routes.author import FormDep
from app.schemas import (
    AssignmentCreated,
    AssignmentIn,
    CourseCreated,
    CourseIn,
    GradebookCellOut,
    GradebookLearnerOut,
    GradebookOut,
    JoinIn,
    JoinOut,
    error_responses,
)
from app.templating import page

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
    learner = next((m for m in courses.members(session=session, course=course) if m.username == username), None)
    item = next(
        (p for _a, items in courses.assignments(session=session, course=course) for p in items if p.slug == slug),
        None,
    )
    if learner is None or item is None or not storable(username, slug):
        raise NotFound("No such member or item.")
    attempts = session.scalars(
        select(Attempt)
        .where(Attempt.user_id == learner.id, Attempt.problem_id == item.id, Attempt.mode != AttemptMode.RUN)
        .order_by(Attempt.id.desc())
    ).all()
    context = {"user": user, "course": course, "learner": learner, "problem": item, "attempts": attempts}
    return page(request, "courses/attempts.html", context)


# The JSON API.


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
