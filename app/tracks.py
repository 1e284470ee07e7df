"""Study tracks: read and check track files (`problems/tracks/SLUG.toml`), load the bank's into the database,
instructors' tracks (create, edit, package as a zip with their own problems and import one), a learner's progress
along a track, and following one."""

from __future__ import annotations

import io
import json
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

import grader
from app import bank, practice
from app.authoring import save_problem
from app.db import storable
from app.errors import BadRequest, Conflict, Forbidden, NotFound, Unprocessable
from app.grading import SpecError, spec_for
from app.models import Problem, ProblemSource, Track, User

TRACKS_FOLDER = "tracks"  # problems/tracks/ in the bank, tracks/ in a package
TEXT_FIELDS = ("title", "title_zh", "description", "description_zh")
MAX_ITEMS = 200
MAX_DESCRIPTION = 4000


@dataclass(frozen=True)
class TrackSpec:
    """A track as its file (or the authoring form) gives it: checked, not yet matched against the problems."""

    slug: str
    title: str
    title_zh: str
    description: str
    description_zh: str
    items: tuple[str, ...]


def check_track(slug: str, data: dict, *, bilingual: bool) -> tuple[TrackSpec | None, list[str]]:
    """The spec of a track's fields, or the reasons it is not one. The bank's tracks need both languages; an
    instructor's needs the English title and at least one item."""
    reasons = []
    if not grader.spec.SLUG_RE.match(slug):
        reasons.append(f"slug {slug!r} must be 3-64 characters of a-z, 0-9 and '-'")
    unknown = sorted(set(data) - {*TEXT_FIELDS, "items"})
    if unknown:
        reasons.append("unknown keys: " + ", ".join(unknown))
    texts = {}
    for name in TEXT_FIELDS:
        value = data.get(name, "")
        if not isinstance(value, str):
            reasons.append(f"`{name}` must be a string")
            value = ""
        texts[name] = value.strip()
        limit = Track.__table__.c[name].type.length or MAX_DESCRIPTION
        if len(texts[name]) > limit:
            reasons.append(f"`{name}` is longer than {limit} characters")
        if not storable(value):
            reasons.append(f"`{name}` must not contain NUL characters")
    required = TEXT_FIELDS if bilingual else ("title",)
    reasons += [f"`{name}` is missing" for name in required if not texts[name]]
    items = data.get("items", [])
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        reasons.append("`items` must be a list of problem slugs")
        items = []
    items = [item.strip() for item in items]
    if not items:
        reasons.append("a track needs at least one item")
    if len(items) > MAX_ITEMS:
        reasons.append(f"a track holds at most {MAX_ITEMS} items")
    duplicates = sorted({item for item in items if items.count(item) > 1})
    if duplicates:
        reasons.append("listed twice: " + ", ".join(duplicates))
    malformed = [item for item in items if not grader.spec.SLUG_RE.match(item)]
    if malformed:
        reasons.append("not a problem slug: " + ", ".join(repr(item) for item in malformed[:10]))
    if reasons:
        return None, reasons
    return TrackSpec(slug=slug, items=tuple(items), **texts), []


def read_track(slug: str, text: str, *, bilingual: bool = True) -> tuple[TrackSpec | None, list[str]]:
    """Parse a track file's TOML text; (spec, []) or (None, reasons)."""
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        return None, [f"{slug}.toml: {exc}" if not isinstance(exc, RecursionError) else "nested too deeply to read"]
    return check_track(slug, data, bilingual=bilingual)


def track_toml(track: Track | TrackSpec) -> str:
    """The track as a track file, the format of `problems/tracks/SLUG.toml`."""
    # A JSON string is also a valid TOML basic string.
    lines = [f"{name} = {json.dumps(getattr(track, name), ensure_ascii=False)}" for name in TEXT_FIELDS]
    lines.append("items = [")
    lines += [f"    {json.dumps(item)}," for item in track.items]
    lines.append("]")
    return "\n".join(lines) + "\n"


def bank_tracks(problems_dir: Path | None = None) -> list[tuple[str, TrackSpec | None, list[str]]]:
    """Every track file in the bank's `tracks/` folder as (slug, spec or None, reasons); an item must be one of
    the bank's problems."""
    problems_dir = problems_dir or grader.PROBLEMS_DIR
    slugs = set(grader.bank_slugs(problems_dir))
    out = []
    for path in sorted((problems_dir / TRACKS_FOLDER).glob("*.toml")):
        spec, reasons = read_track(path.stem, path.read_text(encoding="utf-8"))
        missing = [item for item in spec.items if item not in slugs] if spec else []
        if missing:
            spec, reasons = None, ["no such problem in the bank: " + ", ".join(missing)]
        out.append((path.stem, spec, reasons))
    return out


