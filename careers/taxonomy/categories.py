"""Code categories as data: which code ranges exist, what they are called, and which specialties they link to.

Four code sets: CPT (Category I sections and subsections, Category II, Category III, PLA), HCPCS Level II
(sections by letter), ICD-10-CM (chapters and a few blocks) and ICD-10-PCS (sections by first character).

Legal: CPT descriptors are AMA copyright. This module holds CPT code numbers, numeric ranges and
section/subsection names only, never a descriptor. ICD-10-CM, ICD-10-PCS and HCPCS Level II are US
government code sets (public domain); the ICD-10-CM chapter and block names below are copied from the
CDC tabular shipped in the simple-icd-10-cm package, and tests/taxonomy checks them against it.

Ordering: a code is compared only with codes of its own kind (see `code_kind`). CPT Category I compares as
a 5-digit number; Category II/III/PLA (4 digits + F/T/U) by their 4 digits within their suffix; HCPCS by
letter then number; ICD-10-CM by its 3-character category, each character ranked 0-9 then A-Z (so O9A
sorts after O99 and QA0 after Q99); ICD-10-PCS by its first character (the section).

That order puts every ICD-10-CM category in its chapter, but the tabular files three lettered categories
in blocks whose range label they sort outside of (C4A in C43-C44, M1A in M05-M14, Z3A in Z30-Z39); no
single order fits every block label (J45-J47 sit after J4A in the tabular yet inside J40-J4A), so those
three are listed in ICD10CM_BLOCK_EXTRAS and `CodeCategory.contains` honours them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careers.taxonomy.enums import CodeSet, Credential, Specialty

__all__ = [
    "CATEGORIES",
    "CATEGORIES_BY_KEY",
    "CREDENTIALS_BY_SPECIALTY",
    "HCPCS_SECTION_LETTERS",
    "ICD10CM_BLOCK_EXTRAS",
    "ICD10CM_LETTER_CATEGORIES",
    "ICD10PCS_SECTIONS",
    "RANGE_NOTES",
    "SOURCES",
    "CodeCategory",
    "chain",
    "code_kind",
    "code_ordinal",
    "sort_key",
]

# --- ordering -------------------------------------------------------------------------------------------

_RANK = {ch: i for i, ch in enumerate("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")}

_RE_CPT_CAT1 = re.compile(r"[0-9]{5}")
_RE_CPT_SUFFIXED = re.compile(r"[0-9]{4}[FTU]")
_RE_HCPCS = re.compile(r"[A-Z][0-9]{4}")
_RE_ICD10CM = re.compile(r"[A-Z][0-9A-Z]{2}(?:\.?[0-9A-Z]{0,4})?")
_RE_ICD10PCS = re.compile(r"[0-9A-HJ-NP-Z]{1,7}")

_CPT_KINDS = {"F": "cpt-category-2", "T": "cpt-category-3", "U": "cpt-pla"}


def code_kind(code_set: CodeSet, code: str) -> str:
    """The kind a code is compared within: 'cpt-category-1', 'cpt-category-2', 'hcpcs', 'icd-10-cm', ..."""
    if code_set == CodeSet.CPT:
        if _RE_CPT_CAT1.fullmatch(code):
            return "cpt-category-1"
        if _RE_CPT_SUFFIXED.fullmatch(code):
            return _CPT_KINDS[code[-1]]
    elif code_set == CodeSet.HCPCS:
        if _RE_HCPCS.fullmatch(code):
            return "hcpcs"
    elif code_set == CodeSet.ICD10CM:
        if _RE_ICD10CM.fullmatch(code):
            return "icd-10-cm"
    elif code_set == CodeSet.ICD10PCS:
        if _RE_ICD10PCS.fullmatch(code):
            return "icd-10-pcs"
    raise ValueError(f"{code!r} is not a {code_set} code")


def code_ordinal(code_set: CodeSet, code: str) -> int:
    """A number that orders codes of one kind; ICD-10-CM codes order by their 3-character category."""
    kind = code_kind(code_set, code)
    if kind == "cpt-category-1":
        return int(code)
    if kind.startswith("cpt-"):
        return int(code[:4])
    if kind == "hcpcs":
        return _RANK[code[0]] * 10_000 + int(code[1:])
    if kind == "icd-10-cm":
        return _RANK[code[0]] * 36 * 36 + _RANK[code[1]] * 36 + _RANK[code[2]]
    return _RANK[code[0]]  # ICD-10-PCS: the section character


def sort_key(code_set: CodeSet, code: str) -> tuple[str, int]:
    """Sort key for codes of one code set: kind first, then position within the kind."""
    return code_kind(code_set, code), code_ordinal(code_set, code)


# --- the data class -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeCategory:
    """A named, contiguous range of codes in one code set, linked to the specialties that work in it."""

    key: str
    code_set: CodeSet
    name: str
    start: str
    end: str
    specialties: tuple[str, ...]
    parent_key: str | None = None

    @property
    def range(self) -> str:
        """The range as people write it: '80047-89398' (a one-code range is just the code)."""
        return self.start if self.start == self.end else f"{self.start}-{self.end}"

    @property
    def kind(self) -> str:
        return code_kind(self.code_set, self.start)

    @property
    def extra_members(self) -> frozenset[str]:
        """ICD-10-CM categories the tabular files in this block although they sort outside its range."""
        return ICD10CM_BLOCK_EXTRAS.get(self.range, frozenset()) if self.code_set == CodeSet.ICD10CM else frozenset()

    @property
    def parent(self) -> CodeCategory | None:
        return CATEGORIES_BY_KEY[self.parent_key] if self.parent_key else None

    def contains(self, code: str) -> bool:
        """True when `code` (normalised, same code set) falls within start..end of the same kind."""
        try:
            if code_kind(self.code_set, code) != self.kind:
                return False
            ordinal = code_ordinal(self.code_set, code)
        except ValueError:
            return False
        if code[:3] in self.extra_members:
            return True
        return code_ordinal(self.code_set, self.start) <= ordinal <= code_ordinal(self.code_set, self.end)


def chain(category: CodeCategory) -> list[CodeCategory]:
    """The category and its ancestors, most specific first."""
    out = [category]
    while out[-1].parent_key:
        out.append(CATEGORIES_BY_KEY[out[-1].parent_key])
    return out


# --- specialties, shorthand -----------------------------------------------------------------------------

S = Specialty
EM = S.EVALUATION_MANAGEMENT.value
ANES = S.ANESTHESIA.value
GS = S.GENERAL_SURGERY.value
ORTHO = S.ORTHOPEDICS.value
CARD = S.CARDIOLOGY.value
IR = S.INTERVENTIONAL_RADIOLOGY.value
RAD = S.RADIOLOGY.value
PATH = S.PATHOLOGY.value
ED = S.EMERGENCY_DEPARTMENT.value
ONC = S.HEMATOLOGY_ONCOLOGY.value
OB = S.OBSTETRICS_GYNECOLOGY.value
GI = S.GASTROENTEROLOGY.value
URO = S.UROLOGY.value
OPH = S.OPHTHALMOLOGY.value
ENT = S.OTOLARYNGOLOGY.value
NEURO = S.NEUROLOGY.value
DERM = S.DERMATOLOGY.value
PEDS = S.PEDIATRICS.value
PC = S.PRIMARY_CARE.value
BH = S.BEHAVIORAL_HEALTH.value
ASC = S.AMBULATORY_SURGERY.value
RA = S.RISK_ADJUSTMENT.value
INPT = S.INPATIENT_CODING.value
OPF = S.OUTPATIENT_FACILITY.value
CDI = S.CDI.value
AUDIT = S.AUDITING_COMPLIANCE.value
DENIALS = S.DENIALS_MANAGEMENT.value
DME = S.DME_SUPPLIES.value


def _cat(
    key: str, code_set: CodeSet, name: str, start: str, end: str, specialties: tuple[str, ...] = (),
    parent: str | None = None,
) -> CodeCategory:
    return CodeCategory(key, code_set, name, start, end, tuple(specialties), parent)


CPT, HCPCS, CM, PCS = CodeSet.CPT, CodeSet.HCPCS, CodeSet.ICD10CM, CodeSet.ICD10PCS

# --- CPT ------------------------------------------------------------------------------------------------
# Names are section and subsection headings only. Open-ended series (Category III, PLA) end at the
# highest number of their kind, since new codes are issued in sequence.

_CPT: tuple[CodeCategory, ...] = (
    # Evaluation and Management
    _cat("cpt-em", CPT, "Evaluation and Management", "99202", "99499", (EM,)),
    _cat("cpt-em-office", CPT, "Office or Other Outpatient Services", "99202", "99215", (PC,), "cpt-em"),
    _cat("cpt-em-hospital", CPT, "Hospital Inpatient and Observation Care Services", "99221", "99239", (),
         "cpt-em"),
    _cat("cpt-em-ed", CPT, "Emergency Department Services", "99281", "99285", (ED,), "cpt-em"),
    _cat("cpt-em-critical-care", CPT, "Critical Care Services", "99291", "99292", (ED,), "cpt-em"),
    _cat("cpt-em-preventive", CPT, "Preventive Medicine Services", "99381", "99429", (PC, PEDS), "cpt-em"),
    # E/M telemedicine (2025) is numbered inside the Medicine range but belongs to the E/M section.
    _cat("cpt-em-telemedicine", CPT, "Telemedicine Services", "98000", "98016", (), "cpt-em"),
    # Anesthesia
    _cat("cpt-anesthesia", CPT, "Anesthesia", "00100", "01999", (ANES,)),
    # Surgery
    _cat("cpt-surgery", CPT, "Surgery", "10004", "69990", (ASC,)),
    _cat("cpt-surgery-general", CPT, "General", "10004", "10021", (GS,), "cpt-surgery"),
    _cat("cpt-surgery-integumentary", CPT, "Integumentary System", "10030", "19499", (GS, DERM), "cpt-surgery"),
    _cat("cpt-surgery-musculoskeletal", CPT, "Musculoskeletal System", "20100", "29999", (ORTHO,), "cpt-surgery"),
    _cat("cpt-surgery-respiratory", CPT, "Respiratory System", "30000", "32999", (ENT, GS), "cpt-surgery"),
    _cat("cpt-surgery-cardiovascular", CPT, "Cardiovascular System", "33016", "37799", (CARD, IR),
         "cpt-surgery"),
    _cat("cpt-surgery-hemic-lymphatic", CPT, "Hemic and Lymphatic Systems", "38100", "38999", (GS, ONC),
         "cpt-surgery"),
    _cat("cpt-surgery-mediastinum", CPT, "Mediastinum and Diaphragm", "39000", "39599", (GS,), "cpt-surgery"),
    _cat("cpt-surgery-digestive", CPT, "Digestive System", "40490", "49999", (GI, GS), "cpt-surgery"),
    _cat("cpt-surgery-urinary", CPT, "Urinary System", "50010", "53899", (URO,), "cpt-surgery"),
    _cat("cpt-surgery-male-genital", CPT, "Male Genital System", "54000", "55899", (URO,), "cpt-surgery"),
    _cat("cpt-surgery-reproductive-intersex", CPT, "Reproductive System Procedures and Intersex Surgery",
         "55920", "55980", (URO,), "cpt-surgery"),
    _cat("cpt-surgery-female-genital", CPT, "Female Genital System", "56405", "58999", (OB,), "cpt-surgery"),
    _cat("cpt-surgery-maternity", CPT, "Maternity Care and Delivery", "59000", "59899", (OB,), "cpt-surgery"),
    _cat("cpt-surgery-endocrine", CPT, "Endocrine System", "60000", "60699", (GS, ENT), "cpt-surgery"),
    _cat("cpt-surgery-nervous", CPT, "Nervous System", "61000", "64999", (NEURO,), "cpt-surgery"),
    _cat("cpt-surgery-eye", CPT, "Eye and Ocular Adnexa", "65091", "68899", (OPH,), "cpt-surgery"),
    _cat("cpt-surgery-auditory", CPT, "Auditory System", "69000", "69979", (ENT,), "cpt-surgery"),
    _cat("cpt-surgery-microscope", CPT, "Operating Microscope", "69990", "69990", (), "cpt-surgery"),
    # Radiology
    _cat("cpt-radiology", CPT, "Radiology", "70010", "79999", (RAD,)),
    _cat("cpt-radiology-diagnostic", CPT, "Diagnostic Radiology (Diagnostic Imaging)", "70010", "76499", (),
         "cpt-radiology"),
    _cat("cpt-radiology-ultrasound", CPT, "Diagnostic Ultrasound", "76506", "76999", (), "cpt-radiology"),
    _cat("cpt-radiology-guidance", CPT, "Radiologic Guidance", "77001", "77022", (IR,), "cpt-radiology"),
    _cat("cpt-radiology-breast", CPT, "Breast, Mammography", "77046", "77067", (), "cpt-radiology"),
    _cat("cpt-radiology-bone-joint", CPT, "Bone/Joint Studies", "77071", "77086", (), "cpt-radiology"),
    _cat("cpt-radiology-radiation-oncology", CPT, "Radiation Oncology", "77261", "77799", (ONC,),
         "cpt-radiology"),
    _cat("cpt-radiology-nuclear", CPT, "Nuclear Medicine", "78012", "79999", (), "cpt-radiology"),
    # Pathology and Laboratory
    _cat("cpt-pathology", CPT, "Pathology and Laboratory", "80047", "89398", (PATH,)),
    _cat("cpt-path-panels", CPT, "Organ or Disease-Oriented Panels", "80047", "80081", (), "cpt-pathology"),
    _cat("cpt-path-drug-assay", CPT, "Drug Assay", "80143", "80377", (), "cpt-pathology"),
    _cat("cpt-path-evocative", CPT, "Evocative/Suppression Testing", "80400", "80439", (), "cpt-pathology"),
    _cat("cpt-path-consultations", CPT, "Pathology Clinical Consultations", "80503", "80506", (),
         "cpt-pathology"),
    _cat("cpt-path-urinalysis", CPT, "Urinalysis", "81000", "81099", (), "cpt-pathology"),
    _cat("cpt-path-molecular", CPT, "Molecular Pathology", "81105", "81479", (), "cpt-pathology"),
    _cat("cpt-path-maaa", CPT, "Multianalyte Assays with Algorithmic Analyses", "81490", "81599", (),
         "cpt-pathology"),
    _cat("cpt-path-chemistry", CPT, "Chemistry", "82009", "84999", (), "cpt-pathology"),
    _cat("cpt-path-hematology", CPT, "Hematology and Coagulation", "85002", "85999", (ONC,), "cpt-pathology"),
    _cat("cpt-path-immunology", CPT, "Immunology", "86000", "86849", (), "cpt-pathology"),
    _cat("cpt-path-transfusion", CPT, "Transfusion Medicine", "86850", "86999", (), "cpt-pathology"),
    _cat("cpt-path-microbiology", CPT, "Microbiology", "87003", "87999", (), "cpt-pathology"),
    _cat("cpt-path-anatomic", CPT, "Anatomic Pathology", "88000", "88099", (), "cpt-pathology"),
    _cat("cpt-path-cytopathology", CPT, "Cytopathology", "88104", "88199", (), "cpt-pathology"),
    _cat("cpt-path-cytogenetics", CPT, "Cytogenetic Studies", "88230", "88299", (), "cpt-pathology"),
    _cat("cpt-path-surgical", CPT, "Surgical Pathology", "88300", "88399", (), "cpt-pathology"),
    _cat("cpt-path-in-vivo", CPT, "In Vivo (eg, Transcutaneous) Laboratory Procedures", "88720", "88749", (),
         "cpt-pathology"),
    _cat("cpt-path-other", CPT, "Other Procedures", "89049", "89240", (), "cpt-pathology"),
    _cat("cpt-path-reproductive", CPT, "Reproductive Medicine Procedures", "89250", "89398", (),
         "cpt-pathology"),
    # Medicine (two ranges either side of E/M)
    _cat("cpt-medicine", CPT, "Medicine", "90281", "99199", ()),
    _cat("cpt-med-immune-globulins", CPT, "Immune Globulins, Serum or Recombinant Products", "90281", "90399",
         (), "cpt-medicine"),
    _cat("cpt-med-vaccines", CPT, "Vaccines, Toxoids and Immunization Administration", "90460", "90759",
         (PEDS, PC), "cpt-medicine"),
    _cat("cpt-med-psychiatry", CPT, "Psychiatry", "90785", "90899", (BH,), "cpt-medicine"),
    _cat("cpt-med-biofeedback", CPT, "Biofeedback", "90901", "90913", (), "cpt-medicine"),
    _cat("cpt-med-dialysis", CPT, "Dialysis", "90935", "90999", (), "cpt-medicine"),
    _cat("cpt-med-gastroenterology", CPT, "Gastroenterology", "91010", "91299", (GI,), "cpt-medicine"),
    _cat("cpt-med-ophthalmology", CPT, "Ophthalmology", "92002", "92499", (OPH,), "cpt-medicine"),
    _cat("cpt-med-otorhinolaryngology", CPT, "Special Otorhinolaryngologic Services", "92502", "92700", (ENT,),
         "cpt-medicine"),
    _cat("cpt-med-cardiovascular", CPT, "Cardiovascular", "92920", "93799", (CARD,), "cpt-medicine"),
    _cat("cpt-med-vascular-studies", CPT, "Noninvasive Vascular Diagnostic Studies", "93880", "93998",
         (CARD, RAD), "cpt-medicine"),
    _cat("cpt-med-pulmonary", CPT, "Pulmonary", "94002", "94799", (), "cpt-medicine"),
    _cat("cpt-med-allergy", CPT, "Allergy and Clinical Immunology", "95004", "95199", (), "cpt-medicine"),
    _cat("cpt-med-endocrinology", CPT, "Endocrinology", "95249", "95251", (), "cpt-medicine"),
    _cat("cpt-med-neurology", CPT, "Neurology and Neuromuscular Procedures", "95700", "96020", (NEURO,),
         "cpt-medicine"),
    _cat("cpt-med-cns-assessments", CPT, "Central Nervous System Assessments/Tests", "96105", "96146",
         (BH, NEURO), "cpt-medicine"),
    _cat("cpt-med-health-behavior", CPT, "Health Behavior Assessment and Intervention", "96156", "96171", (BH,),
         "cpt-medicine"),
    _cat("cpt-med-drug-administration", CPT, "Hydration, Injections, Infusions and Chemotherapy Administration",
         "96360", "96549", (OPF,), "cpt-medicine"),
    _cat("cpt-med-chemotherapy", CPT, "Chemotherapy Administration", "96401", "96549", (ONC,),
         "cpt-med-drug-administration"),
    _cat("cpt-med-photodynamic", CPT, "Photodynamic Therapy", "96567", "96574", (DERM,), "cpt-medicine"),
    _cat("cpt-med-dermatology", CPT, "Special Dermatological Procedures", "96900", "96999", (DERM,),
         "cpt-medicine"),
    _cat("cpt-med-physical-medicine", CPT, "Physical Medicine and Rehabilitation", "97010", "97799", (),
         "cpt-medicine"),
    _cat("cpt-med-adaptive-behavior", CPT, "Adaptive Behavior Services", "97151", "97158", (BH,),
         "cpt-medicine"),
    _cat("cpt-med-nutrition", CPT, "Medical Nutrition Therapy", "97802", "97804", (), "cpt-medicine"),
    _cat("cpt-med-acupuncture", CPT, "Acupuncture", "97810", "97814", (), "cpt-medicine"),
    _cat("cpt-med-osteopathic", CPT, "Osteopathic Manipulative Treatment", "98925", "98929", (PC,),
         "cpt-medicine"),
    _cat("cpt-med-chiropractic", CPT, "Chiropractic Manipulative Treatment", "98940", "98943", (),
         "cpt-medicine"),
    _cat("cpt-med-qualifying-circumstances", CPT, "Qualifying Circumstances for Anesthesia", "99100", "99140",
         (ANES,), "cpt-medicine"),
    _cat("cpt-med-sedation", CPT, "Moderate (Conscious) Sedation", "99151", "99157", (ANES,), "cpt-medicine"),
    _cat("cpt-medicine-home", CPT, "Medicine", "99500", "99607", ()),
    _cat("cpt-med-home-health", CPT, "Home Health Procedures/Services", "99500", "99602", (),
         "cpt-medicine-home"),
    _cat("cpt-med-mtm", CPT, "Medication Therapy Management Services", "99605", "99607", (),
         "cpt-medicine-home"),
    # Category II, Category III, PLA
    _cat("cpt-category-2", CPT, "Category II (Performance Measurement)", "0001F", "9007F", (AUDIT,)),
    _cat("cpt-category-3", CPT, "Category III (Emerging Technology)", "0042T", "9999T", ()),
    _cat("cpt-cat3-digital-pathology-2023", CPT, "Digital Pathology Digitization Procedures", "0751T", "0763T",
         (PATH,), "cpt-category-3"),
    _cat("cpt-cat3-digital-pathology-2024", CPT, "Digital Pathology Digitization Procedures", "0827T", "0856T",
         (PATH,), "cpt-category-3"),
    _cat("cpt-pla", CPT, "Proprietary Laboratory Analyses (PLA)", "0001U", "9999U", (PATH,)),
)

# --- HCPCS Level II -------------------------------------------------------------------------------------

_HCPCS_SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("A", "Transportation Services and Medical and Surgical Supplies", (DME,)),
    ("B", "Enteral and Parenteral Therapy", (DME,)),
    ("C", "Outpatient PPS", (OPF,)),
    ("D", "Dental Procedures", ()),
    ("E", "Durable Medical Equipment", (DME,)),
    ("G", "Procedures/Professional Services (Temporary)", ()),
    ("H", "Behavioral Health and Substance Abuse Treatment Services", (BH,)),
    ("J", "Drugs Administered Other Than Oral Method", ()),
    ("K", "Temporary Codes (Durable Medical Equipment)", (DME,)),
    ("L", "Orthotic and Prosthetic Procedures and Devices", (DME, ORTHO)),
    ("M", "Medical Services and Quality Measures", (AUDIT,)),
    ("P", "Pathology and Laboratory Services", (PATH,)),
    ("Q", "Temporary Codes", ()),
    ("R", "Diagnostic Radiology Services", (RAD,)),
    # Payer-specific codes with no Medicare coverage: coverage edits and denials are the daily work.
    ("S", "Temporary National Codes (Non-Medicare)", (DENIALS,)),
    ("T", "National Codes for State Medicaid Agencies", ()),
    ("U", "Coronavirus Laboratory Tests", (PATH,)),
    ("V", "Vision, Hearing and Speech-Language Pathology Services", (OPH, ENT)),
)
HCPCS_SECTION_LETTERS = frozenset(letter for letter, _, _ in _HCPCS_SECTIONS)

_HCPCS: tuple[CodeCategory, ...] = (
    *(
        _cat(f"hcpcs-{letter.lower()}", HCPCS, name, f"{letter}0000", f"{letter}9999", specialties)
        for letter, name, specialties in _HCPCS_SECTIONS
    ),
    _cat("hcpcs-j-chemotherapy", HCPCS, "Chemotherapy Drugs", "J9000", "J9999", (ONC,), "hcpcs-j"),
)

# --- ICD-10-CM ------------------------------------------------------------------------------------------
# Chapter and block names as in the CDC April 2026 tabular (simple-icd-10-cm), without the trailing range.

_ICD_CHAPTERS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("1", "Certain infectious and parasitic diseases", "A00", "B99", (PC,)),
    ("2", "Neoplasms", "C00", "D49", (ONC,)),
    ("3", "Diseases of the blood and blood-forming organs and certain disorders involving the immune mechanism",
     "D50", "D89", (ONC,)),
    ("4", "Endocrine, nutritional and metabolic diseases", "E00", "E89", (PC,)),
    ("5", "Mental, Behavioral and Neurodevelopmental disorders", "F01", "F99", (BH,)),
    ("6", "Diseases of the nervous system", "G00", "G99", (NEURO,)),
    ("7", "Diseases of the eye and adnexa", "H00", "H59", (OPH,)),
    ("8", "Diseases of the ear and mastoid process", "H60", "H95", (ENT,)),
    ("9", "Diseases of the circulatory system", "I00", "I99", (CARD,)),
    ("10", "Diseases of the respiratory system", "J00", "J99", (PC,)),
    ("11", "Diseases of the digestive system", "K00", "K95", (GI,)),
    ("12", "Diseases of the skin and subcutaneous tissue", "L00", "L99", (DERM,)),
    ("13", "Diseases of the musculoskeletal system and connective tissue", "M00", "M99", (ORTHO,)),
    ("14", "Diseases of the genitourinary system", "N00", "N99", (URO,)),
    ("15", "Pregnancy, childbirth and the puerperium", "O00", "O9A", (OB,)),
    ("16", "Certain conditions originating in the perinatal period", "P00", "P96", (PEDS,)),
    ("17", "Congenital malformations, deformations and chromosomal abnormalities", "Q00", "QA0", (PEDS,)),
    ("18", "Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified",
     "R00", "R99", (PC, ED)),
    ("19", "Injury, poisoning and certain other consequences of external causes", "S00", "T88", (ORTHO, ED)),
    ("20", "External causes of morbidity", "V00", "Y99", (ED,)),
    ("21", "Factors influencing health status and contact with health services", "Z00", "Z99", (PC,)),
    ("22", "Codes for special purposes", "U00", "U85", ()),
)

# Blocks that carry links beyond their chapter's: HCC-relevant (risk adjustment), frequent CDI query
# targets (sepsis, malnutrition, heart failure, respiratory failure, kidney failure), and sub-specialties.
_ICD_BLOCKS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # (block, name, chapter or parent block, specialties)
    ("A30-A49", "Other bacterial diseases", "1", (CDI,)),
    ("C00-C96", "Malignant neoplasms", "2", (RA,)),
    ("C43-C44", "Melanoma and other malignant neoplasms of skin", "C00-C96", (DERM,)),
    ("C51-C58", "Malignant neoplasms of female genital organs", "C00-C96", (OB,)),
    ("E08-E13", "Diabetes mellitus", "4", (RA, PC)),
    ("E40-E46", "Malnutrition", "4", (RA, CDI)),
    ("E65-E68", "Overweight, obesity and other hyperalimentation", "4", (RA,)),
    ("F10-F19", "Mental and behavioral disorders due to psychoactive substance use", "5", (RA,)),
    ("F20-F29", "Schizophrenia, schizotypal, delusional, and other non-mood psychotic disorders", "5", (RA,)),
    ("F30-F39", "Mood [affective] disorders", "5", (RA,)),
    ("I20-I25", "Ischemic heart diseases", "9", (RA,)),
    ("I30-I5A", "Other forms of heart disease", "9", (RA, CDI)),
    ("J30-J39", "Other diseases of upper respiratory tract", "10", (ENT,)),
    ("J40-J4A", "Chronic lower respiratory diseases", "10", (RA,)),
    ("J96-J99", "Other diseases of the respiratory system", "10", (CDI,)),
    ("M05-M14", "Inflammatory polyarthropathies", "13", (RA,)),
    ("N17-N19", "Acute kidney failure and chronic kidney disease", "14", (RA, CDI)),
    ("N70-N77", "Inflammatory diseases of female pelvic organs", "14", (OB,)),
    ("N80-N98", "Noninflammatory disorders of female genital tract", "14", (OB,)),
)


def _icd_key(ref: str) -> str:
    return f"icd10cm-chapter-{ref}" if ref.isdigit() else f"icd10cm-{ref.lower()}"


_ICD10CM: tuple[CodeCategory, ...] = (
    *(
        _cat(_icd_key(number), CM, name, start, end, specialties)
        for number, name, start, end, specialties in _ICD_CHAPTERS
    ),
    *(
        _cat(_icd_key(block), CM, name, block[:3], block[4:], specialties, _icd_key(parent))
        for block, name, parent, specialties in _ICD_BLOCKS
    ),
)

# Lettered categories the tabular (April 2026) files inside a block whose range label they sort outside of.
ICD10CM_BLOCK_EXTRAS: dict[str, frozenset[str]] = {
    "C43-C44": frozenset({"C4A"}),
    "M05-M14": frozenset({"M1A"}),
    "Z30-Z39": frozenset({"Z3A"}),
}

# ICD-10-CM categories (April 2026) with a letter in the 2nd or 3rd position; every other category is
# letter, digit, digit. Tests check this set against the package so a new release that adds one is noticed.
ICD10CM_LETTER_CATEGORIES = frozenset({"C4A", "C7A", "C7B", "D3A", "I1A", "I5A", "J4A", "M1A", "O9A", "Z3A", "QA0"})

# --- ICD-10-PCS -----------------------------------------------------------------------------------------

ICD10PCS_SECTIONS: dict[str, str] = {
    "0": "Medical and Surgical",
    "1": "Obstetrics",
    "2": "Placement",
    "3": "Administration",
    "4": "Measurement and Monitoring",
    "5": "Extracorporeal or Systemic Assistance and Performance",
    "6": "Extracorporeal or Systemic Therapies",
    "7": "Osteopathic",
    "8": "Other Procedures",
    "9": "Chiropractic",
    "B": "Imaging",
    "C": "Nuclear Medicine",
    "D": "Radiation Therapy",
    "F": "Physical Rehabilitation and Diagnostic Audiology",
    "G": "Mental Health",
    "H": "Substance Abuse Treatment",
    "X": "New Technology",
}
_PCS_EXTRA: dict[str, tuple[str, ...]] = {
    "1": (OB,),
    "B": (RAD,),
    "C": (RAD,),
    "D": (ONC,),
    "G": (BH,),
    "H": (BH,),
}

_ICD10PCS: tuple[CodeCategory, ...] = tuple(
    _cat(f"icd10pcs-{section.lower()}", PCS, name, section, section, (INPT, *_PCS_EXTRA.get(section, ())))
    for section, name in ICD10PCS_SECTIONS.items()
)

# --- the registry ---------------------------------------------------------------------------------------

CATEGORIES: tuple[CodeCategory, ...] = (*_CPT, *_HCPCS, *_ICD10CM, *_ICD10PCS)
CATEGORIES_BY_KEY: dict[str, CodeCategory] = {c.key: c for c in CATEGORIES}

# --- credentials ----------------------------------------------------------------------------------------

C = Credential
_CREDENTIALS: dict[str, tuple[Credential, ...]] = {
    EM: (C.CEMC, C.CPC, C.CCS_P),
    ANES: (C.CANPC, C.CPC, C.CCS_P),
    GS: (C.CGSC, C.CPC, C.COC),
    ORTHO: (C.COSC, C.CPC, C.COC),
    CARD: (C.CPC, C.CIRCC, C.CCS_P),
    IR: (C.CIRCC, C.CPC, C.COC),
    RAD: (C.CPC, C.COC, C.CCS_P),
    PATH: (C.CPC, C.COC, C.CCS_P),
    ED: (C.CEDC, C.CPC, C.COC, C.CCS),
    ONC: (C.CPC, C.COC, C.CCS_P),
    OB: (C.COBGC, C.CPC, C.CCS_P),
    GI: (C.CPC, C.COC, C.CASCC),
    URO: (C.CPC, C.COC, C.CCS_P),
    OPH: (C.CPC, C.COC, C.CASCC),
    ENT: (C.CPC, C.COC, C.CCS_P),
    NEURO: (C.CPC, C.CCS_P),
    DERM: (C.CPCD, C.CPC),
    PEDS: (C.CPEDC, C.CPC),
    PC: (C.CFPC, C.CPC, C.CRHC, C.CCS_P),
    BH: (C.CPC, C.CCS_P),
    ASC: (C.CASCC, C.COC, C.CCS),
    RA: (C.CRC, C.CPC, C.CCS),
    INPT: (C.CCS, C.CIC, C.RHIT, C.RHIA),
    OPF: (C.COC, C.CCS),
    CDI: (C.CDIP, C.CCDS, C.CCDS_O, C.CDEO),
    AUDIT: (C.CPMA, C.CPCO, C.CDEO, C.CPC),
    DENIALS: (C.CPB, C.CPC, C.CCS),
    DME: (C.CPC, C.CPB),
}
# Specialty slug -> credential values that fit it, the specialty credential first.
CREDENTIALS_BY_SPECIALTY: dict[str, tuple[str, ...]] = {
    slug: tuple(c.value for c in creds) for slug, creds in _CREDENTIALS.items()
}

# --- where each range was checked -----------------------------------------------------------------------
# Sources are named by address; none is shipped or copied. "reference" is shared/reference/coding-taxonomy.md.
# "range table" is a public CPT heading/range table seen through the code search index (AMA range headings,
# about 2021; the index gave no repository name), a second source only where noted.

_REF = "reference"
_CLEARCPC = "clearcpc.com/how-cpt-codes-are-structured (section table, March 2026)"
_GERA = "geratools.com/cpt-code-section-reference"
_RANGE_TABLE = "public CPT range table (code search index)"
_PY_TABLE = "public CPT subsection mapping (code search index, post-2020 numbering)"
_PATH_OLD = "aimuph.com/pathology (older edition: same subsection ends)"
_CPT_BOOK_2023 = "CPT 2023 book excerpt, Pathology and Laboratory heading list (scribd 2023-Cpt-Book)"
_TELEMED = (
    "jucm.com/whats-new-in-telemedicine-for-2025; experityhealth.com (E/M Telemedicine category); "
    "healthicity.com (17 codes); bristolhcs.com"
)
_HCPCS_SRC = (
    "open-exam-prep.com/exams/cpc/hcpcs-modifiers-compliance/hcpcs-level-ii-coding (letter ranges); "
    "clearcpc.com HCPCS guide; nationalmedicalbillingauthority.com (letters A-V)"
)
_PKG = "simple-icd-10-cm 1.5.0 data (CDC tabular, April 2026): name, first and last category checked in tests"
_PCS_SRC = (
    "en.wikipedia.org/wiki/ICD-10_Procedure_Coding_System (first character = section); "
    "icdlist.com/icd-10-pcs/section (B Imaging, 3 Administration); CMS 2018 PCS addendum (0 Medical and Surgical)"
)

SOURCES: dict[str, str] = {
    "cpt-em": f"{_REF}; {_CLEARCPC}; {_GERA}",
    "cpt-em-office": "open-exam-prep.com/exams/cpc/cpt-em-surgery/evaluation-management-coding",
    "cpt-em-hospital": "open-exam-prep.com/exams/cpc/cpt-em-surgery/evaluation-management-coding",
    "cpt-em-ed": f"{_REF} (brief); ambci.org emergency medicine CPT listing",
    "cpt-em-critical-care": "ambci.org emergency medicine CPT listing",
    "cpt-em-preventive": "supercoder.com/cpt-codes-range/2869 (last code of the series); start not confirmed",
    "cpt-em-telemedicine": _TELEMED,
    "cpt-anesthesia": f"{_REF}; {_CLEARCPC}",
    "cpt-surgery": f"{_REF}; {_CLEARCPC}; {_GERA}",
    "cpt-radiology": f"{_REF}; {_CLEARCPC}; {_GERA}",
    "cpt-pathology": f"{_REF}; {_CLEARCPC}; {_GERA}; {_PATH_OLD}",
    "cpt-medicine": f"{_REF}; {_CLEARCPC} (one span to the end of the home series)",
    "cpt-medicine-home": f"{_REF}; {_RANGE_TABLE}",
    "cpt-category-2": f"{_REF}; ama-assn.org/practice-management/cpt/category-ii-codes (first series only)",
    "cpt-category-3": f"{_REF} only (open-ended)",
    "cpt-cat3-digital-pathology-2023": (
        f"{_REF}; cap.org/advocacy/payments-for-pathology-services/2023-digital-pathology-codes"
    ),
    "cpt-cat3-digital-pathology-2024": (
        f"{_REF}; aapc.com Pathology/Lab Coding Alert 'CPT 2024: Add to the Trove'; msnllc.com"
    ),
    "cpt-pla": f"{_REF} only (open-ended)",
    "cpt-path-panels": f"{_REF}; {_PATH_OLD}; {_CPT_BOOK_2023}",
    "cpt-path-drug-assay": f"{_REF}; {_CPT_BOOK_2023}",
    "cpt-path-evocative": f"{_REF}; {_CPT_BOOK_2023}",
    "cpt-path-consultations": f"{_REF}; {_CPT_BOOK_2023}",
    "cpt-med-psychiatry": f"{_REF} (brief); {_RANGE_TABLE}; learn8.cc psychiatric evaluation note",
    "cpt-med-chemotherapy": (
        f"{_REF} (brief); med.noridianmedicare.com chemotherapy and nonchemotherapy article; {_RANGE_TABLE}"
    ),
    "cpt-med-drug-administration": f"{_RANGE_TABLE}; med.noridianmedicare.com (injections and infusions series)",
    "cpt-med-vaccines": f"{_RANGE_TABLE} (two overlapping headings merged)",
    "cpt-med-qualifying-circumstances": f"{_REF}; {_GERA}; {_RANGE_TABLE}",
    "hcpcs-j-chemotherapy": (
        f"{_REF} (brief); openpayer.com J9999 not otherwise classified antineoplastic; "
        "NY Medicaid physician procedure codes, section 3 (chemotherapy drugs heading)"
    ),
}
for _c in _CPT:
    if _c.key.startswith("cpt-surgery-") or _c.key.startswith("cpt-radiology-"):
        SOURCES.setdefault(_c.key, f"{_REF}; {_PY_TABLE}")
    elif _c.key.startswith("cpt-path-"):
        SOURCES.setdefault(_c.key, f"{_REF}; {_PATH_OLD}")
    elif _c.key.startswith("cpt-med-"):
        SOURCES.setdefault(_c.key, _RANGE_TABLE)
for _c in _HCPCS:
    SOURCES.setdefault(_c.key, f"{_REF}; {_HCPCS_SRC}")
for _c in _ICD10CM:
    SOURCES.setdefault(_c.key, f"{_REF}; {_PKG}" if _c.parent_key is None else _PKG)
for _c in _ICD10PCS:
    SOURCES.setdefault(_c.key, f"{_REF}; {_PCS_SRC}")
SOURCES["cpt-radiology-breast"] = f"{_REF}; {_PY_TABLE}; clearcpc.com/radiology-coding-cpt-guide gives a later start"
SOURCES["cpt-radiology"] += "; clearcpc.com/radiology-coding-cpt-guide (all subsections)"

# Where a reference range disagreed with a source, or needed a decision (ranges only, no descriptors).
RANGE_NOTES: dict[str, str] = {
    "cpt-em": "E/M also holds Telemedicine Services 98000-98016 (2025), numbered inside 90281-99199.",
    "cpt-em-ed": "AMA heading runs 99281-99288; the brief's 99281-99285 (visit levels) is used.",
    "cpt-path-panels": "The 2023 book prints 80047-80076 (printed order); numerically the panels run 80047-80081.",
    "cpt-path-molecular": "Older sources give 81200-81479; codes 81105-81199 were added later.",
    "cpt-path-maaa": "Older sources give 81500-81599; the series now starts lower (81490).",
    "cpt-path-microbiology": "Older sources give 87001-87999.",
    "cpt-surgery-integumentary": "Sources before 2019 start at 10040; 10030 is current.",
    "cpt-surgery-cardiovascular": "Sources before 2020 start at 33010; 33016 is current.",
    "cpt-radiology-breast": "One guide gives 77065-77067 (mammography only); 77046-77067 includes breast MRI.",
    "cpt-med-vaccines": "Range table has 90460-(administration) and 90476-90756 (vaccines) overlapping; merged.",
    "cpt-med-adaptive-behavior": "Sits inside 97010-97799; the narrower range wins when resolving.",
    "icd10cm-chapter-17": "QA0 has a letter in the 2nd position: ICD-10-CM is not always letter, digit, alnum.",
    "icd10cm-chapter-22": "Chapter title says U00-U85; the tabular has one block (U00-U49) and categories U07, U09.",
}
