"""record keys for cell-key perturbation

Each response gets a random record key (1-255) and each running tally the sum of its responses' keys
(domain.md DC5a; readers reduce it modulo 256). Existing responses get random keys here and the tallies' key sums are
recomputed from the stored answers in one grouped pass, so published figures are perturbed for old and
new responses alike.

Revision ID: e5b1c7d3a9f2
Revises: a7c3e5f19d20
Create Date: 2026-12-04 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b1c7d3a9f2'
down_revision = 'a7c3e5f19d20'
branch_labels = None
depends_on = None

#: Each response's counted (item, value) pairs, as intake tallies them: answers, and '_text' per text.
COUNTED = ("SELECT r.session_id, r.band, c.item_code, c.value, sum(r.record_key) AS key_sum "
           "FROM (SELECT response_id, item_code, value FROM answers "
           "      UNION SELECT response_id, item_code, '_text' FROM text_answers "
           "      UNION SELECT id, '_responses', '_n' FROM responses) AS c "
           "JOIN responses AS r ON r.id = c.response_id "
           "GROUP BY r.session_id, r.band, c.item_code, c.value")


def upgrade():
    op.add_column('responses', sa.Column('record_key', sa.SmallInteger(), server_default='0', nullable=False))
    op.add_column('answer_tallies', sa.Column('key_sum', sa.Integer(), server_default='0', nullable=False))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('UPDATE responses SET record_key = 1 + floor(random() * 255)::int')
    else:
        op.execute('UPDATE responses SET record_key = 1 + abs(random()) % 255')
    op.execute(f'UPDATE answer_tallies SET key_sum = s.key_sum FROM ({COUNTED}) AS s '
               'WHERE answer_tallies.session_id = s.session_id AND answer_tallies.band = s.band '
               'AND answer_tallies.item_code = s.item_code AND answer_tallies.value = s.value')


def downgrade():
    # Plain DROP COLUMN (SQLite 3.35+), not batch mode: see the from_paper migration.
    op.execute('ALTER TABLE answer_tallies DROP COLUMN key_sum')
    op.execute('ALTER TABLE responses DROP COLUMN record_key')
