"""Search documents: the Core reader used by pushes and reindexes builds exactly what the ORM path builds."""

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from careers.jobs.models import Job, JobTag
from careers.jobs.services import visible_jobs
from careers.search.documents import DESCRIPTION_CHARS, iter_documents, job_document, load_documents, plain_text
from tests import factories


@pytest.fixture()
def jobs(db):
    emp = factories.employer_user("Lakeshore Health")
    made = [
        factories.published_job(
            emp, title="Remote HCC Coder", work_mode="remote", remote_states=["TX", "OH", "AZ"], zip_code="43215",
            specialties=["risk-adjustment", "auditing-compliance"], required_credentials=["CRC", "CPC"],
            preferred_credentials=["CCS"], code_sets=["icd-10-cm", "hcpcs"]),
        factories.published_job(
            emp, title="On-site Pathology Coder", work_mode="on-site", remote_states=[], zip_code="78701",
            specialties=["pathology"], required_credentials=["CPC"], preferred_credentials=[], code_sets=["cpt"]),
        factories.published_job(emp, title="Hybrid coder, unknown ZIP", work_mode="hybrid", zip_code="00000"),
    ]
    factories.draft_job(emp, title="Draft: never in the index")
    return made


def _orm_documents(db, ids=None):
    stmt = visible_jobs().order_by(Job.id).options(selectinload(Job.tags), selectinload(Job.employer))
    if ids is not None:
        stmt = stmt.where(Job.id.in_(ids))
    db.session.expire_all()
    return [job_document(j) for j in db.session.scalars(stmt)]


def test_core_reader_builds_the_same_documents_as_the_orm(db, jobs):
    expected = _orm_documents(db)
    assert [d["id"] for d in expected] == [j.id for j in jobs]
    assert load_documents(db.session, visible_jobs().order_by(Job.id)) == expected
    # Batches of one and two cover partitions that end inside the id range.
    for size in (1, 2, 500):
        assert [d for batch in iter_documents(db.session, visible_jobs(), size) for d in batch] == expected
    some = [jobs[2].id, jobs[0].id]
    assert load_documents(db.session, visible_jobs().where(Job.id.in_(some)).order_by(Job.id)) == _orm_documents(
        db, some
    )


def test_tags_are_grouped_by_kind_and_sorted(db, jobs):
    doc = load_documents(db.session, visible_jobs().where(Job.id == jobs[0].id))[0]
    assert doc["remote_states"] == ["AZ", "OH", "TX"]
    assert doc["credentials"] == ["CPC", "CRC"]
    assert doc["preferred_credentials"] == ["CCS"]
    assert doc["specialties"] == ["auditing-compliance", "risk-adjustment"]
    assert doc["code_sets"] == ["hcpcs", "icd-10-cm"]
    assert doc["employer"] == "Lakeshore Health"


def test_a_job_without_tags_gets_empty_lists(db, jobs):
    db.session.execute(JobTag.__table__.delete().where(JobTag.job_id == jobs[1].id))
    db.session.commit()
    doc = load_documents(db.session, visible_jobs().where(Job.id == jobs[1].id))[0]
    assert doc["specialties"] == [] and doc["credentials"] == [] and doc["remote_states"] == []


def test_only_on_site_and_hybrid_jobs_are_placed_on_the_map(db, jobs):
    docs = {d["id"]: d for d in load_documents(db.session, visible_jobs())}
    assert "_geo" not in docs[jobs[0].id]  # remote: found by its states, not by a commute
    assert docs[jobs[1].id]["_geo"] == pytest.approx({"lat": 30.27, "lng": -97.74}, abs=0.05)
    assert "_geo" not in docs[jobs[2].id]  # hybrid, but the ZIP is unknown


def test_drafts_are_not_read(db, jobs):
    ids = {d["id"] for d in load_documents(db.session, visible_jobs())}
    drafts = set(db.session.scalars(select(Job.id).where(Job.status == "draft")))
    assert drafts and not ids & drafts


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("## Duties\n\n- Code **88305**\n- Work [queues](https://x.example)", "Duties Code 88305 Work queues https://x.example"),
        ("plain words", "plain words"),
        ("", ""),
        ("   \n\t  ", ""),
        ("a\u00a0b — c", "a b — c"),
    ],
)
def test_plain_text_strips_markdown(markdown, expected):
    assert plain_text(markdown) == expected


def test_plain_text_trims_after_cleaning_even_when_markup_fills_the_opening():
    # 2,000 characters of markup before any word: the window grows until the limit is filled.
    text = "#" * 2000 + " word" * 400
    out = plain_text(text)
    assert len(out) == DESCRIPTION_CHARS and out.startswith("word word")
    assert plain_text("x " * 5000) == ("x " * 300)[:DESCRIPTION_CHARS]
    assert plain_text("short **text**", limit=4) == "shor"
