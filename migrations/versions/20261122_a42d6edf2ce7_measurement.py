"""measurement: self-identification, logged measurement decisions, purge marks

Revision ID: a42d6edf2ce7
Revises: 3d25c8b9886c
Create Date: 2026-11-22 15:12:53.169811

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a42d6edf2ce7'
down_revision = '3d25c8b9886c'
branch_labels = None
depends_on = None


def upgrade(engine_name):
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name):
    globals()["downgrade_%s" % engine_name]()





def upgrade_():
    op.create_table('measurement_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('filename', sa.String(length=160), nullable=False),
    sa.Column('yaml_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_measurement_decision_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement_decision'))
    )
    op.create_table('purged_invitation',
    sa.Column('invitation_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('purged_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('invitation_id', name=op.f('pk_purged_invitation'))
    )
    op.create_table('self_identification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('invitation_id', sa.Integer(), nullable=False),
    sa.Column('sex', sa.String(length=30), nullable=True),
    sa.Column('race_ethnicity', sa.String(length=30), nullable=True),
    sa.Column('age_band', sa.String(length=30), nullable=True),
    sa.Column('disability', sa.String(length=30), nullable=True),
    sa.Column('research_consent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_self_identification')),
    sa.UniqueConstraint('invitation_id', name=op.f('uq_self_identification_invitation_id'))
    )


def downgrade_():
    op.drop_table('self_identification')
    op.drop_table('purged_invitation')
    op.drop_table('measurement_decision')


def upgrade_practice():
    pass


def downgrade_practice():
    pass
