"""Study tracks: the pages (`/tracks`, a track with your progress, follow it), the instructors' pages
(`/author/tracks`: create, edit, export and import packages) and the JSON API (`/api/tracks`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from app import bank, tracks
from app.auth import CurrentUser, InstructorUser, OptionalUser, check_csrf
from app.db import SessionDep
from app.errors import AppError, BadRequest
from app.models import Track, User
from app.routes.author import FormDep
from app.schemas import FollowingIn, FollowingOut, TrackDetailOut, TrackItemOut, TrackOut, error_responses
from app.templating import page

router = APIRouter(include_in_schema=False, dependencies=[Depends(check_csrf)])
api_router = APIRouter(
    prefix="/api/tracks",
    tags=["tracks"],
    dependencies=[Depends(check_csrf)],
    responses=error_responses(401, 403, 404, 422),
)
Slug = Annotated[str, Path(max_length=64)]


def track_out(row: tracks.Progress, user: User | None) -> TrackOut:
    track = row.track
    return TrackOut(
        slug=track.slug,
        title=track.title,
        title_zh=track.title_zh,
        description=track.description,
        description_zh=track.description_zh,
        source=track.source,
        done=row.done,
        total=row.total,
        following=user is not None and user.track_id == track.id,
    )


# Learners' pages.


@router.get("/tracks")
def tracks_page(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    rows = tracks.progress(session=session, tracks=tracks.all_tracks(session=session), user=user)
    return page(request, "tracks/list.html", {"user": user, "rows": rows})


@router.get("/tracks/{slug}")
def track_page(slug: Slug, request: Request, session: SessionDep, user: OptionalUser) -> Response:
    track = tracks.get_track(session=session, slug=slug)
    (row,) = tracks.progress(session=session, tracks=[track], user=user)
    return page(request, "tracks/detail.html", {"user": user, "row": row, "track": track})


@router.post("/tracks/{slug}/follow")
def follow(slug: Slug, session: SessionDep, user: CurrentUser) -> Response:
    tracks.follow(session=session, user=user, slug=slug)
    return RedirectResponse(f"/tracks/{slug}", status_code=303)


@router.post("/tracks/{slug}/unfollow")
def unfollow(slug: Slug, session: SessionDep, user: CurrentUser) -> Response:
    track = tracks.get_track(session=session, slug=slug)
    if user.track_id == track.id:
        tracks.follow(session=session, user=user, slug=None)
    return RedirectResponse(f"/tracks/{slug}", status_code=303)


# Instructors' pages.


def edit_page(
    request: Request,
    user: User,
    *,
    form: dict,
    track: Track | None = None,
    errors: list[str] | None = None,
    status_code: int = 200,
) -> Response:
    return page(
        request,
        "tracks/edit.html",
        {"user": user, "form": form, "track": track, "errors": errors or []},
        status_code=status_code,
    )


@router.get("/author/tracks")
def author_tracks(request: Request, session: SessionDep, user: InstructorUser) -> Response:
    every = tracks.all_tracks(session=session)
    own = [t for t in every if t.author_id == user.id]
    built_in = [t for t in every if t.source == "bank"]
    return page(request, "tracks/author.html", {"user": user, "own": own, "built_in": built_in})


@router.get("/author/tracks/new")
def new_track(request: Request, user: InstructorUser) -> Response:
    return edit_page(request, user, form={})


@router.post("/author/tracks/save")
def save_track(request: Request, session: SessionDep, user: InstructorUser, data: FormDep) -> Response:
    form = {k: v for k, v in data.items() if isinstance(v, str)}
    slug = form.get("slug", "").strip().lower()
    create = form.get("create") == "1"
    existing = None
    if not create:
        existing = tracks.owned_track(session=session, user=user, slug=slug)
    fields = {name: form.get(name, "") for name in tracks.TEXT_FIELDS}
    spec, reasons = tracks.check_track(
        slug, {**fields, "items": tracks.items_text(form.get("items", ""))}, bilingual=False
    )
    errors, status_code = reasons, 422
    if spec is not None:
        try:
            track = tracks.save_track(session=session, user=user, spec=spec, create=create)
        except AppError as exc:
            errors, status_code = [exc.message], exc.status_code
        else:
            return RedirectResponse(f"/author/tracks/{track.slug}/edit?saved=1", status_code=303)
    return edit_page(request, user, form=form, track=existing, errors=errors, status_code=status_code)


@router.get("/author/tracks/{slug}/edit")
def edit_track(slug: Slug, request: Request, session: SessionDep, user: InstructorUser) -> Response:
    track = tracks.owned_track(session=session, user=user, slug=slug)
    form = {name: getattr(track, name) for name in tracks.TEXT_FIELDS}
    form.update(slug=track.slug, items="\n".join(track.items))
    return edit_page(request, user, form=form, track=track)


@router.get("/author/tracks/{slug}/export")
def export_track(slug: Slug, session: SessionDep, user: InstructorUser) -> Response:
    """The track as a zip: `tracks/SLUG.toml` and a folder for each of your own problems it uses (your own
    tracks, or the built-in ones)."""
    track = tracks.get_track(session=session, slug=slug)
    if track.source != "bank":
        track = tracks.owned_track(session=session, user=user, slug=slug)
    return Response(
        tracks.export_track_zip(session=session, user=user, track=track),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="track-{track.slug}.zip"'},
    )


@router.post("/author/tracks/import")
def import_track(session: SessionDep, user: InstructorUser, data: FormDep) -> Response:
    """Import a track package; a plain `def`, so reading and parsing it run in a worker thread."""
    upload = data.get("package")
    if not isinstance(upload, UploadFile):
        raise BadRequest("Choose a .zip file to import.")
    upload.file.seek(0)
    track = tracks.import_track_zip(session=session, user=user, data=upload.file.read(bank.MAX_ZIP_BYTES + 1))
    return RedirectResponse(f"/author/tracks/{track.slug}/edit?imported=1", status_code=303)


# The JSON API.


@api_router.get("", response_model=list[TrackOut])
def list_tracks(session: SessionDep, user: OptionalUser) -> list[TrackOut]:
    """Every track, with your progress when logged in."""
    rows = tracks.progress(session=session, tracks=tracks.all_tracks(session=session), user=user)
    return [track_out(row, user) for row in rows]


@api_router.put("/following", response_model=FollowingOut)
def set_following(body: FollowingIn, session: SessionDep, user: CurrentUser) -> FollowingOut:
    """Follow a track (it feeds new items into your reviews), replacing the one you followed; null for none."""
    track = tracks.follow(session=session, user=user, slug=body.slug)
    return FollowingOut(slug=track.slug if track else None)


@api_router.get("/{slug}", response_model=TrackDetailOut)
def track_detail(slug: Slug, session: SessionDep, user: OptionalUser) -> TrackDetailOut:
    """A track's items in order (those you may see), each with your status."""
    track = tracks.get_track(session=session, slug=slug)
    (row,) = tracks.progress(session=session, tracks=[track], user=user)
    items = [
        TrackItemOut(
            slug=p.slug,
            kind=p.kind,
            title=p.title,
            title_zh=p.title_zh,
            difficulty=p.difficulty,
            topic=p.topic,
            status=row.status(p),
        )
        for p in row.items
    ]
    return TrackDetailOut(**track_out(row, user).model_dump(), items=items)
