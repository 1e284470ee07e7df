"""problem versions: a published problem's edits wait in a draft until published as the next version; every
attempt records the version it was graded against; regrades keep each attempt's earlier report; forks name
their origin

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00.000000

Existing problems become version 1 (published ones get their version-1 row with their current files), and
existing attempts are recorded as graded against version 1.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("draft_files", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("forked_from_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_problem_forked_from_id_problem"), "problem", ["forked_from_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "problem_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["problem_id"], ["problem.id"], name=op.f("fk_problem_version_problem_id_problem"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["published_by"], ["user.id"], name=op.f("fk_problem_version_published_by_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_problem_version")),
        sa.UniqueConstraint("problem_id", "number", name=op.f("uq_problem_version_problem_id")),
    )
    op.execute(
        "INSERT INTO problem_version (problem_id, number, files, published_at) "
        "SELECT id, 1, files, updated_at FROM problem WHERE is_published"
    )
    op.create_table(
        "regrade",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("requested_by", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["problem_id"], ["problem.id"], name=op.f("fk_regrade_problem_id_problem"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["course.id"], name=op.f("fk_regrade_course_id_course"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["requested_by"], ["user.id"], name=op.f("fk_regrade_requested_by_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regrade")),
    )
    with op.batch_alter_table("regrade", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regrade_problem_id"), ["problem_id"], unique=False)
    op.create_table(
        "regrade_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("regrade_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("old_version", sa.Integer(), nullable=False),
        sa.Column("old_verdict", sa.String(length=32), nullable=True),
        sa.Column("old_report", sa.JSON(), nullable=True),
        sa.Column("new_verdict", sa.String(length=32), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["regrade_id"], ["regrade.id"], name=op.f("fk_regrade_item_regrade_id_regrade"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempt.id"], name=op.f("fk_regrade_item_attempt_id_attempt"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regrade_item")),
        sa.UniqueConstraint("regrade_id", "attempt_id", name=op.f("uq_regrade_item_regrade_id")),
    )
    with op.batch_alter_table("regrade_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regrade_item_attempt_id"), ["attempt_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_regrade_item_status"), ["status"], unique=False)


def downgrade() -> None:
    op.drop_table("regrade_item")
    op.drop_table("regrade")
    op.drop_table("problem_version")
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("problem", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_problem_forked_from_id_problem"), type_="foreignkey")
        batch_op.drop_column("forked_from_id")
        batch_op.drop_column("draft_files")
        batch_op.drop_column("version")
