"""practice: drop the learned scoring model and its retraining jobs (written replies are
scored by app.replies)

Revision ID: c3f1a7d9e2b4
Revises: 5e8a1c2d4f60
Create Date: 2026-12-02 19:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c3f1a7d9e2b4'
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
    with op.batch_alter_table('practice_retrain_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_retrain_job_requested_by'))
    op.drop_table('practice_retrain_job')
    op.drop_table('scoring_model')


def downgrade_practice():
    op.create_table(
        'scoring_model',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.String(length=40), nullable=False),
        sa.Column('sklearn_version', sa.String(length=20), nullable=False),
        sa.Column('trained_at', sa.DateTime(), nullable=False),
        sa.Column('n_train', sa.Integer(), nullable=False),
        sa.Column('kappa', sa.Float(), nullable=False),
        sa.Column('baseline_kappa', sa.Float(), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_scoring_model')),
        sa.UniqueConstraint('version', name=op.f('uq_scoring_model_version')),
    )
    op.create_table(
        'practice_retrain_job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('requested_by', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('done', sa.Integer(), nullable=False),
        sa.Column('total', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('model_version', sa.String(length=40), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_retrain_job')),
    )
    with op.batch_alter_table('practice_retrain_job', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_retrain_job_requested_by'),
                              ['requested_by'], unique=False)
