"""events: the domain-event outbox; mail: one row per e-mail with its status

Revision ID: e4a7c3b2d915
Revises: b81f0c3d7e52
Create Date: 2026-12-01 23:55:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e4a7c3b2d915'
down_revision = 'b81f0c3d7e52'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()


def upgrade_():
    op.create_table(
        'outbox_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=60), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('dispatched_at', sa.DateTime(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_event')),
        sa.UniqueConstraint('uuid', name=op.f('uq_outbox_event_uuid')),
    )
    with op.batch_alter_table('outbox_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_event_created_at'), ['created_at'])
        batch_op.create_index(batch_op.f('ix_outbox_event_dispatched_at'), ['dispatched_at'])
    op.create_table(
        'mail_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.String(length=255), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('ref', sa.String(length=60), nullable=True),
        sa.Column('to_addr', sa.String(length=320), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('raw', sa.LargeBinary(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
        sa.Column('claimed_until', sa.DateTime(), nullable=True),
        sa.Column('last_answer', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_message')),
        sa.UniqueConstraint('message_id', name=op.f('uq_mail_message_message_id')),
    )
    with op.batch_alter_table('mail_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_message_ref'), ['ref'])
        batch_op.create_index(batch_op.f('ix_mail_message_status'), ['status'])


def downgrade_():
    op.drop_table('mail_message')
    op.drop_table('outbox_event')


def upgrade_practice():
    pass


def downgrade_practice():
    pass