def apply_spec(track: Track, spec: TrackSpec) -> None:
    for name in TEXT_FIELDS:
        setattr(track, name, getattr(spec, name))
    track.items = list(spec.items)


def import_bank_tracks(*, session: Session, problems_dir: Path | None = None) -> bank.ImportSummary:
    """Upsert the bank's tracks by slug (source "bank"); an instructor's track with the same slug is left alone."""
    summary = bank.ImportSummary()
    for slug, spec, reasons in bank_tracks(problems_dir):
        if spec is None:
            summary.skipped.append(f"track {slug}: broken ({'; '.join(reasons)})")
            continue
        track = session.scalar(select(Track).where(Track.slug == slug))
        if track is None:
            track = Track(slug=slug, source=ProblemSource.BANK)
            apply_spec(track, spec)
            session.add(track)
            summary.created.append(slug)
        elif track.source != ProblemSource.BANK:
            summary.skipped.append(f"track {slug}: an instructor's track has this slug; left alone")
        elif all(getattr(track, name) == getattr(spec, name) for name in TEXT_FIELDS) and track.items == list(
            spec.items
        ):
            summary.unchanged.append(slug)
        else:
            apply_spec(track, spec)
            summary.updated.append(slug)
    session.flush()
    return summary


# What learners see.


def get_track(*, session: Session, slug: str) -> Track:
    track = session.scalar(select(Track).where(Track.slug == slug)) if storable(slug) else None
    if track is None:
        raise NotFound(f"No track named {slug!r}.")
    return track


def all_tracks(*, session: Session) -> list[Track]:
    """Every track: the bank's first, then instructors', each by title."""
    tracks = session.scalars(select(Track)).all()
    return sorted(tracks, key=lambda t: (t.source != ProblemSource.BANK, t.title.lower(), t.slug))


def visible_items(*, session: Session, track: Track, user: User | None) -> list[Problem]:
    """The track's problems this user may see, in the track's order (unpublished ones are left out)."""
    slugs = [slug for slug in track.items if isinstance(slug, str)]
    if not slugs:
        return []
    found = {
        p.slug: p
        for p in session.scalars(select(Problem).where(Problem.slug.in_(slugs), practice.visible_filter(user)))
    }
    return [found[slug] for slug in slugs if slug in found]


@dataclass
class Progress:
    track: Track
    items: list[Problem]
    marks: dict[int, str]  # problem id -> "solved" | "attempted" (practice.statuses)

    @property
    def done(self) -> int:
        return sum(1 for p in self.items if self.marks.get(p.id) == "solved")

    @property
    def total(self) -> int:
        return len(self.items)

    def status(self, problem: Problem) -> str:
        return self.marks.get(problem.id, "new")


def progress(*, session: Session, tracks: list[Track], user: User | None) -> list[Progress]:
    """Each track's visible items and the user's status on each ("k of n done")."""
    marks = practice.statuses(session=session, user=user)
    return [Progress(t, visible_items(session=session, track=t, user=user), marks) for t in tracks]


def follow(*, session: Session, user: User, slug: str | None) -> Track | None:
    """Follow the track named `slug` (replacing the one followed before), or none with None."""
    track = None if slug is None else get_track(session=session, slug=slug)
    user.track_id = track.id if track else None
    return track


# Instructors' tracks.


def owned_track(*, session: Session, user: User, slug: str) -> Track:
    """An instructor's own track; the bank's are read-only (403), another instructor's are not found (404)."""
    track = session.scalar(select(Track).where(Track.slug == slug)) if storable(slug) else None
    if track is not None and track.source == ProblemSource.BANK:
        raise Forbidden(f"The track {slug!r} is built in and read-only; export it to make your own copy.")
    if track is None or track.author_id != user.id:
        raise NotFound(f"You have no track named {slug!r}.")
    return track


def check_items(*, session: Session, user: User, items: tuple[str, ...]) -> None:
    """Every item must be one of the bank's problems or one of the instructor's own."""
    usable = set(
        session.scalars(
            select(Problem.slug).where(
                Problem.slug.in_(items), (Problem.source == ProblemSource.BANK) | (Problem.author_id == user.id)
            )
        )
    )
    missing = [item for item in items if item not in usable]
    if missing:
        raise Unprocessable(
            "Not a bank problem or one of your own: " + ", ".join(missing[:20]) + (" …" if len(missing) > 20 else "")
        )


