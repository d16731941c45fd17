"""safeguarding concerns get random keys and no rowid

A concern's sequential id (and, on SQLite, the hidden rowid) followed the order in which children's
responses arrived, so the n-th concern of a day could be paired with the n-th response that raised
one. The table is rebuilt with a random UUID key; on SQLite it is WITHOUT ROWID, so rows are kept
in key order. Existing items get new random keys in a shuffled order (audit entries that named an
old integer id keep that number).

Revision ID: 5b2f2e2b9e4b
Revises: 8bfdd54b8ceb
Create Date: 2026-12-02 00:05:00 (re-chained after main's add_questionnaire_drafts)

"""
import random
import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b2f2e2b9e4b'
down_revision = '8bfdd54b8ceb'
branch_labels = None
depends_on = None

TABLE = 'safeguarding_concerns'


def _columns():
    return [
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('street_code', sa.String(length=9), nullable=False),
        sa.Column('community_code', sa.String(length=12), nullable=True),
        sa.Column('submitted_on', sa.Date(), nullable=False),
        sa.Column('item_code', sa.String(length=20), nullable=False),
        sa.Column('original_text', sa.Text(), nullable=False),
        sa.Column('matched_terms', sa.String(length=500), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    ]


def _create(name, id_column, **options):
    return op.create_table(
        name, id_column, *_columns(),
        sa.CheckConstraint("status IN ('open', 'reviewed', 'referred')",
                           name=op.f('ck_safeguarding_concerns_known_status')),
        sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'],
                                name=op.f('fk_safeguarding_concerns_reviewed_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['session_id'], ['answer_sessions.id'],
                                name=op.f('fk_safeguarding_concerns_session_id_answer_sessions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_safeguarding_concerns')),
        **options,
    )


def _rebuild(id_column, new_ids, **options):
    """Copy every item into the new table, shuffled, with ids from ``new_ids``.

    SQLite runs DDL outside the transaction, so there the old table is dropped only once the copy
    is in (a failure leaves the old rows untouched); PostgreSQL does it all in one transaction.
    """
    bind = op.get_bind()
    old = sa.table(TABLE, *(sa.column(c.name, c.type) for c in _columns()))
    rows = [dict(row) for row in bind.execute(sa.select(old)).mappings()]
    random.SystemRandom().shuffle(rows)
    copy_first = bind.dialect.name == 'sqlite'
    if not copy_first:
        op.drop_table(TABLE)
    table = _create('_safeguarding_concerns_new' if copy_first else TABLE, id_column, **options)
    if rows:
        op.bulk_insert(table, [{"id": new_id, **row} for new_id, row in zip(new_ids, rows)])
    if copy_first:
        op.drop_table(TABLE)
        op.rename_table('_safeguarding_concerns_new', TABLE)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safeguarding_concerns_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safeguarding_concerns_status'), ['status'], unique=False)
    return len(rows)


def _random_ids():
    while True:
        yield uuid.uuid4()


def upgrade():
    _rebuild(sa.Column('id', sa.Uuid(), nullable=False), _random_ids(), sqlite_with_rowid=False)


def downgrade():
    count = _rebuild(sa.Column('id', sa.Integer(), nullable=False), iter(range(1, 1 << 31)))
    if count and op.get_bind().dialect.name == 'postgresql':
        op.execute(f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), {count})")
