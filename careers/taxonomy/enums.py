"""Every enumeration of the board, defined once.

Columns, form choices, filters, templates and (later) search facets and the API all read these.
Values are stable slugs (they appear in URLs and the database); labels are for people.
"""

from __future__ import annotations

from enum import StrEnum

_LABELS: dict[type, dict[str, str]] = {}


class Choice(StrEnum):
    """A StrEnum whose members carry a human label."""

    label: str

    def __new__(cls, value: str, label: str | None = None) -> Choice:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label or value
        return obj

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(value, label) pairs for WTForms."""
        return [(m.value, m.label) for m in cls]

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def label_of(cls, value: str) -> str:
        """Label for a stored value; the raw value if it is no longer known."""
        # A dict per class: building a search document asks this ~10 times (bench/README.md).
        labels = _LABELS.get(cls)
        if labels is None:
            labels = _LABELS[cls] = {m.value: m.label for m in cls}
        return labels.get(value, value)


class Role(Choice):
    CANDIDATE = "candidate", "Coder"
    EMPLOYER = "employer", "Employer"
    RECRUITER = "recruiter", "Recruiter"
    ADMIN = "admin", "Admin"


class Specialty(Choice):
    EVALUATION_MANAGEMENT = "evaluation-management", "E/M (Evaluation & Management)"
    ANESTHESIA = "anesthesia", "Anesthesia & Pain"
    GENERAL_SURGERY = "general-surgery", "General Surgery"
    ORTHOPEDICS = "orthopedics", "Orthopedics"
    CARDIOLOGY = "cardiology", "Cardiology"
    INTERVENTIONAL_RADIOLOGY = "interventional-radiology", "Interventional Radiology"
    RADIOLOGY = "radiology", "Radiology"
    PATHOLOGY = "pathology", "Pathology & Laboratory"
    EMERGENCY_DEPARTMENT = "emergency-department", "Emergency Department"
    HEMATOLOGY_ONCOLOGY = "hematology-oncology", "Hematology/Oncology"
    OBSTETRICS_GYNECOLOGY = "obstetrics-gynecology", "OB/GYN"
    GASTROENTEROLOGY = "gastroenterology", "Gastroenterology"
    UROLOGY = "urology", "Urology"
    OPHTHALMOLOGY = "ophthalmology", "Ophthalmology"
    OTOLARYNGOLOGY = "otolaryngology", "ENT (Otolaryngology)"
    NEUROLOGY = "neurology", "Neurology & Neurosurgery"
    DERMATOLOGY = "dermatology", "Dermatology"
    PEDIATRICS = "pediatrics", "Pediatrics"
    PRIMARY_CARE = "primary-care", "Primary Care / Family Practice"
    BEHAVIORAL_HEALTH = "behavioral-health", "Behavioral Health"
    AMBULATORY_SURGERY = "ambulatory-surgery", "Ambulatory Surgery Center"
    RISK_ADJUSTMENT = "risk-adjustment", "Risk Adjustment / HCC"
    INPATIENT_CODING = "inpatient-coding", "Inpatient (DRG / ICD-10-PCS)"
    OUTPATIENT_FACILITY = "outpatient-facility", "Outpatient Facility"
    CDI = "clinical-documentation-integrity", "Clinical Documentation Integrity (CDI)"
    AUDITING_COMPLIANCE = "auditing-compliance", "Auditing & Compliance"
    DENIALS_MANAGEMENT = "denials-management", "Denials Management"
    DME_SUPPLIES = "dme-supplies", "DME & Supplies"


class Credential(Choice):
    """Coding credentials; the label names the credential and its issuing body."""

    # AAPC core
    CPC = "CPC", "CPC – Certified Professional Coder (AAPC)"
    CPC_A = "CPC-A", "CPC-A – Certified Professional Coder Apprentice (AAPC)"
    COC = "COC", "COC – Certified Outpatient Coder (AAPC)"
    CIC = "CIC", "CIC – Certified Inpatient Coder (AAPC)"
    CRC = "CRC", "CRC – Certified Risk Adjustment Coder (AAPC)"
    CPC_P = "CPC-P", "CPC-P – Certified Professional Coder-Payer (AAPC)"
    CPB = "CPB", "CPB – Certified Professional Biller (AAPC)"
    CPMA = "CPMA", "CPMA – Certified Professional Medical Auditor (AAPC)"
    CPCO = "CPCO", "CPCO – Certified Professional Compliance Officer (AAPC)"
    CPPM = "CPPM", "CPPM – Certified Physician Practice Manager (AAPC)"
    CDEO = "CDEO", "CDEO – Certified Documentation Expert Outpatient (AAPC)"
    # AAPC specialty
    CANPC = "CANPC", "CANPC – Certified Anesthesia and Pain Management Coder (AAPC)"
    CASCC = "CASCC", "CASCC – Certified Ambulatory Surgery Center Coder (AAPC)"
    CEDC = "CEDC", "CEDC – Certified Emergency Department Coder (AAPC)"
    CEMC = "CEMC", "CEMC – Certified Evaluation and Management Coder (AAPC)"
    CFPC = "CFPC", "CFPC – Certified Family Practice Coder (AAPC)"
    CGSC = "CGSC", "CGSC – Certified General Surgery Coder (AAPC)"
    CIRCC = "CIRCC", "CIRCC – Certified Interventional Radiology Cardiovascular Coder (AAPC)"
    COBGC = "COBGC", "COBGC – Certified Obstetrics Gynecology Coder (AAPC)"
    COSC = "COSC", "COSC – Certified Orthopaedic Surgery Coder (AAPC)"
    CPCD = "CPCD", "CPCD – Certified Professional Coder in Dermatology (AAPC)"
    CPEDC = "CPEDC", "CPEDC – Certified Pediatrics Coder (AAPC)"
    CRHC = "CRHC", "CRHC – Certified Rural Health Coder (AAPC)"
    # AHIMA
    CCA = "CCA", "CCA – Certified Coding Associate (AHIMA)"
    CCS = "CCS", "CCS – Certified Coding Specialist (AHIMA)"
    CCS_P = "CCS-P", "CCS-P – Certified Coding Specialist-Physician-based (AHIMA)"
    RHIT = "RHIT", "RHIT – Registered Health Information Technician (AHIMA)"
    RHIA = "RHIA", "RHIA – Registered Health Information Administrator (AHIMA)"
    CDIP = "CDIP", "CDIP – Certified Documentation Integrity Practitioner (AHIMA)"
    CHDA = "CHDA", "CHDA – Certified Health Data Analyst (AHIMA)"
    CHPS = "CHPS", "CHPS – Certified in Healthcare Privacy and Security (AHIMA)"
    # ACDIS
    CCDS = "CCDS", "CCDS – Certified Clinical Documentation Specialist (ACDIS)"
    CCDS_O = "CCDS-O", "CCDS-O – Certified Clinical Documentation Specialist-Outpatient (ACDIS)"
    # Others
    CBCS = "CBCS", "CBCS – Certified Billing and Coding Specialist (NHA)"
    CMRS = "CMRS", "CMRS – Certified Medical Reimbursement Specialist (AMBA)"
    CMC = "CMC", "CMC – Certified Medical Coder (PMI)"

    @property
    def short(self) -> str:
        return self.value


class CodeSet(Choice):
    ICD10CM = "icd-10-cm", "ICD-10-CM"
    ICD10PCS = "icd-10-pcs", "ICD-10-PCS"
    CPT = "cpt", "CPT"
    HCPCS = "hcpcs", "HCPCS Level II"
    MODIFIERS = "modifiers", "Modifiers"
    MS_DRG = "ms-drg", "MS-DRG"
    APR_DRG = "apr-drg", "APR-DRG"
    CMS_HCC = "cms-hcc", "CMS-HCC"
    CDT = "cdt", "CDT (dental)"


class WorkSetting(Choice):
    PHYSICIAN_PRACTICE = "pro-fee", "Physician practice / pro-fee"
    INPATIENT = "inpatient", "Hospital inpatient"
    OUTPATIENT_FACILITY = "outpatient-facility", "Hospital outpatient / surgery center"
    PAYER = "payer", "Payer / health plan"
    VENDOR = "vendor", "Revenue-cycle / coding vendor"
    AUDIT = "audit", "Audit / consulting firm"
    LABORATORY = "laboratory", "Laboratory"
    RADIOLOGY_GROUP = "radiology-group", "Radiology group"
    RISK_ADJUSTMENT = "risk-adjustment-vendor", "Risk-adjustment vendor"


class WorkMode(Choice):
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"
    ONSITE = "on-site", "On-site"


class EmploymentType(Choice):
    FULL_TIME = "full-time", "Full time"
    PART_TIME = "part-time", "Part time"
    CONTRACT = "contract", "Contract"
    PER_DIEM = "per-diem", "Per diem / per chart"


class ExperienceLevel(Choice):
    ENTRY = "entry", "Entry level (0–1 years)"
    MID = "mid", "Mid level (2–4 years)"
    SENIOR = "senior", "Senior (5+ years)"
    LEAD = "lead", "Lead / manager"


class PayPeriod(Choice):
    HOUR = "hour", "per hour"
    YEAR = "year", "per year"


class EmployerKind(Choice):
    HOSPITAL = "hospital", "Hospital / health system"
    PHYSICIAN_GROUP = "physician-group", "Physician group"
    CODING_VENDOR = "coding-vendor", "Coding vendor"
    PAYER = "payer", "Payer / health plan"
    LAB = "lab", "Laboratory"
    OTHER = "other", "Other"


class JobStatus(Choice):
    DRAFT = "draft", "Draft"
    REVIEW = "review", "In review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    EXPIRED = "expired", "Expired"
    FILLED = "filled", "Filled"


class ApplicationStatus(Choice):
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEW = "interview", "Interview"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Not selected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class JobTagKind(Choice):
    """The many-valued attributes of a job, stored in one tag table."""

    SPECIALTY = "specialty", "Specialty"
    REQUIRED_CREDENTIAL = "required-credential", "Required credential"
    PREFERRED_CREDENTIAL = "preferred-credential", "Preferred credential"
    CODE_SET = "code-set", "Code set"
    REMOTE_STATE = "remote-state", "Remote-eligible state"


class CandidateTagKind(Choice):
    """The many-valued attributes of a coder's profile, stored in one tag table (same values as JobTagKind)."""

    SPECIALTY = "specialty", "Specialty"
    CODE_SET = "code-set", "Code set"

    @property
    def vocabulary(self) -> type[Choice]:
        """The enumeration this kind's values come from."""
        return _CANDIDATE_TAG_VOCABULARY[self]


_CANDIDATE_TAG_VOCABULARY: dict[CandidateTagKind, type[Choice]] = {
    CandidateTagKind.SPECIALTY: Specialty,
    CandidateTagKind.CODE_SET: CodeSet,
}


class State(Choice):
    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    PR = "PR", "Puerto Rico"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"
