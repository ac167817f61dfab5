"""jobs record who submitted and who closed them; description excerpt for the SQL search

Revision ID: b3f1a9c2d4e5
Revises: 7c1e0d9a4b21
Create Date: 2026-11-29 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3f1a9c2d4e5'
down_revision = '7c1e0d9a4b21'
branch_labels = None
depends_on = None


def _plain_text(markdown, limit=600):
    """careers.markdown.plain_text as of this revision (migrations do not import the app)."""
    end = limit + limit // 4
    while True:
        window = markdown[:end]
        for char in "#*_`>[]()|~-":
            window = window.replace(char, " ")
        text = " ".join(window.split())
        if len(text) >= limit or end >= len(markdown):
            return text[:limit]
        end *= 2


def upgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('description_excerpt', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('submitted_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('closed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_jobs_submitted_by_id_users'), 'users', ['submitted_by_id'],
                                    ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_jobs_closed_by_id_users'), 'users', ['closed_by_id'], ['id'],
                                    ondelete='SET NULL')

    jobs = sa.table('jobs', sa.column('id', sa.Integer), sa.column('description_md', sa.Text),
                    sa.column('description_excerpt', sa.Text))
    conn = op.get_bind()
    last = 0
    while True:
        rows = conn.execute(sa.select(jobs.c.id, jobs.c.description_md).where(jobs.c.id > last)
                            .order_by(jobs.c.id).limit(2000)).all()
        if not rows:
            break
        conn.execute(jobs.update().where(jobs.c.id == sa.bindparam('job_id')),
                     [{'job_id': r.id, 'description_excerpt': _plain_text(r.description_md or '')} for r in rows])
        last = rows[-1].id


def downgrade():
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_jobs_closed_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_jobs_submitted_by_id_users'), type_='foreignkey')
        batch_op.drop_column('closed_by_id')
        batch_op.drop_column('submitted_by_id')
        batch_op.drop_column('description_excerpt')
