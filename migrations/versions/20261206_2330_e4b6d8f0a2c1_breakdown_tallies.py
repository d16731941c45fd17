"""breakdown tallies

Results broken down by a background item (gender, grade) read counts of each background answer
crossed with the indicator answers of the same responses, per version, finest place and band, kept at
intake. This makes the table and counts the responses already stored, as intake would have.

Revision ID: e4b6d8f0a2c1
Revises: d8a2f4c6e0b3
Create Date: 2026-12-06 23:30:00

"""
import sqlalchemy as sa
from alembic import op

from survey_app.fieldwork.breakdowns import counted_breakdowns
from survey_app.questionnaires.loader import parse_definition


# revision identifiers, used by Alembic.
revision = 'e4b6d8f0a2c1'
down_revision = 'd8a2f4c6e0b3'
branch_labels = None
depends_on = None

# as survey_app.fieldwork.intake counts them when this was written
RESPONSES, COUNTED, ANSWERED = "_responses", "_n", "_answered"


def upgrade():
    op.create_table(
        'breakdown_tallies',
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('area_code', sa.String(length=12), nullable=False),
        sa.Column('band', sa.String(length=8), nullable=False),
        sa.Column('by_item', sa.String(length=20), nullable=False),
        sa.Column('by_value', sa.String(length=32), nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=40), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('key_sum', sa.Integer(), server_default='0', nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['questionnaire_versions.id'],
                                name=op.f('fk_breakdown_tallies_version_id_questionnaire_versions')),
        sa.PrimaryKeyConstraint('version_id', 'area_code', 'band', 'by_item', 'by_value', 'item_code', 'value',
                                name=op.f('pk_breakdown_tallies')),
    )
    connection = op.get_bind()
    versions = sa.table("questionnaire_versions", sa.column("id", sa.Integer), sa.column("definition", sa.JSON))
    definitions = {}
    for version_id, data in connection.execute(sa.select(versions.c.id, versions.c.definition)):
        instrument, _problems = parse_definition(data, f"stored version {version_id}")
        if instrument is not None:
            definitions[version_id] = instrument
    counted = counted_breakdowns(connection, definitions, (RESPONSES, COUNTED), ANSWERED)
    if counted:
        table = sa.table("breakdown_tallies", *(sa.column(name) for name in (
            "version_id", "area_code", "band", "by_item", "by_value", "item_code", "value", "count", "key_sum")))
        connection.execute(table.insert(), [
            {"version_id": v, "area_code": a, "band": b, "by_item": bi, "by_value": bv, "item_code": i,
             "value": x, "count": n, "key_sum": k} for (v, a, b, bi, bv, i, x), (n, k) in counted.items()])


def downgrade():
    op.drop_table('breakdown_tallies')
