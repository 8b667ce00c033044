"""practice: the transcript of a phone or chat conversation with a simulated customer

Revision ID: c61d2e8f4a17
Revises: 5e8a1c2d4f60
Create Date: 2026-12-02 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c61d2e8f4a17'
down_revision = '5e8a1c2d4f60'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()


def upgrade_():
    pass


def downgrade_():
    pass


def upgrade_practice():
    with op.batch_alter_table('practice_response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('transcript', sa.JSON(), nullable=True))


def downgrade_practice():
    with op.batch_alter_table('practice_response', schema=None) as batch_op:
        batch_op.drop_column('transcript')
