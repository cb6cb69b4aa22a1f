"""Case reports: reports, drafts, attachments, focal point directory, case history.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

Reserved in the revision chain so features can be built in parallel; the cases work fills
in upgrade() and downgrade() together with its models.
"""

from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
