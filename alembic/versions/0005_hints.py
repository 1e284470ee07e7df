"""progressive hints: which hints each learner opened, and how many an attempt was made with

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 20:00:00.000000

Existing attempts are kept, each made with no hints.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hint_open",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("problem_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["problem_id"], ["problem.id"], name=op.f("fk_hint_open_problem_id_problem"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_hint_open_user_id_user"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hint_open")),
        sa.UniqueConstraint("user_id", "problem_id", "number", name=op.f("uq_hint_open_user_id")),
    )
    with op.batch_alter_table("hint_open", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hint_open_problem_id"), ["problem_id"], unique=False)
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hints_used", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("attempt", schema=None) as batch_op:
        batch_op.drop_column("hints_used")
    op.drop_table("hint_open")
