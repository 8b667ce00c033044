"""hiring mail: per-opening invitation subject and intro, reminder and erasure request times

Revision ID: 6f1d2e8a4c37
Revises: d8b2e6f4a1c7
Create Date: 2026-12-02 18:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '6f1d2e8a4c37'
down_revision = 'd8b2e6f4a1c7'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()


def upgrade_():
    with op.batch_alter_table('job_opening', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_subject', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('mail_intro', sa.Text(), nullable=True))
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('erasure_requested_at', sa.DateTime(), nullable=True))


def downgrade_():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_column('erasure_requested_at')
        batch_op.drop_column('reminded_at')
    with op.batch_alter_table('job_opening', schema=None) as batch_op:
        batch_op.drop_column('mail_intro')
        batch_op.drop_column('mail_subject')


def upgrade_practice():
    pass


def downgrade_practice():
    pass
