"""The problem bank in the database: import the built-in `problems/` folder (its problems, then its tracks through
`app.tracks`), package problems as zips."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import BadRequest
from app.grading import SpecError, bank_problems, files_hash, spec_for
from app.models import Problem, ProblemSource

TEXT_SUFFIXES = (".toml", ".md", ".py", ".json")
MAX_ZIP_BYTES = 2 * 1024 * 1024
MAX_ZIP_FILES = 100
MAX_FILE_BYTES = 256 * 1024  # one file, unzipped
MAX_UNZIPPED_BYTES = 4 * MAX_ZIP_BYTES  # all of them


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
    problem.title = spec.title
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
