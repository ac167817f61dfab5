"""Import every model so the metadata (and Alembic) sees them all."""

from careers.applications.models import Application, ApplicationEvent
from careers.auth.models import User
from careers.candidates.models import CandidateCredential, CandidateProfile
from careers.employers.models import Employer
from careers.jobs.models import Job, JobTag
from careers.notices.models import NoticePreference
from careers.search.models import SearchOutbox, SearchState

__all__ = [
    "Application",
    "ApplicationEvent",
    "CandidateCredential",
    "CandidateProfile",
    "Employer",
    "Job",
    "JobTag",
    "NoticePreference",
    "SearchOutbox",
    "SearchState",
    "User",
]
