"""sites as entities

Schools and other settings become rows (``sites``), one per street and name, and each session points
at its site; the public "at least 3 schools" rule counts sites instead of lower-cased free-text names.
Existing sessions with a name get a site per street and folded name (width, case, spaces and
punctuation folded, as ``sites.services.site_name_key`` does); sessions without a name get none.

Revision ID: f6c2d8e4b1a3
Revises: e5b1c7d3a9f2
Create Date: 2026-12-04 18:30:00

"""
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6c2d8e4b1a3'
down_revision = 'e5b1c7d3a9f2'
branch_labels = None
depends_on = None

# A copy of sites.services.site_name_key as it was when this migration was written (migrations must not
# change when the app's code does).
_IGNORED = re.compile(r"[\s\u00b7\u30fb·・,，.。()（）\[\]【】\-—_]+")


def _key(name):
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())[:120]


def upgrade():
    op.create_table(
        'sites',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('street_code', sa.String(length=12), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('name', sa.String(length=120), nullable=False),
        sa.Column('name_key', sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(['street_code'], ['places.code'], name=op.f('fk_sites_street_code_places')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sites')),
        sa.UniqueConstraint('street_code', 'name_key', name='uq_sites_street_name'),
    )
    op.create_index(op.f('ix_sites_street_code'), 'sites', ['street_code'], unique=False)
    # Not batch mode: rebuilding answer_sessions on SQLite would drop a table that responses point at.
    if op.get_bind().dialect.name == 'postgresql':
        op.add_column('answer_sessions', sa.Column('site_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_answer_sessions_site_id_sites'), 'answer_sessions', 'sites',
                              ['site_id'], ['id'])
    else:  # SQLite adds a column with its foreign key in one statement, and cannot add one later
        op.execute('ALTER TABLE answer_sessions ADD COLUMN site_id INTEGER '
                   'CONSTRAINT fk_answer_sessions_site_id_sites REFERENCES sites (id)')
    op.create_index(op.f('ix_answer_sessions_site_id'), 'answer_sessions', ['site_id'], unique=False)

    connection = op.get_bind()
    sites = {}
    rows = connection.execute(sa.text(
        "SELECT id, street_code, setting, setting_name FROM answer_sessions ORDER BY id")).fetchall()
    for session_id, street_code, kind, name in rows:
        key = _key(name or "")
        if not key:
            continue
        if (street_code, key) not in sites:
            connection.execute(sa.text("INSERT INTO sites (street_code, kind, name, name_key) "
                                       "VALUES (:street, :kind, :name, :key)"),
                               {"street": street_code, "kind": kind, "name": " ".join(name.split())[:120], "key": key})
            sites[(street_code, key)] = connection.execute(sa.text(
                "SELECT id FROM sites WHERE street_code = :street AND name_key = :key"),
                {"street": street_code, "key": key}).scalar_one()
        connection.execute(sa.text("UPDATE answer_sessions SET site_id = :site WHERE id = :id"),
                           {"site": sites[(street_code, key)], "id": session_id})


def downgrade():
    op.drop_index(op.f('ix_answer_sessions_site_id'), table_name='answer_sessions')
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_constraint(op.f('fk_answer_sessions_site_id_sites'), 'answer_sessions', type_='foreignkey')
    op.execute('ALTER TABLE answer_sessions DROP COLUMN site_id')
    op.drop_index(op.f('ix_sites_street_code'), table_name='sites')
    op.drop_table('sites')
