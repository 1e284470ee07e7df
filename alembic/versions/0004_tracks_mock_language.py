"""study tracks, timed mock sessions, and per-user language, followed track and daily new-item limit

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 18:00:00.000000

Existing users and attempts are kept: every user follows no track, takes 10 new items a day, follows the
browser's language, and every attempt belongs to no mock session.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def keep_usernames_unique() -> None:
    """SQLite's batch mode rebuilds the `user` table to add a foreign key, and the copy loses the expression index
    that keeps usernames unique regardless of case (0002): build it again (a no-op where it survived)."""
    op.execute('CREATE UNIQUE INDEX IF NOT EXISTS uq_user_username_lower ON "user" (lower(username))')


def upgrade() -> None:
    op.create_table(
        "track",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("title_zh", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("description_zh", sa.Text(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"], name=op.f("fk_track_author_id_user"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_track")),
        sa.UniqueConstraint("slug", name=op.f("uq_track_slug")),
    )
    with op.batch_alter_table("track", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_track_author_id"), ["author_id"], unique=False)
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("track_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("daily_new_limit", sa.Integer(), server_default="10", nullable=False))
        batch_op.create_foreign_key(
            batch_op.f("fk_user_track_id_track"), "track", ["track_id"], ["id"], ondelete="SET NULL"
        )
    keep_usernames_unique()
    op.create_table(
        "mock_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["track_id"], ["track.id"], name=op.f("fk_mock_session_track_id_track"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_mock_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mock_session")),
    )
    with op.batch_alter_table("mock_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mock_session_user_id"), ["user_id"], unique=False)
    op.create_table(
        "mock_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mock_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("seconds", sa.Float(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["mock_id"], ["mock_session.id"], name=op.f("fk_mock_item_mock_id_mock_session"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["problem_id"], ["problem.id"], name=op.f("fk_mock_item_problem_id_problem"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mock_item")),
        sa.UniqueConstraint("mock_id", "position", name=op.f("uq_mock_item_mock_id")),
    )
    with op.batch_alter_table("mock_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mock_item_mock_id"), ["mock_id"], unique=False)
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mock_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_attempt_mock_id"), ["mock_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_attempt_mock_id_mock_session"), "mock_session", ["mock_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_attempt_mock_id_mock_session"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_attempt_mock_id"))
        batch_op.drop_column("mock_id")
    op.drop_table("mock_item")
    op.drop_table("mock_session")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_user_track_id_track"), type_="foreignkey")
        batch_op.drop_column("daily_new_limit")
        batch_op.drop_column("track_id")
        batch_op.drop_column("language")
    keep_usernames_unique()
    keep_usernames_unique()
    op.drop_table("track")
