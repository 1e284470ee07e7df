"""The engine, the declarative Base, and the request session that owns the transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str, pool_timeout_s: float = 5.0) -> Engine:
    """Build an engine; SQLite gets WAL, a busy timeout and foreign keys."""
    # A request waits at most `pool_timeout_s` for a connection, then fails fast with the pool's TimeoutError,
    # which app.errors answers with 503 and Retry-After: threads stuck on a drained pool would stall the site.
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=32,
            max_overflow=32,
            pool_timeout=pool_timeout_s,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=20, pool_timeout=pool_timeout_s)


def storable(*texts: str) -> bool:
    """Whether a column could hold every one of `texts`: PostgreSQL's text types refuse NUL characters, SQLite
    keeps them. No stored value contains a NUL, so a lookup by such text finds nothing: callers answer that
    without asking the database, which on PostgreSQL would fail the whole request."""
    return not any("\x00" in text for text in texts)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run `callback` once the request's transaction has committed (e.g. hand an attempt to the queue)."""
    session.info.setdefault("after_commit", []).append(callback)


def get_session(request: Request) -> Iterator[Session]:
    """One session per request: commit once at the end, roll back on error."""
    session = request.app.state.sessionmaker()
    try:
        yield session
        session.commit()
        for callback in session.info.pop("after_commit", []):
            callback()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function" so the commit happens before the response leaves: a client that gets 202 can read it back.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
