"""invitation: index on candidate_id (every candidate request finds its invitation by it)

Revision ID: b81f0c3d7e52
Revises: 4cf58d113839
Create Date: 2026-11-22 17:15:00

"""
from alembic import op

revision = 'b81f0c3d7e52'
down_revision = '4cf58d113839'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()


def upgrade_():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_candidate_id'), ['candidate_id'],
                              unique=False)


def downgrade_():
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_candidate_id'))


def upgrade_practice():
    pass


def downgrade_practice():
    pass
