"""practice: trainer review of "not sure" replies and refits of the overall grade

Revision ID: 9a4c2e7b5d13
Revises: c61d2e8f4a17
Create Date: 2026-12-03 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9a4c2e7b5d13'
down_revision = 'c61d2e8f4a17'
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
        batch_op.add_column(sa.Column('confident', sa.Boolean(), nullable=True))
    with op.batch_alter_table('rated_example', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_response_id', sa.Integer(), nullable=True))
        batch_op.create_index('ix_rated_example_source_response_id', ['source_response_id'])
    op.create_table(
        'scorer_refit',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('trained_by', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('n_examples', sa.Integer(), nullable=False),
        sa.Column('in_use', sa.Boolean(), nullable=False),
        sa.Column('params', sa.JSON(), nullable=True),
        sa.Column('report', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade_practice():
    op.drop_table('scorer_refit')
    with op.batch_alter_table('rated_example', schema=None) as batch_op:
        batch_op.drop_index('ix_rated_example_source_response_id')
        batch_op.drop_column('source_response_id')
    with op.batch_alter_table('practice_response', schema=None) as batch_op:
        batch_op.drop_column('confident')
