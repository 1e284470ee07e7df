"""The problem bank in the database: import the built-in `problems/` folder (its problems, then its tracks through
`app.tracks`), package problems as zips, import an instructor's zip (offering a free slug, or replacing their own
problem, when its slug is taken), and fork a problem into an instructor's editable copy."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import storable
from app.errors import BadRequest, Conflict, NotFound, Unprocessable
from app.grading import SLUG_RE, SpecError, bank_problems, files_hash, spec_for
from app.models import Problem, ProblemSource, User

TEXT_SUFFIXES = (".toml", ".md", ".py", ".json")
MAX_ZIP_BYTES = 2 * 1024 * 1024
MAX_ZIP_FILES = 100
MAX_FILE_BYTES = 256 * 1024  # one file, unzipped
MAX_UNZIPPED_BYTES = 4 * MAX_ZIP_BYTES  # all of them
SLUG_MAX = 64
FORK_SUFFIX = "-fork"


@dataclass
class ImportSummary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    tracks: ImportSummary | None = None  # the bank's tracks, imported after its problems


def apply_files(problem: Problem, files: dict[str, str]) -> None:
    """Store `files` on the problem and refresh the listing columns from its problem.toml."""
    spec = spec_for(problem.slug, files)
    problem.files = dict(files)
    problem.kind = spec.kind
    problem.title = spec.title or spec.title_zh  # the listing's title: a Chinese-only problem has only title_zh
    problem.title_zh = spec.title_zh
    problem.difficulty = spec.difficulty
    problem.topic = spec.topic
    problem.tags = list(spec.tags)


def import_bank(*, session: Session, problems_dir: Path | None = None) -> ImportSummary:
    """Upsert every built-in problem (the folders in `problems_dir`, default the source tree's) by slug;
    attempts and instructors' problems are never touched."""
    summary = ImportSummary()
    for slug, files, reasons in bank_problems(problems_dir):
        if files is None:
            summary.skipped.append(f"{slug}: broken ({'; '.join(reasons)})")
            continue
        problem = session.scalar(select(Problem).where(Problem.slug == slug))
        if problem is None:
            problem = Problem(slug=slug, source=ProblemSource.BANK, is_published=True)
            apply_files(problem, files)
            problem.validated_hash = files_hash(files)
            session.add(problem)
            summary.created.append(slug)
        elif problem.source != ProblemSource.BANK:
            summary.skipped.append(f"{slug}: an instructor's problem has this slug; left alone")
        elif problem.files == files:
            summary.unchanged.append(slug)
        else:
            apply_files(problem, files)
            problem.validated_hash = files_hash(files)
            summary.updated.append(slug)
    session.flush()
    from app.tracks import import_bank_tracks  # (app.tracks imports this module)

    summary.tracks = import_bank_tracks(session=session, problems_dir=problems_dir)
    return summary


def export_zip(problem: Problem) -> bytes:
    """The problem as a zip of its files under `<slug>/`, in the `problems/` format."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in sorted(problem.files.items()):
            archive.writestr(f"{problem.slug}/{name}", text)
    return buffer.getvalue()


def open_zip(data: bytes) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """Open an uploaded zip: the archive and its files (folders left out). Raises BadRequest with the reason."""
    if len(data) > MAX_ZIP_BYTES:
        raise BadRequest(f"The zip is larger than {MAX_ZIP_BYTES // 1024} KiB.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BadRequest("That file is not a zip archive.") from None
    if len(infos) > MAX_ZIP_FILES:
        raise BadRequest(f"The zip holds more than {MAX_ZIP_FILES} files.")
    return archive, infos


def read_zip(data: bytes) -> tuple[str, dict[str, str]]:
    """Read a problem package: (slug, files). Raises BadRequest with the reason."""
    archive, infos = open_zip(data)
    names = [PurePosixPath(i.filename) for i in infos]
    roots = {n.parts[0] for n in names if len(n.parts) > 1}
    tomls = [n for n in names if n.name == "problem.toml"]
    if len(tomls) != 1:
        raise BadRequest("The zip must hold exactly one problem.toml.")
    prefix = tomls[0].parent
    slug = prefix.name if prefix.parts else None
    files: dict[str, str] = {}
    total = 0
    for info, name in zip(infos, names, strict=True):
        if name.is_absolute() or ".." in name.parts or "__pycache__" in name.parts:
            continue
        try:
            relative = name.relative_to(prefix) if prefix.parts else name
        except ValueError:
            continue
        if relative.suffix not in TEXT_SUFFIXES:
            continue
        total += info.file_size
        if info.file_size > MAX_FILE_BYTES or total > MAX_UNZIPPED_BYTES:
            raise BadRequest(f"{relative}: too large.")
        try:
            files[relative.as_posix()] = archive.read(info).decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest(f"{relative}: not UTF-8 text.") from None
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise BadRequest(f"{relative}: cannot be read from the zip.") from None
    if slug is None:
        slug = roots.pop() if len(roots) == 1 else ""
    if not slug:
        raise BadRequest("Put the files in a folder named after the problem's slug.")
    try:
        spec_for(slug, files)
    except SpecError as exc:
        raise BadRequest("The problem is broken: " + "; ".join(exc.reasons)) from None
    return slug, files


def _find(session: Session, slug: str) -> Problem | None:
    return session.scalar(select(Problem).where(Problem.slug == slug)) if storable(slug) else None


def free_slug(*, session: Session, base: str) -> str:
    """`base` if no problem has it, else the first free `base-2`, `base-3`, ... (a base that already ends in
    `-N` counts on from it; shortened to fit a slug)."""
    base = base[:SLUG_MAX].rstrip("-")
    if _find(session, base) is None:
        return base
    stem = re.sub(r"-\d+$", "", base) or base
    for number in range(2, 10_000):
        suffix = f"-{number}"
        candidate = stem[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
        if _find(session, candidate) is None:
            return candidate
    raise Conflict("No free slug near that one; choose another.")


def check_new_slug(*, session: Session, slug: str) -> str:
    """A slug an instructor asked for, normalised; 422 if it is not a slug, 409 if a problem has it."""
    slug = slug.strip().lower()
    if not SLUG_RE.match(slug):
        raise Unprocessable(f"The slug {slug!r} must be 3-64 characters of a-z, 0-9 and '-'.")
    if _find(session, slug) is not None:
        raise Conflict(f"The slug {slug!r} is taken; choose another.")
    return slug


def forkable(*, session: Session, user: User, slug: str) -> Problem:
    """A problem `user` may fork: a bank problem or their own; anyone else's is 404, as if it did not exist."""
    problem = _find(session, slug)
    if problem is None or (problem.source != ProblemSource.BANK and problem.author_id != user.id):
        raise NotFound(f"No problem named {slug!r} to fork.")
    return problem


def fork_problem(*, session: Session, user: User, source: Problem, slug: str | None = None) -> Problem:
    """An unpublished copy of `source`'s files (its pending draft, for your own) owned by `user`, under `slug`
    (default `<slug>-fork`, then `-fork-2`, ...), remembering where it came from."""
    from app.authoring import save_problem  # (app.authoring imports this module)

    if slug:
        slug = check_new_slug(session=session, slug=slug)
    else:
        slug = free_slug(session=session, base=source.slug[: SLUG_MAX - len(FORK_SUFFIX)] + FORK_SUFFIX)
    files = dict(source.draft_files or source.files)
    problem = save_problem(session=session, user=user, slug=slug, files=files, create=True)
    problem.forked_from_id = source.id
    session.flush()
    return problem


@dataclass
class ImportConflict:
    """A package's slug is taken: what the import page offers instead."""

    slug: str
    suggested_slug: str  # a free slug to import as
    can_replace: bool  # the instructor owns the problem with that slug, so they may replace it as a new version

    @property
    def message(self) -> str:
        if self.can_replace:
            return f"You already have a problem named {self.slug!r}: import it under another slug, or replace yours."
        return f"The slug {self.slug!r} is taken by another problem: import it under another slug."


class ImportConflictError(Conflict):
    def __init__(self, conflict: ImportConflict):
        super().__init__(conflict.message)
        self.conflict = conflict


def import_package(
    *, session: Session, user: User, data: bytes, slug: str | None = None, replace: bool = False
) -> tuple[Problem, bool]:
    """Import a zip package as `user`'s problem: (the problem, whether it replaced theirs).

    The package's own slug, or `slug`; a taken slug raises ImportConflictError (what to offer), unless `replace`
    and the problem is the user's own, which then gets the package's files as an edit (`save_problem`)."""
    from app.authoring import owned_problem, save_problem  # (app.authoring imports this module)

    package_slug, files = read_zip(data)
    target = (slug or package_slug).strip().lower()
    if replace:
        owned_problem(session=session, user=user, slug=target)  # 404 unless it is theirs
    elif not SLUG_RE.match(target):
        raise Unprocessable(f"The slug {target!r} must be 3-64 characters of a-z, 0-9 and '-'.")
    elif (existing := _find(session, target)) is not None:
        suggested = free_slug(session=session, base=target)
        raise ImportConflictError(ImportConflict(target, suggested, existing.author_id == user.id))
    try:
        return save_problem(session=session, user=user, slug=target, files=files, create=not replace), replace
    except SpecError as exc:
        raise BadRequest("The problem is broken: " + "; ".join(exc.reasons)) from None
