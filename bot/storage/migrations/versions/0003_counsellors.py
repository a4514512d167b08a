"""Counsellors: pairing invites, pairings, reminders and their notices.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _person() -> sa.Column:
    return sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "pair_invite",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_ref", sa.String(64), nullable=False, unique=True),
        sa.Column("counsellor_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="CASCADE"), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "pairing",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("counsellor_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="SET NULL"), nullable=True),
        sa.Column("alias_enc", sa.LargeBinary(), nullable=False),
        sa.Column("chat_enc", sa.LargeBinary(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person(),
        sa.Column("pairing_id", sa.Integer(), sa.ForeignKey("pairing.id", ondelete="CASCADE"), nullable=False),
        sa.Column("first_day", sa.String(10), nullable=False),
        sa.Column("at", sa.String(5), nullable=False),
        sa.Column("zone", sa.String(64), nullable=False),
        sa.Column("repeat", sa.String(16), nullable=False),
        sa.Column("note_enc", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reminder_person_id", "reminder", ["person_id"])
    op.create_index("ix_reminder_pairing_id", "reminder", ["pairing_id"])
    op.create_table(
        "reminder_notice",
        sa.Column("id", sa.Integer(), primary_key=True),
        _person(),
        sa.Column("reminder_id", sa.Integer(), sa.ForeignKey("reminder.id", ondelete="CASCADE"), nullable=False),
        sa.Column("occurrence", sa.Integer(), nullable=False),
        sa.Column("appointment_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lead", sa.String(16), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(16), nullable=True),
        sa.UniqueConstraint("reminder_id", "occurrence", "lead", name="uq_reminder_notice"),
    )
    op.create_index("ix_reminder_notice_person_id", "reminder_notice", ["person_id"])
    op.create_index("ix_reminder_notice_reminder_id", "reminder_notice", ["reminder_id"])
    op.create_index("ix_reminder_notice_due_at", "reminder_notice", ["due_at"])


def downgrade() -> None:
    for table in ("reminder_notice", "reminder", "pairing", "pair_invite"):
        op.drop_table(table)
