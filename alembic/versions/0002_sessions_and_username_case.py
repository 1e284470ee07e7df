"""user sessions that can be revoked; usernames unique regardless of case

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 10:00:00.000000

Upgrading stops, changing nothing, when existing usernames differ only in case: it names them, and an
administrator renames or removes all but one of each group before running it again. No account is renamed
or merged behind anyone's back.
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def refuse_case_collisions() -> None:
    """Stop, naming them, if existing usernames collide once lower-cased (the new index would refuse them)."""
    rows = op.get_bind().execute(
        sa.text(
            'SELECT username FROM "user" WHERE lower(username) IN '
            '(SELECT lower(username) FROM "user" GROUP BY lower(username) HAVING count(*) > 1) ORDER BY username'
        )
    )
    names = [row[0] for row in rows]
    if names:
        raise SystemExit(
            "rankup: cannot make usernames unique regardless of case; these accounts collide: "
            + ", ".join(names)
            + ". Rename all but one of each group (rankup keeps every account as it is) "
            "and run `rankup db upgrade` again."
        )


def upgrade() -> None:
    refuse_case_collisions()
    op.create_table(
        "user_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user.id"], name=op.f("fk_user_session_user_id_user"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_session")),
    )
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_session_user_id"), ["user_id"], unique=False)
    op.create_index("uq_user_username_lower", "user", [sa.text("lower(username)")], unique=True)


def downgrade() -> None:
    op.drop_index("uq_user_username_lower", table_name="user")
    with op.batch_alter_table("user_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_session_user_id"))
    op.drop_table("user_session")
