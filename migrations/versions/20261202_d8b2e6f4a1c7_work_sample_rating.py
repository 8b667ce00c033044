"""hiring: recruiters' ratings of work-sample replies (who, when, overall, note)

Revision ID: d8b2e6f4a1c7
Revises: e4a7c3b2d915
Create Date: 2026-12-02 19:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd8b2e6f4a1c7'
down_revision = 'e4a7c3b2d915'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()


def upgrade_():
    op.create_table(
        'work_sample_rating',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.String(length=80), nullable=False),
        sa.Column('overall', sa.Integer(), nullable=False),
        sa.Column('automatic', sa.Integer(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('rated_by_id', sa.Integer(), nullable=True),
        sa.Column('rated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'],
                                name=op.f('fk_work_sample_rating_attempt_id_attempt'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['rated_by_id'], ['user.id'],
                                name=op.f('fk_work_sample_rating_rated_by_id_user'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_work_sample_rating')),
    )
    with op.batch_alter_table('work_sample_rating', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_sample_rating_attempt_id'), ['attempt_id'])


def downgrade_():
    with op.batch_alter_table('work_sample_rating', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_sample_rating_attempt_id'))
    op.drop_table('work_sample_rating')


def upgrade_practice():
    pass


def downgrade_practice():
    pass
