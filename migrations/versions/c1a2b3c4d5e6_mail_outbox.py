"""mail outbox

Revision ID: c1a2b3c4d5e6
Revises: b3f1a9c2d4e5
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c1a2b3c4d5e6'
down_revision = 'b3f1a9c2d4e5'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
