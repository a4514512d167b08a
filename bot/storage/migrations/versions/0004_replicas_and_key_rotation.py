"""Several replicas and key rotation: a notice is settled once delivered (a claimed but unsettled notice was
abandoned by a process that died and is sent again by the next scheduler); the key for keyed hashes, stored
encrypted, so DATA_KEY can be rotated without changing the hashes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reminder_notice") as batch:
        batch.add_column(sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE reminder_notice SET settled_at = sent_at WHERE sent_at IS NOT NULL")
    op.create_table(
        "vault_key",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("hash_key_enc", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("vault_key")
    with op.batch_alter_table("reminder_notice") as batch:
        batch.drop_column("settled_at")
