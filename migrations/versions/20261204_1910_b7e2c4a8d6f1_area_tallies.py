"""area tallies

The running counts summed per questionnaire version and finest place (the session's community, or
its street), kept at intake beside the per-session tallies, so results for a city, district, street
or community read a few rows instead of every session's. Filled here from the session tallies.

Revision ID: b7e2c4a8d6f1
Revises: a1d9e3f7c5b2
Create Date: 2026-12-04 19:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7e2c4a8d6f1'
down_revision = 'a1d9e3f7c5b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'area_tallies',
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('area_code', sa.String(length=12), nullable=False),
        sa.Column('band', sa.String(length=8), nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=32), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('key_sum', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['questionnaire_versions.id'],
                                name=op.f('fk_area_tallies_version_id_questionnaire_versions')),
        sa.PrimaryKeyConstraint('version_id', 'area_code', 'band', 'item_code', 'value', name=op.f('pk_area_tallies')),
    )
    op.execute("INSERT INTO area_tallies (version_id, area_code, band, item_code, value, count, key_sum) "
               "SELECT s.version_id, coalesce(s.community_code, s.street_code), t.band, t.item_code, t.value, "
               "sum(t.count), sum(t.key_sum) FROM answer_tallies t JOIN answer_sessions s ON s.id = t.session_id "
               "GROUP BY s.version_id, coalesce(s.community_code, s.street_code), t.band, t.item_code, t.value")


def downgrade():
    op.drop_table('area_tallies')
