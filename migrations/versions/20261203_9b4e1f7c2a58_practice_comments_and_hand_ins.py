"""practice: trainers' comments on attempts; hand-ins (text, file) with trainer feedback

Revision ID: 9b4e1f7c2a58
Revises: c61d2e8f4a17
Create Date: 2026-12-03 08:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9b4e1f7c2a58'
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
    op.create_table('practice_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['practice_response.id'], name=op.f('fk_practice_comment_response_id_practice_response'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_comment'))
    )
    with op.batch_alter_table('practice_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_comment_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_comment_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_comment_response_id'), ['response_id'], unique=False)

    op.create_table('practice_hand_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('learner_id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('course_uuid', sa.String(length=36), nullable=False),
    sa.Column('step_key', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.Column('feedback', sa.Text(), nullable=True),
    sa.Column('trainer_id', sa.Integer(), nullable=True),
    sa.Column('feedback_at', sa.DateTime(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_hand_in')),
    sa.UniqueConstraint('enrollment_id', 'step_key', name=op.f('uq_practice_hand_in_enrollment_id'))
    )
    with op.batch_alter_table('practice_hand_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_hand_in_learner_id'), ['learner_id'], unique=False)

    op.create_table('practice_hand_in_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hand_in_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['hand_in_id'], ['practice_hand_in.id'], name=op.f('fk_practice_hand_in_file_hand_in_id_practice_hand_in'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_hand_in_file')),
    sa.UniqueConstraint('hand_in_id', name=op.f('uq_practice_hand_in_file_hand_in_id'))
    )


def downgrade_practice():
    op.drop_table('practice_hand_in_file')
    with op.batch_alter_table('practice_hand_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_hand_in_learner_id'))
    op.drop_table('practice_hand_in')
    with op.batch_alter_table('practice_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_comment_response_id'))
        batch_op.drop_index(batch_op.f('ix_practice_comment_learner_id'))
        batch_op.drop_index(batch_op.f('ix_practice_comment_author_id'))
    op.drop_table('practice_comment')
