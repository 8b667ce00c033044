"""hiring: the job tryout of an attempt (seed, simulator state and action log)

Revision ID: a7d4c2e9f180
Revises: d8b2e6f4a1c7
Create Date: 2026-12-03 08:40:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a7d4c2e9f180'
down_revision = 'd8b2e6f4a1c7'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()


def upgrade_():
    op.create_table(
        'tryout_run',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('section_id', sa.String(length=80), nullable=False),
        sa.Column('form_id', sa.String(length=80), nullable=False),
        sa.Column('seed', sa.Integer(), nullable=False),
        sa.Column('time_factor', sa.String(length=12), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('state', sa.JSON(), nullable=False),
        sa.Column('wall_at', sa.DateTime(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'],
                                name=op.f('fk_tryout_run_attempt_id_attempt'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tryout_run')),
        sa.UniqueConstraint('attempt_id', name=op.f('uq_tryout_run_attempt_id')),
    )


def downgrade_():
    op.drop_table('tryout_run')


def upgrade_practice():
    pass


def downgrade_practice():
    pass
