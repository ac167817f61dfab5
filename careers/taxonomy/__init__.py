"""The board's vocabulary: specialties, credentials, code sets and the other enumerations."""

from careers.taxonomy.enums import (
    ApplicationStatus,
    CandidateTagKind,
    Choice,
    CodeSet,
    Credential,
    EmployerKind,
    EmploymentType,
    ExperienceLevel,
    JobStatus,
    JobTagKind,
    PayPeriod,
    Role,
    Specialty,
    State,
    WorkMode,
    WorkSetting,
)

__all__ = [
    "ApplicationStatus",
    "CandidateTagKind",
    "Choice",
    "CodeSet",
    "Credential",
    "EmployerKind",
    "EmploymentType",
    "ExperienceLevel",
    "JobStatus",
    "JobTagKind",
    "PayPeriod",
    "Role",
    "Specialty",
    "State",
    "WorkMode",
    "WorkSetting",
]
