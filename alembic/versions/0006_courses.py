"""courses, their members and assignments (ordered items, opening and due times, a late policy); site admins

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 10:00:00.000000

Existing users are kept, none of them an admin.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def keep_usernames_unique() -> None:
    """SQLite's batch mode may rebuild the `user` table, and the copy loses the expression index that keeps
    usernames unique regardless of case (0002): build it again (a no-op where it survived)."""
    op.execute('CREATE UNIQUE INDEX IF NOT EXISTS uq_user_username_lower ON "user" (lower(username))')


def upgrade() -> None:
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False))
    keep_usernames_unique()
    op.create_table(
        "course",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("join_code", sa.String(length=16), nullable=False),
        sa.Column("instructor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instructor_id"], ["user.id"], name=op.f("fk_course_instructor_id_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course")),
        sa.UniqueConstraint("join_code", name=op.f("uq_course_join_code")),
    )
    with op.batch_alter_table("course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_instructor_id"), ["instructor_id"], unique=False)
    op.create_table(
        "course_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_course_member_course_id_course"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_course_member_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_member")),
        sa.UniqueConstraint("course_id", "user_id", name=op.f("uq_course_member_course_id")),
    )
    with op.batch_alter_table("course_member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_course_member_course_id"), ["course_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_course_member_user_id"), ["user_id"], unique=False)
    op.create_table(
        "assignment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("opens_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("late", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_assignment_course_id_course"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment")),
    )
    with op.batch_alter_table("assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_course_id"), ["course_id"], unique=False)
    op.create_table(
        "assignment_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignment.id"],
            name=op.f("fk_assignment_item_assignment_id_assignment"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["problem_id"], ["problem.id"], name=op.f("fk_assignment_item_problem_id_problem"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_item")),
        sa.UniqueConstraint("assignment_id", "position", name=op.f("uq_assignment_item_assignment_id")),
    )
    with op.batch_alter_table("assignment_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assignment_item_assignment_id"), ["assignment_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assignment_item_problem_id"), ["problem_id"], unique=False)


def downgrade() -> None:
    op.drop_table("assignment_item")
    op.drop_table("assignment")
    op.drop_table("course_member")
    op.drop_table("course")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("is_admin")
    keep_usernames_unique()