def save_track(*, session: Session, user: User, spec: TrackSpec, create: bool) -> Track:
    """Create or update an instructor's track; 409 when the slug is taken, 422 for unusable items."""
    existing = session.scalar(select(Track).where(Track.slug == spec.slug))
    if existing is not None and (create or existing.source == ProblemSource.BANK or existing.author_id != user.id):
        raise Conflict(f"The track slug {spec.slug!r} is taken; choose another.")
    check_items(session=session, user=user, items=spec.items)
    track = existing or Track(slug=spec.slug, source=ProblemSource.AUTHORED, author_id=user.id)
    apply_spec(track, spec)
    session.add(track)
    session.flush()
    return track


def items_text(text: str) -> list[str]:
    """The form's items: one slug per line, blank lines ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# Packages: tracks/SLUG.toml and a folder for each of the exporter's own problems, as `bank.export_zip` lays one out.


def export_track_zip(*, session: Session, user: User, track: Track) -> bytes:
    own = session.scalars(
        select(Problem).where(Problem.slug.in_(list(track.items)), Problem.author_id == user.id).order_by(Problem.slug)
    ).all()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{TRACKS_FOLDER}/{track.slug}.toml", track_toml(track))
        for problem in own:
            for name, text in sorted(problem.files.items()):
                archive.writestr(f"{problem.slug}/{name}", text)
    return buffer.getvalue()


def read_track_zip(data: bytes) -> tuple[TrackSpec, dict[str, dict[str, str]]]:
    """Read a track package: the track and {slug: files} of its problems. Anything odd is refused (400), not
    skipped: a name that leaves its folder, a file outside a problem folder, one too large or not UTF-8."""
    archive, infos = bank.open_zip(data)
    tracks: list[tuple[str, str]] = []
    problems: dict[str, dict[str, str]] = {}
    total = 0
    for info in infos:
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename or len(name.parts) < 2:
            raise BadRequest(f"{info.filename}: not a file inside a track or problem folder.")
        if "__pycache__" in name.parts or name.suffix not in bank.TEXT_SUFFIXES:
            continue
        total += info.file_size
        if info.file_size > bank.MAX_FILE_BYTES or total > bank.MAX_UNZIPPED_BYTES:
            raise BadRequest(f"{name}: too large.")
        try:
            text = archive.read(info).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(f"{name}: not UTF-8 text.") from None
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise BadRequest(f"{name}: cannot be read from the zip.") from None
        if name.parts[0] == TRACKS_FOLDER:
            if len(name.parts) != 2 or name.suffix != ".toml":
                raise BadRequest(f"{name}: the tracks folder holds only SLUG.toml files.")
            tracks.append((name.stem, text))
        else:
            problems.setdefault(name.parts[0], {})[PurePosixPath(*name.parts[1:]).as_posix()] = text
    if len(tracks) != 1:
        raise BadRequest(f"The zip must hold exactly one {TRACKS_FOLDER}/SLUG.toml.")
    spec, reasons = read_track(*tracks[0], bilingual=False)
    if spec is None:
        raise BadRequest("The track is broken: " + "; ".join(reasons))
    unlisted = sorted(set(problems) - set(spec.items))
    if unlisted:
        raise BadRequest("The zip holds problems the track does not list: " + ", ".join(unlisted[:20]))
    for slug, files in problems.items():
        try:
            spec_for(slug, files)
        except SpecError as exc:
            raise BadRequest(f"The problem {slug!r} is broken: " + "; ".join(exc.reasons)) from None
    return spec, problems


def import_track_zip(*, session: Session, user: User, data: bytes) -> Track:
    """Import a track package: its problems as the problem import does (unpublished drafts of the importer), then
    the track. Any refusal raises, and the request's transaction rolls back: nothing is half-imported."""
    spec, problems = read_track_zip(data)
    if session.scalar(select(Track.id).where(Track.slug == spec.slug)) is not None:
        raise Conflict(f"The track slug {spec.slug!r} is taken; nothing was imported.")
    for slug, files in sorted(problems.items()):
        try:
            save_problem(session=session, user=user, slug=slug, files=files, create=False)
        except Conflict as exc:
            raise Conflict(exc.message + " Nothing was imported.") from None
    session.flush()
    return save_track(session=session, user=user, spec=spec, create=True)
