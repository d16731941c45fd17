"""submission ids become UUID columns

``responses.id`` and the ``response_id`` of every answer and text answer were 36-character
strings, and intake matched ids with ``$``, which also matches before a final newline: the same
survey could be stored twice, once as ``<uuid>`` and once as ``<uuid>\n``. They become UUID
columns (native ``uuid`` on PostgreSQL, 32 hex digits on SQLite). A second spelling of an id that is
already stored is removed with its rows (it is the same child's survey, counted twice), any other
is kept under its canonical form, and the running tallies are rebuilt from the rows when a
duplicate went.

Revision ID: c3a91d0e7f21
Revises: 5b2f2e2b9e4b
Create Date: 2026-12-02 22:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3a91d0e7f21'
down_revision = '5b2f2e2b9e4b'
branch_labels = None
depends_on = None

CHILDREN = ('answers', 'text_answers')


WHITESPACE = {'postgresql': "E' \\t\\r\\n'", 'sqlite': "' ' || char(9, 10, 13)"}


def _canonical(column, dialect):
    """The id as intake now requires it: trimmed of whitespace and lower case."""
    trim = 'btrim' if dialect == 'postgresql' else 'trim'
    return f"lower({trim}({column}, {WHITESPACE[dialect]}))"


def _remove_second_spellings(dialect):
    """Delete rows stored under a second spelling of an id that is also stored canonically; return how many."""
    doubled = f"SELECT id FROM responses WHERE id <> {_canonical('id', dialect)} " \
              f"AND {_canonical('id', dialect)} IN (SELECT id FROM responses)"
    bind = op.get_bind()
    ids = [row[0] for row in bind.execute(sa.text(doubled))]
    for table in CHILDREN:  # children first: nothing is left pointing at a deleted response
        bind.execute(sa.text(f"DELETE FROM {table} WHERE response_id IN ({doubled})"))
    bind.execute(sa.text(f"DELETE FROM responses WHERE id IN (SELECT id FROM ({doubled}) AS doubled)"))
    return len(ids)


def _rebuild_tallies():
    op.execute("DELETE FROM answer_tallies")
    op.execute("INSERT INTO answer_tallies (session_id, band, item_code, value, count) "
               "SELECT r.session_id, r.band, a.item_code, a.value, count(*) FROM answers a "
               "JOIN responses r ON r.id = a.response_id GROUP BY r.session_id, r.band, a.item_code, a.value")
    op.execute("INSERT INTO answer_tallies (session_id, band, item_code, value, count) "
               "SELECT r.session_id, r.band, t.item_code, '_text', count(*) FROM text_answers t "
               "JOIN responses r ON r.id = t.response_id GROUP BY r.session_id, r.band, t.item_code")


def _foreign_key(table):
    return sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f(f'fk_{table}_response_id_responses'),
                                   ondelete='CASCADE')


def _children(id_type):
    """The two child tables as the first migration made them, with ``id_type`` for their response id."""
    return {
        'answers': (sa.Column('response_id', id_type, nullable=False),
                    sa.Column('item_code', sa.String(length=20), nullable=False),
                    sa.Column('value', sa.String(length=32), nullable=False),
                    sa.Column('rank', sa.SmallInteger(), nullable=True),
                    _foreign_key('answers'),
                    sa.PrimaryKeyConstraint('response_id', 'item_code', 'value', name=op.f('pk_answers'))),
        'text_answers': (sa.Column('response_id', id_type, nullable=False),
                         sa.Column('item_code', sa.String(length=20), nullable=False),
                         sa.Column('redacted', sa.Text(), nullable=False),
                         sa.Column('detected', sa.String(length=200), nullable=False),
                         _foreign_key('text_answers'),
                         sa.PrimaryKeyConstraint('response_id', 'item_code', name=op.f('pk_text_answers'))),
    }


def _change_postgresql(id_type, using):
    for table in CHILDREN:
        op.drop_constraint(op.f(f'fk_{table}_response_id_responses'), table, type_='foreignkey')
    op.alter_column('responses', 'id', type_=id_type, postgresql_using=using('id'))
    for table in CHILDREN:
        op.alter_column(table, 'response_id', type_=id_type, postgresql_using=using('response_id'))
        op.create_foreign_key(op.f(f'fk_{table}_response_id_responses'), table, 'responses', ['response_id'], ['id'],
                              ondelete='CASCADE')


def _change_sqlite(id_type, convert):
    """Rebuild the tables with the new type, converting every id with ``convert``.

    Children are copied aside and dropped before ``responses`` is rebuilt: with foreign keys on, a
    rebuild drops the old table, and dropping a parent deletes (cascades to) its children's rows.
    """
    children = _children(id_type)
    for table in children:
        op.execute(f"CREATE TABLE _{table}_aside AS SELECT * FROM {table}")
        op.drop_table(table)
    op.execute(f"UPDATE responses SET id = {convert('id')}")
    with op.batch_alter_table('responses') as batch_op:
        batch_op.alter_column('id', type_=id_type, existing_nullable=False)
    for table, columns in children.items():
        op.create_table(table, *columns)
        names = [c.name for c in columns if isinstance(c, sa.Column)]
        selected = [convert(name) if name == 'response_id' else name for name in names]
        op.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(selected)} FROM _{table}_aside")
        op.drop_table(f"_{table}_aside")


def upgrade():
    dialect = op.get_bind().dialect.name
    if _remove_second_spellings(dialect):
        _rebuild_tallies()
    if dialect == 'postgresql':
        _change_postgresql(sa.Uuid(), lambda c: f"{_canonical(c, dialect)}::uuid")
    else:  # SQLite's Uuid is CHAR(32) of hex digits
        _change_sqlite(sa.Uuid(), lambda c: f"replace({_canonical(c, dialect)}, '-', '')")


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        _change_postgresql(sa.String(36), lambda c: f"{c}::text")
        return
    _change_sqlite(sa.String(36), lambda c: (
        f"substr({c}, 1, 8) || '-' || substr({c}, 9, 4) || '-' || substr({c}, 13, 4) || '-' || "
        f"substr({c}, 17, 4) || '-' || substr({c}, 21)"))
