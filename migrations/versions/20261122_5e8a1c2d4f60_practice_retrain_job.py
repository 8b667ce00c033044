"""practice: retraining jobs for the practice scoring model

Revision ID: 5e8a1c2d4f60
Revises: 3d25c8b9886c
Create Date: 2026-11-22 15:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e8a1c2d4f60'
down_revision = '3d25c8b9886c'
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
    op.create_table('practice_retrain_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('requested_by', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('model_version', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_retrain_job'))
    )
    with op.batch_alter_table('practice_retrain_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_retrain_job_requested_by'), ['requested_by'], unique=False)


def downgrade_practice():
    with op.batch_alter_table('practice_retrain_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_retrain_job_requested_by'))

    op.drop_table('practice_retrain_job')
