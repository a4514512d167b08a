"""Talk to a person: staff, invites, open requests and their routing, transcript, audit log, feedback.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_ref", sa.String(64), nullable=False, unique=True),
        sa.Column("chat_enc", sa.LargeBinary(), nullable=False),
        sa.Column("roles", sa.String(64), nullable=False),
        sa.Column("languages", sa.String(128), nullable=False),
        sa.Column("alias", sa.String(64), nullable=False),
        sa.Column("woman", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("current_request_id", sa.Integer(), nullable=True),
        _when("added_at"),
    )
    op.create_table(
        "staff_invite",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code_ref", sa.String(64), nullable=False, unique=True),
        sa.Column("roles", sa.String(64), nullable=False),
        sa.Column("languages", sa.String(128), nullable=False),
        sa.Column("alias", sa.String(64), nullable=False),
        sa.Column("woman", sa.Boolean(), nullable=False),
        _when("expires_at"),
        _when("used_at", nullable=True),
    )
    op.create_table(
        "help_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("her_language", sa.String(8), nullable=False),
        sa.Column("woman_wanted", sa.Boolean(), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("her_ref", sa.String(64), nullable=False),
        sa.Column("her_chat_enc", sa.LargeBinary(), nullable=False),
        sa.Column("mediator_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="SET NULL"), nullable=True),
        _when("created_at"),
        _when("waiting_since"),
        _when("reannounced_at", nullable=True),
        _when("told_nobody_at", nullable=True),
        _when("taken_at", nullable=True),
    )
    op.create_index("ix_help_request_her_ref", "help_request", ["her_ref"])
    op.create_table(
        "request_offer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("help_request.id", ondelete="CASCADE"), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="CASCADE"), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_request_offer_request_id", "request_offer", ["request_id"])
    op.create_table(
        "relay_link",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("request_id", sa.Integer(), sa.ForeignKey("help_request.id", ondelete="CASCADE"), nullable=False),
        sa.Column("staff_id", sa.Integer(), sa.ForeignKey("staff.id", ondelete="CASCADE"), nullable=True),
        sa.Column("staff_message_id", sa.Integer(), nullable=True),
        sa.Column("her_message_id", sa.Integer(), nullable=False),
    )
    op.create_index("ix_relay_link_request_id", "relay_link", ["request_id"])
    op.create_index("ix_relay_link_staff_message", "relay_link", ["staff_id", "staff_message_id"])
    op.create_table(
        "transcript_line",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("line_enc", sa.LargeBinary(), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_transcript_line_person_id", "transcript_line", ["person_id"])
    op.create_index("ix_transcript_line_created_at", "transcript_line", ["created_at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        _when("at"),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("request_code", sa.String(12), nullable=False),
    )
    op.create_table(
        "feedback_tally",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "feedback_tally",
        "audit_log",
        "transcript_line",
        "relay_link",
        "request_offer",
        "help_request",
        "staff_invite",
        "staff",
    ):
        op.drop_table(table)
