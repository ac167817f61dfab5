"""Fixed tables the demo seeder draws from: cities, employers, job archetypes, names and phrases.

Everything here is made up but plausible. Company names are invented; websites and e-mail addresses
use the reserved `.example` top-level domain (RFC 2606), so no real domain is ever linked or mailed.
Job text mentions CPT code *numbers and ranges* only, never CPT descriptor text (AMA-copyrighted).

Order matters: the seeder walks these tuples in order, so editing them changes the demo board
(deliberately: same tables + same seed = same board).
"""

from __future__ import annotations

from typing import NamedTuple

from careers.taxonomy import (
    CodeSet,
    Credential,
    EmployerKind,
    ExperienceLevel,
    Specialty,
    WorkSetting,
)

# -- the demo logins ------------------------------------------------------------------------------


class DemoLogin(NamedTuple):
    role: str
    email: str
    password: str
    note: str


DEMO_ADMIN = DemoLogin("admin", "admin@codecareers.example", "demo-admin-pass", "reviews postings")
DEMO_EMPLOYER = DemoLogin(
    "employer", "employer@lakeshore.example", "demo-employer-pass",
    "Lakeshore Health System: published jobs with applicants, a draft, a job in review",
)
DEMO_CODER = DemoLogin("coder", "coder@demo.example", "demo-coder-pass", "full profile and a few applications")
DEMO_LOGINS = (DEMO_ADMIN, DEMO_EMPLOYER, DEMO_CODER)
# Every other generated account (employer users and candidates) shares this password.
GENERATED_PASSWORD = "demo-password"

# -- places ----------------------------------------------------------------------------------------


class City(NamedTuple):
    name: str
    state: str
    zip_code: str
    weight: float  # how often a job lands here (roughly metro size)


# At least one city per State value (50 states, DC and PR), with a real ZIP code in that city.
CITIES: tuple[City, ...] = (
    City("Birmingham", "AL", "35203", 1.2),
    City("Anchorage", "AK", "99501", 0.5),
    City("Phoenix", "AZ", "85004", 2.5),
    City("Tucson", "AZ", "85701", 1.0),
    City("Little Rock", "AR", "72201", 0.9),
    City("Los Angeles", "CA", "90012", 3.5),
    City("San Diego", "CA", "92101", 2.0),
    City("Sacramento", "CA", "95814", 1.5),
    City("Fresno", "CA", "93721", 0.9),
    City("Denver", "CO", "80202", 2.0),
    City("Hartford", "CT", "06103", 1.0),
    City("Wilmington", "DE", "19801", 0.6),
    City("Washington", "DC", "20001", 1.2),
    City("Tampa", "FL", "33602", 2.2),
    City("Orlando", "FL", "32801", 2.0),
    City("Jacksonville", "FL", "32202", 1.5),
    City("Miami", "FL", "33130", 2.0),
    City("Atlanta", "GA", "30303", 2.8),
    City("Honolulu", "HI", "96813", 0.6),
    City("Boise", "ID", "83702", 0.7),
    City("Chicago", "IL", "60601", 3.2),
    City("Peoria", "IL", "61602", 0.6),
    City("Indianapolis", "IN", "46204", 1.6),
    City("Des Moines", "IA", "50309", 0.9),
    City("Wichita", "KS", "67202", 0.8),
    City("Louisville", "KY", "40202", 1.3),
    City("New Orleans", "LA", "70112", 1.2),
    City("Baton Rouge", "LA", "70801", 0.8),
    City("Portland", "ME", "04101", 0.6),
    City("Baltimore", "MD", "21201", 1.6),
    City("Boston", "MA", "02108", 2.5),
    City("Worcester", "MA", "01608", 0.8),
    City("Detroit", "MI", "48226", 1.8),
    City("Grand Rapids", "MI", "49503", 1.0),
    City("Minneapolis", "MN", "55401", 2.0),
    City("Rochester", "MN", "55902", 0.8),
    City("Jackson", "MS", "39201", 0.7),
    City("St. Louis", "MO", "63101", 1.6),
    City("Kansas City", "MO", "64106", 1.5),
    City("Billings", "MT", "59101", 0.5),
    City("Omaha", "NE", "68102", 1.0),
    City("Las Vegas", "NV", "89101", 1.5),
    City("Reno", "NV", "89501", 0.7),
    City("Manchester", "NH", "03101", 0.6),
    City("Newark", "NJ", "07102", 1.8),
    City("Albuquerque", "NM", "87102", 0.9),
    City("New York", "NY", "10001", 3.5),
    City("Buffalo", "NY", "14202", 1.0),
    City("Albany", "NY", "12207", 0.8),
    City("Charlotte", "NC", "28202", 2.0),
    City("Raleigh", "NC", "27601", 1.5),
    City("Fargo", "ND", "58102", 0.5),
    City("Columbus", "OH", "43215", 1.8),
    City("Cleveland", "OH", "44113", 1.6),
    City("Cincinnati", "OH", "45202", 1.4),
    City("Oklahoma City", "OK", "73102", 1.2),
    City("Tulsa", "OK", "74103", 0.9),
    City("Portland", "OR", "97204", 1.6),
    City("Philadelphia", "PA", "19107", 2.6),
    City("Pittsburgh", "PA", "15222", 1.6),
    City("San Juan", "PR", "00901", 0.6),
    City("Providence", "RI", "02903", 0.7),
    City("Columbia", "SC", "29201", 0.8),
    City("Greenville", "SC", "29601", 0.7),
    City("Sioux Falls", "SD", "57104", 0.5),
    City("Nashville", "TN", "37203", 2.0),
    City("Memphis", "TN", "38103", 1.2),
    City("Houston", "TX", "77002", 3.0),
    City("Dallas", "TX", "75201", 3.0),
    City("San Antonio", "TX", "78205", 1.8),
    City("Austin", "TX", "78701", 1.8),
    City("Salt Lake City", "UT", "84101", 1.2),
    City("Burlington", "VT", "05401", 0.4),
    City("Richmond", "VA", "23219", 1.2),
    City("Seattle", "WA", "98101", 2.2),
    City("Spokane", "WA", "99201", 0.7),
    City("Charleston", "WV", "25301", 0.5),
    City("Milwaukee", "WI", "53202", 1.3),
    City("Madison", "WI", "53703", 0.8),
    City("Cheyenne", "WY", "82001", 0.4),
)


def city(name: str, state: str) -> City:
    for c in CITIES:
        if c.name == name and c.state == state:
            return c
    raise KeyError(f"{name}, {state} is not in CITIES")


# -- job archetypes ----------------------------------------------------------------------------------

S, W, C, K = Specialty, WorkSetting, CodeSet, Credential


class Archetype(NamedTuple):
    """One kind of coding job: the specialty, how it is titled, what it pays and what it asks for."""

    key: str
    specialty: Specialty
    area: str  # for "Lead", "Supervisor" titles: "Pathology Coding Supervisor"
    noun: str  # the mid-level role: "Pathology Coder"
    titles: tuple[str, ...]  # mid-level titles; "{n}" takes I / II / III by level
    settings: tuple[WorkSetting, ...]  # the first one is used when the seeder needs coverage
    code_sets: tuple[CodeSet, ...]
    optional_code_sets: tuple[CodeSet, ...]
    required: tuple[tuple[Credential, ...], ...]  # alternatives: a job requires any one of a set
    preferred: tuple[Credential, ...]
    hourly: float  # mid-level base pay per hour
    productivity: tuple[str, int, int]  # unit, low, high at mid level
    focus: str  # what is coded, with code numbers/ranges only
    duties: tuple[str, ...]
    also: tuple[Specialty, ...] = ()  # second specialty sometimes tagged
    weight: float = 1.0


ARCHETYPES: tuple[Archetype, ...] = (
    Archetype(
        "em", S.EVALUATION_MANAGEMENT, "E/M", "E/M Coder",
        ("E/M Coder {n}", "Evaluation & Management Coding Specialist", "Professional Fee Coder – E/M",
         "E/M Coding Specialist"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CEMC, K.CRC, K.CPMA),
        25.5, ("charts/hour", 18, 22),
        "office, hospital and telehealth E/M levels (99202–99215, 99221–99239) under the current "
        "MDM and time guidelines",
        ("Level visits on medical decision making or total time and apply modifier 25 correctly",
         "Review split/shared and incident-to documentation before claims drop",
         "Work the E/M denial queue with the billing team",
         "Give providers friendly, specific feedback on documentation gaps"),
        (S.PRIMARY_CARE,), 6,
    ),
    Archetype(
        "anesthesia", S.ANESTHESIA, "Anesthesia", "Anesthesia Coder",
        ("Anesthesia Coder {n}", "Anesthesia & Pain Management Coder", "Anesthesia Coding Specialist"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CANPC,), (K.CPC, K.CCS_P)), (K.CANPC,),
        26.0, ("cases/hour", 22, 30),
        "anesthesia cases (00100–01999) with base units, time and physical status modifiers, plus "
        "interventional pain procedures (62320–62327, 64479–64495)",
        ("Assign anesthesia codes from the surgical procedure and reconcile start/stop times",
         "Apply medical direction and concurrency modifiers (AA, QK, QX, QZ)",
         "Code post-op pain blocks and line placements billed separately",
         "Flag missing anesthesia records for the clinical team"),
        (), 3,
    ),
    Archetype(
        "gensurg", S.GENERAL_SURGERY, "Surgical", "General Surgery Coder",
        ("General Surgery Coder {n}", "Surgical Coding Specialist", "Operative Note Coder – General Surgery"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CGSC, K.COC),
        27.0, ("op notes/hour", 4, 6),
        "operative notes for hernia, gallbladder, breast and colorectal surgery (19000–19499, "
        "40490–49999) including global periods",
        ("Abstract procedures from operative notes and apply global surgery rules",
         "Use modifiers 58, 78 and 79 correctly for staged and return-to-OR cases",
         "Check NCCI edits and bundling before release",
         "Query surgeons when the operative note does not support the procedure"),
        (S.EVALUATION_MANAGEMENT,), 3,
    ),
    Archetype(
        "ortho", S.ORTHOPEDICS, "Orthopedic", "Orthopedic Coder",
        ("Orthopedic Coder {n}", "Orthopaedic Surgery Coding Specialist", "Ortho Coder – Pro Fee"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.COSC, K.CASCC),
        27.5, ("op notes/hour", 5, 8),
        "fracture care, arthroscopy, joint replacement and spine cases (20000–29999, 22010–22899)",
        ("Code fracture care, casting and splinting with the right global and modifier rules",
         "Capture implants and DME dispensed in clinic with HCPCS codes",
         "Apply laterality and 7th-character rules in ICD-10-CM for injuries",
         "Partner with the ASC coder on cases done in the surgery center"),
        (S.AMBULATORY_SURGERY,), 3,
    ),
    Archetype(
        "cardiology", S.CARDIOLOGY, "Cardiology", "Cardiology Coder",
        ("Cardiology Coder {n}", "Cardiovascular Coding Specialist", "Cardiology Pro-Fee Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CIRCC, K.CEMC),
        28.0, ("charts/hour", 12, 16),
        "echocardiography (93303–93356), cardiac catheterization (93451–93572), device checks "
        "(93279–93298) and cardiology E/M",
        ("Code diagnostic and interventional cardiology with component coding",
         "Apply modifiers 26 and TC for split professional and technical billing",
         "Review remote monitoring and device interrogation claims",
         "Keep up with quarterly NCCI and LCD changes for cardiac imaging"),
        (S.EVALUATION_MANAGEMENT,), 3,
    ),
    Archetype(
        "ir", S.INTERVENTIONAL_RADIOLOGY, "Interventional Radiology", "Interventional Radiology Coder",
        ("Interventional Radiology Coder {n}", "IR Coding Specialist", "IR/Cardiovascular Coder (CIRCC)"),
        (W.RADIOLOGY_GROUP, W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CIRCC,), (K.CPC, K.CCS, K.CIRCC)), (K.CIRCC, K.COC),
        31.0, ("cases/hour", 4, 6),
        "vascular access, embolization, catheter placement and supervision-and-interpretation codes "
        "(36000–37799, 75600–75989)",
        ("Build selective catheterization code sets from the vascular family order",
         "Pair surgical and radiology S&I codes and apply 26/TC correctly",
         "Code drains, biopsies and port placements from IR procedure notes",
         "Mentor general radiology coders moving into IR"),
        (S.RADIOLOGY,), 2,
    ),
    Archetype(
        "radiology", S.RADIOLOGY, "Radiology", "Radiology Coder",
        ("Radiology Coder {n}", "Diagnostic Radiology Coding Specialist", "Radiology Pro-Fee Coder"),
        (W.RADIOLOGY_GROUP, W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P), (K.CPC, K.COC)), (K.CIRCC, K.COC),
        25.5, ("reports/hour", 60, 80),
        "diagnostic radiology, ultrasound, nuclear medicine and mammography (70010–79999)",
        ("Code diagnostic imaging reports from the read, not the order",
         "Assign symptom and screening diagnoses correctly when the study is negative",
         "Apply contrast, laterality and multiple-procedure modifiers",
         "Resolve CCI edits and medical-necessity holds before billing"),
        (), 4,
    ),
    Archetype(
        "pathology", S.PATHOLOGY, "Pathology", "Pathology Coder",
        ("Pathology Coding Specialist", "Pathology Coder {n}", "Anatomic Pathology Coder",
         "Pathology & Lab Coder"),
        (W.LABORATORY, W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CCS_P, K.COC),
        25.0, ("cases/hour", 35, 50),
        "surgical pathology (88300–88309), special stains and immunohistochemistry (88312–88344) and "
        "cytopathology (88104–88199)",
        ("Assign surgical pathology levels per specimen from the final report",
         "Code special stains and IHC per specimen and per antibody",
         "Link diagnoses from the final diagnosis, not the clinical history",
         "Work lab billing holds with client services"),
        (), 3,
    ),
    Archetype(
        "lab_molecular", S.PATHOLOGY, "Laboratory", "Laboratory Coder",
        ("Laboratory Coding Specialist – Molecular", "Lab Coder {n}", "Molecular Diagnostics Coder"),
        (W.LABORATORY,),
        (C.ICD10CM, C.CPT, C.HCPCS), (C.MODIFIERS,),
        ((K.CPC,), (K.CPC, K.CCS_P, K.CBCS)), (K.CPB, K.COC),
        24.0, ("requisitions/hour", 40, 60),
        "clinical lab, molecular pathology and PLA codes (80047–89398, 81105–81479, 0001U–0400U)",
        ("Code lab requisitions and molecular tests against payer coverage policies",
         "Check ABNs and medical-necessity edits for lab orders",
         "Maintain the charge-description master mapping with the lab team",
         "Appeal coding-related lab denials"),
        (), 1.2,
    ),
    Archetype(
        "ed_pro", S.EMERGENCY_DEPARTMENT, "Emergency Department", "ED Pro-Fee Coder",
        ("Emergency Department Coder {n}", "ED Professional Fee Coder", "Emergency Medicine Coding Specialist"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CEDC, K.CEMC),
        26.0, ("charts/hour", 10, 14),
        "ED E/M levels (99281–99285), critical care (99291–99292) and ED procedures such as laceration "
        "repair (12001–13160)",
        ("Level ED visits on medical decision making and code bedside procedures",
         "Capture critical care time correctly and exclude separately billed procedures",
         "Apply observation and admission rules for ED physicians",
         "Work charts with missing attestations or signatures"),
        (S.EVALUATION_MANAGEMENT,), 3,
    ),
    Archetype(
        "ed_facility", S.EMERGENCY_DEPARTMENT, "ED Facility", "ED Facility Coder",
        ("ED Facility Coder {n}", "Emergency Department Facility Coding Specialist", "Outpatient ED Coder"),
        (W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (),
        ((K.COC, K.CCS), (K.CPC, K.COC, K.CCS)), (K.CEDC, K.RHIT),
        26.5, ("charts/hour", 8, 12),
        "facility ED levels under the hospital's criteria, infusions and injections (96360–96379) and "
        "observation hours",
        ("Assign facility E/M levels using the hospital's interventions-based criteria",
         "Code infusion and injection hierarchies from nursing documentation",
         "Calculate observation hours and apply OCE edits",
         "Review charge capture with ED nursing leadership"),
        (S.OUTPATIENT_FACILITY,), 2,
    ),
    Archetype(
        "hemonc", S.HEMATOLOGY_ONCOLOGY, "Oncology", "Oncology Coder",
        ("Hematology/Oncology Coder {n}", "Oncology Coding Specialist", "Infusion & Oncology Coder"),
        (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (),
        ((K.CPC,), (K.CPC, K.CCS_P), (K.CPC, K.COC)), (K.CCS, K.COC, K.CRC),
        28.0, ("charts/hour", 10, 14),
        "chemotherapy and infusion administration (96401–96549), drugs billed with J-codes and units, "
        "and radiation oncology (77261–77799)",
        ("Code chemotherapy and infusion visits with drug units and wastage (JW/JZ)",
         "Check drug NDC and HCPCS unit conversions before claims drop",
         "Code radiation oncology treatment planning and delivery",
         "Track prior-authorization mismatches with the financial counselors"),
        (S.EVALUATION_MANAGEMENT,), 3,
    ),
    Archetype(
        "obgyn", S.OBSTETRICS_GYNECOLOGY, "OB/GYN", "OB/GYN Coder",
        ("OB/GYN Coder {n}", "Obstetrics & Gynecology Coding Specialist", "Women's Health Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.COBGC, K.CPC),
        26.0, ("charts/hour", 10, 14),
        "global obstetric packages (59400–59622), gynecologic surgery (56405–58999) and prenatal visits",
        ("Build global OB packages and split billing when care transfers",
         "Code gynecologic surgery from operative notes",
         "Assign pregnancy-chapter diagnoses with trimester and weeks of gestation",
         "Track antepartum visits outside the global package"),
        (), 2,
    ),
    Archetype(
        "gi", S.GASTROENTEROLOGY, "GI", "Gastroenterology Coder",
        ("Gastroenterology Coder {n}", "GI Coding Specialist", "Endoscopy Coder"),
        (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.COC)), (K.COC, K.CASCC),
        26.5, ("charts/hour", 12, 16),
        "EGD and colonoscopy (43235–43270, 45378–45398) including screening-to-diagnostic conversions",
        ("Code screening colonoscopies that become diagnostic with modifiers PT and 33",
         "Apply multiple-endoscopy rules and family pricing",
         "Link pathology results to the right diagnosis",
         "Coordinate with the ASC on facility claims"),
        (S.AMBULATORY_SURGERY,), 2,
    ),
    Archetype(
        "urology", S.UROLOGY, "Urology", "Urology Coder",
        ("Urology Coder {n}", "Urology Coding Specialist"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,),), (K.COC, K.CRC),
        26.0, ("charts/hour", 10, 14),
        "cystoscopy, prostate, stone and urodynamics procedures (50010–53899, 51725–51798)",
        ("Code in-office cystoscopy and urodynamics with supplies",
         "Capture drugs administered in clinic with HCPCS codes and units",
         "Apply global surgery rules for stone procedures",
         "Review prostate biopsy claims against pathology"),
        (), 2,
    ),
    Archetype(
        "ophtho", S.OPHTHALMOLOGY, "Ophthalmology", "Ophthalmology Coder",
        ("Ophthalmology Coder {n}", "Eye Care Coding Specialist", "Ophthalmology & Retina Coder"),
        (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.COC)), (K.COC, K.CASCC),
        25.5, ("charts/hour", 14, 18),
        "eye exams (92002–92014), cataract and retina procedures (65091–68899) and injectable drugs",
        ("Choose between eye exam codes and E/M visits by payer",
         "Code intravitreal injections with drug units and laterality",
         "Apply modifiers RT/LT and 79 for second-eye surgery",
         "Check premium IOL and refraction billing rules"),
        (), 1.5,
    ),
    Archetype(
        "ent", S.OTOLARYNGOLOGY, "ENT", "ENT Coder",
        ("ENT Coder {n}", "Otolaryngology Coding Specialist", "ENT & Audiology Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CCS_P, K.CEMC),
        26.0, ("charts/hour", 10, 14),
        "sinus endoscopy, ear procedures and audiology (30000–31299, 69000–69979, 92550–92700)",
        ("Code nasal and sinus endoscopy with bilateral and multiple-procedure rules",
         "Code audiology testing with the right provider credentials on the claim",
         "Apply allergy testing and immunotherapy unit rules",
         "Work ENT denials with the billing team"),
        (), 1.2,
    ),
    Archetype(
        "omfs", S.OTOLARYNGOLOGY, "Oral Surgery", "Oral & Maxillofacial Surgery Coder",
        ("Oral & Maxillofacial Surgery Coder", "OMFS Coding Specialist", "Dental & Medical Cross-Coder"),
        (W.PHYSICIAN_PRACTICE,),
        (C.CDT, C.CPT, C.ICD10CM), (C.MODIFIERS,),
        ((K.CPC,), (K.CPC, K.CPB)), (K.CPB, K.CCS_P),
        24.0, ("claims/hour", 8, 12),
        "oral surgery billed to dental plans on CDT (D7000–D7999) and to medical plans on CPT "
        "(21010–21499) with cross-coding",
        ("Cross-code oral surgery between CDT and CPT depending on the plan",
         "Check medical necessity for medical billing of oral surgery",
         "Code implant and extraction cases from the operative note",
         "Prepare narratives and attachments for dental claims"),
        (), 0.7,
    ),
    Archetype(
        "neuro", S.NEUROLOGY, "Neurology", "Neurology Coder",
        ("Neurology Coder {n}", "Neurology & Neurosurgery Coding Specialist", "Neurodiagnostics Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CCS_P, K.CPMA),
        27.0, ("charts/hour", 8, 12),
        "EEG, EMG and nerve conduction (95700–95999, 95907–95913) and spine surgery (63001–63295)",
        ("Code nerve conduction studies by number of studies, not nerves",
         "Code long-term EEG monitoring by duration and technologist presence",
         "Code spine surgery with instrumentation and levels",
         "Review chemodenervation drug units"),
        (), 2,
    ),
    Archetype(
        "derm", S.DERMATOLOGY, "Dermatology", "Dermatology Coder",
        ("Dermatology Coder {n}", "Dermatology & Mohs Coding Specialist"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,),), (K.CPCD, K.CEMC),
        25.0, ("charts/hour", 12, 16),
        "excisions, Mohs surgery (17311–17315), repairs (12001–13160) and destruction codes",
        ("Code excisions from the excised diameter and final pathology",
         "Code Mohs stages and blocks and the repair that follows",
         "Apply modifiers 25 and 59/XS on same-day visits and procedures",
         "Keep cosmetic and medical services apart on claims"),
        (), 1.5,
    ),
    Archetype(
        "peds", S.PEDIATRICS, "Pediatrics", "Pediatric Coder",
        ("Pediatric Coder {n}", "Pediatrics Coding Specialist", "Pediatric Pro-Fee Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.MODIFIERS), (C.HCPCS,),
        ((K.CPC,),), (K.CPEDC, K.CEMC),
        24.5, ("charts/hour", 20, 25),
        "well-child visits (99381–99395), vaccines and administration (90460–90474) and sick visits",
        ("Code well-child visits with screenings and vaccine counseling",
         "Apply vaccine administration codes per component",
         "Code newborn care in the hospital and the nursery",
         "Keep up with state Medicaid pediatric billing rules"),
        (S.PRIMARY_CARE,), 2,
    ),
    Archetype(
        "primary", S.PRIMARY_CARE, "Primary Care", "Primary Care Coder",
        ("Primary Care Coder {n}", "Family Practice Coding Specialist", "Ambulatory Coder – Primary Care",
         "Rural Health Clinic Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (C.CMS_HCC,),
        ((K.CPC,), (K.CPC, K.CCA, K.CBCS), (K.CPC, K.CMC)), (K.CFPC, K.CRHC, K.CRC),
        24.0, ("charts/hour", 20, 25),
        "office visits, preventive and annual wellness visits (G0438–G0439) and chronic care "
        "management (99490–99491)",
        ("Code office, preventive and wellness visits, including same-day problem visits",
         "Capture chronic conditions to the highest specificity documented",
         "Apply RHC/FQHC billing rules where they apply",
         "Check care-management time and consent documentation"),
        (S.EVALUATION_MANAGEMENT,), 4,
    ),
    Archetype(
        "behavioral", S.BEHAVIORAL_HEALTH, "Behavioral Health", "Behavioral Health Coder",
        ("Behavioral Health Coder {n}", "Behavioral Health Coding Specialist", "Psychiatry Coder"),
        (W.PHYSICIAN_PRACTICE, W.VENDOR),
        (C.ICD10CM, C.CPT, C.HCPCS), (C.MODIFIERS,),
        ((K.CPC,), (K.CPC, K.CCS_P)), (K.CPB, K.CRC),
        24.5, ("charts/hour", 25, 35),
        "psychiatric evaluations and psychotherapy (90785–90899), add-on codes with E/M and telehealth",
        ("Code psychotherapy by time and add-ons with E/M visits",
         "Apply telehealth place-of-service and modifier rules by payer",
         "Code substance-use and crisis services with HCPCS codes",
         "Keep sensitive diagnoses handled under 42 CFR Part 2 rules"),
        (), 2,
    ),
    Archetype(
        "asc", S.AMBULATORY_SURGERY, "ASC", "ASC Coder",
        ("ASC Coder {n}", "Ambulatory Surgery Center Coding Specialist", "Surgery Center Coder"),
        (W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (),
        ((K.CPC, K.COC), (K.COC,)), (K.CASCC, K.COC),
        27.0, ("cases/hour", 6, 9),
        "same-day surgical cases across GI, orthopedics, ophthalmology and pain with ASC payment "
        "indicators",
        ("Code facility claims for same-day surgery under ASC payment rules",
         "Apply modifiers 73/74 for cancelled or discontinued procedures",
         "Capture implants and pass-through devices with HCPCS codes",
         "Reconcile the day's cases against the surgery schedule"),
        (S.OUTPATIENT_FACILITY,), 2,
    ),
    Archetype(
        "outpatient", S.OUTPATIENT_FACILITY, "Outpatient", "Outpatient Facility Coder",
        ("Outpatient Facility Coder {n}", "Outpatient Coding Specialist", "Hospital Outpatient Coder – APC",
         "Observation & Same-Day Surgery Coder"),
        (W.OUTPATIENT_FACILITY, W.VENDOR),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (C.ICD10PCS,),
        ((K.COC, K.CCS), (K.COC, K.CPC, K.CCS)), (K.CPC, K.RHIT),
        28.0, ("charts/hour", 8, 12),
        "observation, same-day surgery and ancillary services with OCE/NCCI edits and APC assignment",
        ("Code observation stays and same-day surgery on the facility claim",
         "Work OCE and NCCI edits in the scrubber before the claim drops",
         "Assign APCs and status indicators and review packaging",
         "Resolve charge-capture questions with departments"),
        (), 6,
    ),
    Archetype(
        "inpatient", S.INPATIENT_CODING, "Inpatient", "Inpatient Coder",
        ("Inpatient Coder {n} – DRG", "Inpatient Coding Specialist", "HIM Inpatient Coder {n}",
         "Inpatient Coder – MS-DRG / APR-DRG"),
        (W.INPATIENT, W.VENDOR),
        (C.ICD10CM, C.ICD10PCS, C.MS_DRG), (C.APR_DRG,),
        ((K.CCS,), (K.CCS, K.CIC), (K.CIC, K.CCS, K.RHIT)), (K.RHIT, K.RHIA, K.CDIP),
        34.0, ("charts/day", 18, 24),
        "inpatient stays with ICD-10-CM/PCS, POA indicators and MS-DRG/APR-DRG assignment",
        ("Assign ICD-10-CM/PCS codes and POA indicators on inpatient stays",
         "Capture CCs and MCCs supported by documentation and sequence the principal diagnosis",
         "Send compliant queries through CDI when documentation conflicts",
         "Review DRG mismatches with CDI before final billing",
         "Code surgical, medical and obstetric stays including ICU cases"),
        (), 8,
    ),
    Archetype(
        "drg_validation", S.INPATIENT_CODING, "DRG Validation", "DRG Validation Specialist",
        ("DRG Validation Specialist", "Inpatient Coding Auditor – DRG", "Clinical Validation Coder"),
        (W.INPATIENT, W.AUDIT, W.PAYER, W.VENDOR),
        (C.ICD10CM, C.ICD10PCS, C.MS_DRG, C.APR_DRG), (),
        ((K.CCS,), (K.CCS, K.CIC)), (K.CDIP, K.CCDS, K.RHIA),
        38.0, ("records/day", 12, 16),
        "pre-bill and retrospective DRG validation of inpatient stays, with clinical validation of "
        "secondary diagnoses",
        ("Validate principal diagnosis selection and DRG assignment before and after billing",
         "Write audit rationales citing the Official Guidelines and Coding Clinic",
         "Defend DRGs in payer audits and draft appeal letters",
         "Track findings and trends for coder education"),
        (S.AUDITING_COMPLIANCE,), 2.5,
    ),
    Archetype(
        "cdi", S.CDI, "CDI", "Clinical Documentation Specialist",
        ("Clinical Documentation Integrity Specialist", "CDI Specialist {n}", "CDI Specialist – Inpatient",
         "Clinical Documentation Specialist"),
        (W.INPATIENT, W.VENDOR),
        (C.ICD10CM, C.ICD10PCS, C.MS_DRG, C.APR_DRG), (C.CMS_HCC,),
        ((K.CCDS, K.CDIP), (K.CCDS, K.CDIP, K.CCS)), (K.CCS, K.RHIA),
        42.0, ("reviews/day", 18, 24),
        "concurrent and retrospective reviews with compliant physician queries, SOI/ROM and "
        "PSI/HAC review",
        ("Review inpatient records concurrently from admission to discharge",
         "Write compliant, non-leading queries following the ACDIS/AHIMA practice brief",
         "Reconcile working DRGs with the final coded DRG",
         "Educate providers on documentation that reflects severity of illness",
         "Track query response and agreement rates"),
        (S.INPATIENT_CODING,), 4,
    ),
    Archetype(
        "cdi_outpatient", S.CDI, "Outpatient CDI", "Outpatient CDI Specialist",
        ("Outpatient CDI Specialist", "Ambulatory CDI Specialist {n}", "Pre-Visit CDI Specialist – HCC"),
        (W.PHYSICIAN_PRACTICE, W.RISK_ADJUSTMENT, W.VENDOR, W.OUTPATIENT_FACILITY),
        (C.ICD10CM, C.CMS_HCC), (C.CPT,),
        ((K.CCDS_O, K.CDEO, K.CRC), (K.CDEO, K.CRC)), (K.CDIP, K.CPC),
        36.0, ("pre-visit reviews/day", 25, 35),
        "pre-visit and post-visit reviews of chronic conditions for HCC capture and MEAT support",
        ("Prepare pre-visit summaries of suspected and recapture conditions",
         "Send compliant post-visit queries to providers",
         "Educate clinics on documenting MEAT for chronic conditions",
         "Report capture and query metrics to clinic leadership"),
        (S.RISK_ADJUSTMENT,), 1.5,
    ),
    Archetype(
        "ra_coder", S.RISK_ADJUSTMENT, "Risk Adjustment", "Risk Adjustment Coder",
        ("Risk Adjustment Coder", "HCC Coder {n}", "Risk Adjustment Coding Specialist",
         "Retrospective Chart Reviewer – HCC"),
        (W.RISK_ADJUSTMENT, W.PAYER, W.VENDOR, W.PHYSICIAN_PRACTICE),
        (C.ICD10CM, C.CMS_HCC), (C.CPT,),
        ((K.CRC,), (K.CRC, K.CPC), (K.CRC, K.CCS)), (K.CPC, K.CDEO, K.CCDS_O),
        28.0, ("charts/hour", 3, 5),
        "retrospective chart reviews for CMS-HCC (V24 and V28) and HHS-HCC, coding to MEAT criteria",
        ("Abstract every supported diagnosis from outpatient and inpatient records",
         "Apply MEAT/TAMPER criteria and risk adjustment coding guidelines",
         "Flag unsupported HCCs for deletion",
         "Meet client turnaround times during the sweep season"),
        (), 10,
    ),
    Archetype(
        "ra_qa", S.RISK_ADJUSTMENT, "Risk Adjustment", "Risk Adjustment Auditor",
        ("Risk Adjustment Coding Auditor", "HCC Quality Auditor", "Risk Adjustment QA Specialist {n}"),
        (W.PAYER, W.RISK_ADJUSTMENT, W.VENDOR),
        (C.ICD10CM, C.CMS_HCC), (),
        ((K.CRC,), (K.CRC, K.CPMA)), (K.CPMA, K.CDEO),
        32.0, ("charts/day", 30, 40),
        "second-level review of HCC coding for RADV readiness and vendor oversight",
        ("Audit coder work and document findings against the guidelines",
         "Prepare RADV medical-record submissions",
         "Measure vendor accuracy and lead calibration sessions",
         "Write coder education from audit trends"),
        (S.AUDITING_COMPLIANCE,), 3,
    ),
    Archetype(
        "profee_auditor", S.AUDITING_COMPLIANCE, "Audit", "Coding Auditor",
        ("Professional Fee Coding Auditor", "Coding Auditor {n}", "Provider Documentation Auditor",
         "Coding Compliance Auditor"),
        (W.AUDIT, W.PHYSICIAN_PRACTICE, W.VENDOR, W.PAYER),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (),
        ((K.CPMA,), (K.CPMA, K.CPC)), (K.CEMC, K.CPCO, K.CRC),
        35.0, ("charts/day", 30, 40),
        "pre- and post-bill audits of E/M and procedures with NCCI and MUE edits",
        ("Plan and run focused and random provider audits",
         "Score E/M levels and procedures and write clear findings",
         "Present results and education to providers one-on-one",
         "Track repayment and corrective action plans with compliance"),
        (S.EVALUATION_MANAGEMENT,), 4,
    ),
    Archetype(
        "facility_auditor", S.AUDITING_COMPLIANCE, "Facility Audit", "Facility Coding Auditor",
        ("Facility Coding Auditor", "Coding Quality Auditor – Facility", "HIM Coding Quality Analyst {n}"),
        (W.AUDIT, W.OUTPATIENT_FACILITY, W.INPATIENT, W.VENDOR),
        (C.ICD10CM, C.ICD10PCS, C.CPT, C.MS_DRG), (C.APR_DRG, C.HCPCS),
        ((K.CCS,), (K.CCS, K.CPMA), (K.CCS, K.RHIA)), (K.CPCO, K.CHPS, K.RHIA),
        36.0, ("records/day", 20, 30),
        "inpatient and outpatient facility coding audits, including OPPS edits and DRG accuracy",
        ("Audit inpatient and outpatient coders on a quarterly plan",
         "Validate DRGs, APCs and charge capture",
         "Support compliance investigations and OIG work-plan reviews",
         "Report accuracy by coder and by service line"),
        (S.INPATIENT_CODING,), 2,
    ),
    Archetype(
        "payment_integrity", S.AUDITING_COMPLIANCE, "Payment Integrity", "Payment Integrity Coding Analyst",
        ("Payment Integrity Coding Analyst", "Claims Coding Reviewer {n}", "Clinical Claims Review Coder",
         "Coding Policy Analyst"),
        (W.PAYER,),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (C.MS_DRG,),
        ((K.CPC, K.CPC_P), (K.CPC, K.CCS, K.CPC_P)), (K.CPMA, K.CHDA, K.CPB),
        31.0, ("claims/day", 35, 50),
        "prepayment and post-payment claim review against coding rules, NCCI and medical policy",
        ("Review claims flagged by payment-integrity edits and decide the outcome",
         "Write clear rationales for providers on claim adjustments",
         "Help policy analysts draft and test new claim edits",
         "Review provider disputes and appeals"),
        (), 2,
    ),
    Archetype(
        "denials", S.DENIALS_MANAGEMENT, "Denials", "Denials Management Coder",
        ("Coding Denials Specialist", "Denials Management Coder {n}", "Appeals & Denials Coding Analyst",
         "Revenue Integrity Coding Specialist"),
        (W.VENDOR, W.INPATIENT, W.PHYSICIAN_PRACTICE, W.LABORATORY, W.OUTPATIENT_FACILITY),
        (C.ICD10CM, C.CPT, C.HCPCS, C.MODIFIERS), (C.MS_DRG, C.CDT),
        ((K.CPC, K.CPB), (K.CPC, K.CCS, K.CPB)), (K.CPB, K.CMRS, K.CPC_P),
        25.5, ("accounts/day", 25, 35),
        "coding-related denials: medical necessity (LCD/NCD), NCCI edits, modifier 25/59 denials and "
        "DRG downgrades",
        ("Work coding-related denials and correct or appeal each claim",
         "Write appeal letters citing coverage policy and coding guidelines",
         "Trend root causes and report them to coding and front-end teams",
         "Keep payer policy notes current in the shared library"),
        (), 4,
    ),
    Archetype(
        "data_analyst", S.AUDITING_COMPLIANCE, "Coding Analytics", "Coding Data Analyst",
        ("Coding Quality Data Analyst", "Coding Analytics Specialist", "HIM Data Analyst – Coding"),
        (W.PAYER, W.VENDOR, W.INPATIENT),
        (C.ICD10CM, C.CPT, C.MS_DRG), (C.CMS_HCC, C.HCPCS),
        ((K.CCS, K.CHDA), (K.CPC, K.CHDA, K.RHIA)), (K.CHDA, K.RHIA),
        36.0, ("audit samples/week", 4, 6),
        "coding accuracy, case-mix and HCC capture reporting from claims and audit data",
        ("Build audit samples and accuracy dashboards",
         "Analyze case-mix index and DRG shifts month over month",
         "Reconcile HCC capture against claims data",
         "Automate recurring coding reports"),
        (S.RISK_ADJUSTMENT,), 0.8,
    ),
    Archetype(
        "dme", S.DME_SUPPLIES, "DME", "DME Coder",
        ("DME Coding Specialist", "DME & Supplies Coder {n}", "HCPCS Coder – DME"),
        (W.VENDOR, W.PAYER),
        (C.HCPCS, C.ICD10CM, C.MODIFIERS), (C.CPT,),
        ((K.CPC, K.CPB), (K.CPC, K.CBCS, K.CPB)), (K.CPB, K.CMRS, K.CPC_P),
        21.0, ("claims/day", 40, 60),
        "HCPCS Level II supplies, equipment and orthotics (A4206–A9999, E0100–E8002, L0112–L9900) with "
        "KX, RR, NU and RT/LT modifiers",
        ("Code DME, supplies and orthotics orders and check standard written order elements",
         "Apply rental and purchase modifiers and capped-rental rules",
         "Check LCD documentation requirements before billing",
         "Work DME denials and resubmissions"),
        (), 1.5,
    ),
)

ARCHETYPE_BY_KEY = {a.key: a for a in ARCHETYPES}

# Pay multiplier and title numeral per level.
LEVEL_PAY = {ExperienceLevel.ENTRY: 0.78, ExperienceLevel.MID: 1.0, ExperienceLevel.SENIOR: 1.17,
             ExperienceLevel.LEAD: 1.35}
LEVEL_NUMERAL = {ExperienceLevel.ENTRY: "I", ExperienceLevel.MID: "II", ExperienceLevel.SENIOR: "III"}
HOURLY_RANGE = (18.0, 55.0)
YEARLY_RANGE = (38_000, 110_000)

# -- employers --------------------------------------------------------------------------------------

E = EmployerKind
HOSPITAL_SETTINGS = (W.INPATIENT, W.OUTPATIENT_FACILITY, W.PHYSICIAN_PRACTICE)


class EmployerSpec(NamedTuple):
    name: str
    slug: str  # e-mail domain <slug>.example and website https://www.<slug>.example
    kind: EmployerKind
    city: str
    state: str
    tagline: str
    settings: tuple[WorkSetting, ...]
    archetypes: tuple[str, ...] | None = None  # None: any archetype sharing a setting
    national: bool = False  # hires anywhere (vendors, payers); local ones hire near HQ
    weight: float = 1.0


EMPLOYERS: tuple[EmployerSpec, ...] = (
    # Hospitals and health systems
    EmployerSpec("Lakeshore Health System", "lakeshore", E.HOSPITAL, "Chicago", "IL",
                 "Five hospitals and forty clinics along the lake, with a coding team that has been remote-first "
                 "since 2019.", HOSPITAL_SETTINGS, weight=3.0),
    EmployerSpec("Bluestem Regional Medical Center", "bluestem", E.HOSPITAL, "Wichita", "KS",
                 "A 320-bed teaching hospital and Level II trauma center for south-central Kansas.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Cedar Valley Health", "cedarvalley", E.HOSPITAL, "Des Moines", "IA",
                 "Three hospitals and a network of rural clinics across central Iowa.", HOSPITAL_SETTINGS),
    EmployerSpec("Saltmarsh Regional Health", "saltmarsh", E.HOSPITAL, "Columbia", "SC",
                 "A not-for-profit system serving the Midlands and the coast.", HOSPITAL_SETTINGS),
    EmployerSpec("Red Mesa Health Partners", "redmesa", E.HOSPITAL, "Albuquerque", "NM",
                 "Hospitals, clinics and a children's center serving New Mexico and the Four Corners.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Ironbridge Medical Center", "ironbridge", E.HOSPITAL, "Pittsburgh", "PA",
                 "An academic medical center known for transplant and cardiac surgery.", HOSPITAL_SETTINGS,
                 weight=1.5),
    EmployerSpec("Prairie Crossing Health", "prairiecrossing", E.HOSPITAL, "Omaha", "NE",
                 "Four hospitals and a physician network across eastern Nebraska and western Iowa.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Magnolia Bend Medical Center", "magnoliabend", E.HOSPITAL, "Jackson", "MS",
                 "A community hospital with a growing cancer center and an employed physician group.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Granite Peak Health System", "granitepeak", E.HOSPITAL, "Manchester", "NH",
                 "Northern New England's regional system, from critical-access hospitals to a tertiary center.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Desert Willow Health", "desertwillow", E.HOSPITAL, "Phoenix", "AZ",
                 "Six hospitals across the Valley with a centralized HIM team.", HOSPITAL_SETTINGS, weight=1.5),
    EmployerSpec("Northwoods Regional Health", "northwoods", E.HOSPITAL, "Minneapolis", "MN",
                 "A regional system spanning the Twin Cities and the lake country to the north.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Bayou Crescent Health", "bayoucrescent", E.HOSPITAL, "New Orleans", "LA",
                 "A safety-net health system and teaching partner for two medical schools.", HOSPITAL_SETTINGS),
    EmployerSpec("Cascade Foothills Medical Center", "cascadefoothills", E.HOSPITAL, "Spokane", "WA",
                 "The Inland Northwest's referral hospital for cardiac, neuro and trauma care.",
                 HOSPITAL_SETTINGS),
    EmployerSpec("Laurel Hollow Health System", "laurelhollow", E.HOSPITAL, "Charlotte", "NC",
                 "Eight hospitals across the Carolinas with a shared revenue-cycle center.", HOSPITAL_SETTINGS,
                 weight=1.5),
    EmployerSpec("Juniper Flats Regional Hospital", "juniperflats", E.HOSPITAL, "Boise", "ID",
                 "A 200-bed regional hospital with clinics across the Treasure Valley.", HOSPITAL_SETTINGS),
    EmployerSpec("Brightwater Children's Hospital", "brightwater", E.HOSPITAL, "Columbus", "OH",
                 "A free-standing children's hospital with a statewide network of pediatric practices.",
                 HOSPITAL_SETTINGS,
                 ("peds", "inpatient", "cdi", "outpatient", "ed_facility", "ed_pro", "radiology", "anesthesia",
                  "gensurg", "ent", "behavioral", "denials", "facility_auditor", "em")),
    # Physician groups
    EmployerSpec("Copperline Orthopaedic Associates", "copperline", E.PHYSICIAN_GROUP, "Denver", "CO",
                 "Forty orthopaedic surgeons, two surgery centers and a sports-medicine clinic.",
                 (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY), ("ortho", "asc", "em", "denials")),
    EmployerSpec("Foxglove Cardiology Partners", "foxglove", E.PHYSICIAN_GROUP, "Nashville", "TN",
                 "Cardiologists, electrophysiologists and vascular surgeons across middle Tennessee.",
                 (W.PHYSICIAN_PRACTICE,), ("cardiology", "ir", "em", "profee_auditor")),
    EmployerSpec("Larkspur Eye Associates", "larkspur", E.PHYSICIAN_GROUP, "Salt Lake City", "UT",
                 "Comprehensive ophthalmology and retina care with an on-site surgery center.",
                 (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY), ("ophtho", "asc")),
    EmployerSpec("Oakmere Digestive Health", "oakmere", E.PHYSICIAN_GROUP, "Louisville", "KY",
                 "A gastroenterology practice with three endoscopy centers.",
                 (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY), ("gi", "asc", "em")),
    EmployerSpec("Palisade Women's Health", "palisade", E.PHYSICIAN_GROUP, "Newark", "NJ",
                 "OB/GYN, maternal-fetal medicine and fertility care across northern New Jersey.",
                 (W.PHYSICIAN_PRACTICE,), ("obgyn", "em")),
    EmployerSpec("Little Compass Pediatrics", "littlecompass", E.PHYSICIAN_GROUP, "Providence", "RI",
                 "Eleven pediatric offices and an after-hours clinic in Rhode Island and Massachusetts.",
                 (W.PHYSICIAN_PRACTICE,), ("peds", "em")),
    EmployerSpec("Sandhill Emergency Physicians", "sandhill", E.PHYSICIAN_GROUP, "Raleigh", "NC",
                 "An independent emergency-medicine group staffing fourteen EDs.",
                 (W.PHYSICIAN_PRACTICE,), ("ed_pro", "em", "profee_auditor")),
    EmployerSpec("Quietwater Anesthesia Partners", "quietwater", E.PHYSICIAN_GROUP, "Houston", "TX",
                 "Anesthesiologists and CRNAs covering hospitals and surgery centers on the Gulf Coast.",
                 (W.PHYSICIAN_PRACTICE,), ("anesthesia", "denials")),
    EmployerSpec("Tallgrass Family Medicine", "tallgrass", E.PHYSICIAN_GROUP, "Tulsa", "OK",
                 "Family medicine, pediatrics and behavioral health under one roof in eastern Oklahoma.",
                 (W.PHYSICIAN_PRACTICE,), ("primary", "em", "peds", "behavioral", "cdi_outpatient")),
    EmployerSpec("Cobalt Skin & Dermatology", "cobaltskin", E.PHYSICIAN_GROUP, "Las Vegas", "NV",
                 "Medical and surgical dermatology with a Mohs surgery center.",
                 (W.PHYSICIAN_PRACTICE,), ("derm", "em")),
    EmployerSpec("Keel Point Urology", "keelpoint", E.PHYSICIAN_GROUP, "Portland", "ME",
                 "Maine's largest independent urology practice.", (W.PHYSICIAN_PRACTICE,), ("urology", "em")),
    EmployerSpec("Ridgeline Neurology & Spine", "ridgeline", E.PHYSICIAN_GROUP, "Reno", "NV",
                 "Neurologists, neurosurgeons and a neurodiagnostic lab serving northern Nevada.",
                 (W.PHYSICIAN_PRACTICE,), ("neuro", "em", "ortho")),
    EmployerSpec("Pinecrest Behavioral Health", "pinecrest", E.PHYSICIAN_GROUP, "Portland", "OR",
                 "Outpatient psychiatry, therapy and addiction medicine, in person and by video.",
                 (W.PHYSICIAN_PRACTICE,), ("behavioral",)),
    EmployerSpec("Sunstone Oncology Associates", "sunstone", E.PHYSICIAN_GROUP, "San Antonio", "TX",
                 "Community oncology with infusion suites and radiation centers across south Texas.",
                 (W.PHYSICIAN_PRACTICE, W.OUTPATIENT_FACILITY), ("hemonc", "em", "denials")),
    EmployerSpec("Harbor Light ENT & Facial Surgery", "harborlight", E.PHYSICIAN_GROUP, "Baltimore", "MD",
                 "Otolaryngology, audiology and allergy care in central Maryland.",
                 (W.PHYSICIAN_PRACTICE,), ("ent", "em")),
    EmployerSpec("Lumen Point Radiology", "lumenpoint", E.PHYSICIAN_GROUP, "Jacksonville", "FL",
                 "A radiology group reading for hospitals and imaging centers across three states.",
                 (W.RADIOLOGY_GROUP,), ("radiology", "ir"), weight=1.5),
    EmployerSpec("Stonegate Oral & Maxillofacial Surgery", "stonegate", E.PHYSICIAN_GROUP, "Hartford", "CT",
                 "Oral and maxillofacial surgeons billing both dental and medical plans.",
                 (W.PHYSICIAN_PRACTICE,), ("omfs", "denials")),
    EmployerSpec("Meadowlark Primary Care Network", "meadowlark", E.PHYSICIAN_GROUP, "Sioux Falls", "SD",
                 "Rural health clinics and primary care offices across the Dakotas.",
                 (W.PHYSICIAN_PRACTICE,), ("primary", "em", "ra_coder", "cdi_outpatient")),
    EmployerSpec("Tamarack Surgical Associates", "tamarack", E.PHYSICIAN_GROUP, "Cheyenne", "WY",
                 "General, vascular and bariatric surgeons serving Wyoming and the Front Range.",
                 (W.PHYSICIAN_PRACTICE,), ("gensurg", "em")),
    # Coding vendors
    EmployerSpec("Precision HCC Analytics", "precisionhcc", E.CODING_VENDOR, "Austin", "TX",
                 "Retrospective and prospective risk adjustment reviews for Medicare Advantage and ACA plans.",
                 (W.RISK_ADJUSTMENT,), ("ra_coder", "ra_qa", "cdi_outpatient", "data_analyst"), True, 2.0),
    EmployerSpec("Clearpath Coding Solutions", "clearpath", E.CODING_VENDOR, "Atlanta", "GA",
                 "Outsourced coding for 150 hospitals and physician groups, fully remote since day one.",
                 (W.VENDOR,), None, True, 2.0),
    EmployerSpec("Anchorline Revenue Cycle", "anchorline", E.CODING_VENDOR, "Tampa", "FL",
                 "Coding, denials and revenue-integrity services for health systems.",
                 (W.VENDOR,), None, True, 1.5),
    EmployerSpec("Keyfield Health Information Services", "keyfield", E.CODING_VENDOR, "Indianapolis", "IN",
                 "HIM staffing and project coding for backlogs, conversions and audits.",
                 (W.VENDOR,), None, True, 1.5),
    EmployerSpec("Lodestar Coding Partners", "lodestar", E.CODING_VENDOR, "Minneapolis", "MN",
                 "A coder-owned company providing specialty pro-fee coding.", (W.VENDOR,), None, True),
    EmployerSpec("Ninefold HIM Solutions", "ninefold", E.CODING_VENDOR, "Cleveland", "OH",
                 "Inpatient, outpatient and CDI support for hospitals large and small.", (W.VENDOR,),
                 ("inpatient", "outpatient", "ed_facility", "asc", "cdi", "drg_validation", "facility_auditor",
                  "denials", "data_analyst"), True),
    EmployerSpec("Bellwether Clinical Documentation", "bellwether", E.CODING_VENDOR, "Philadelphia", "PA",
                 "CDI programs, interim CDI staff and second-level DRG reviews.", (W.VENDOR,),
                 ("cdi", "cdi_outpatient", "drg_validation", "inpatient"), True),
    EmployerSpec("Ironwood Medical Billing", "ironwood", E.CODING_VENDOR, "Tucson", "AZ",
                 "Billing and coding for independent practices in the Southwest.", (W.VENDOR,),
                 ("em", "primary", "peds", "behavioral", "derm", "ortho", "gensurg", "urology", "ent", "obgyn",
                  "denials", "dme"), True),
    EmployerSpec("Parallel Chart Review Group", "parallelchart", E.CODING_VENDOR, "Dallas", "TX",
                 "Chart retrieval and HCC review at scale, with seasonal and year-round teams.",
                 (W.RISK_ADJUSTMENT,), ("ra_coder", "ra_qa"), True, 2.0),
    EmployerSpec("Orchard Lane Coding Co.", "orchardlane", E.CODING_VENDOR, "Grand Rapids", "MI",
                 "A boutique firm coding for rural hospitals and clinics.", (W.VENDOR,), None, True),
    EmployerSpec("Signal Peak Denials Recovery", "signalpeak", E.CODING_VENDOR, "Charlotte", "NC",
                 "Denials prevention, appeals and payer-audit defense.", (W.VENDOR,),
                 ("denials", "profee_auditor", "drg_validation", "dme"), True),
    EmployerSpec("Fieldstone Remote Coding", "fieldstone", E.CODING_VENDOR, "Orlando", "FL",
                 "Remote coders for ED, radiology, pathology and anesthesia groups.", (W.VENDOR,),
                 ("ed_pro", "ed_facility", "radiology", "ir", "pathology", "anesthesia", "em"), True),
    # Payers
    EmployerSpec("Crescent Shield Health Plan", "crescentshield", E.PAYER, "Baton Rouge", "LA",
                 "A regional health plan covering 900,000 members in Louisiana and Mississippi.",
                 (W.PAYER,), None, True),
    EmployerSpec("Prairie Mutual Health", "prairiemutual", E.PAYER, "Fargo", "ND",
                 "A member-owned health insurer in the Upper Midwest.", (W.PAYER,), None, True),
    EmployerSpec("Bayside Community Health Plan", "bayside", E.PAYER, "San Diego", "CA",
                 "A Medicaid and dual-eligible plan serving Southern California.", (W.PAYER,), None, True),
    EmployerSpec("Lanternfield Medicare Advantage", "lanternfield", E.PAYER, "Milwaukee", "WI",
                 "Medicare Advantage plans for seniors in six Midwestern states.", (W.PAYER,), None, True, 1.5),
    EmployerSpec("Alder Health Plan", "alder", E.PAYER, "Sacramento", "CA",
                 "A nonprofit plan offering commercial, Medicare and Medi-Cal coverage.", (W.PAYER,), None, True),
    EmployerSpec("Sagebrush Health Alliance", "sagebrush", E.PAYER, "Billings", "MT",
                 "A provider-sponsored plan for Montana and Wyoming.", (W.PAYER,), None, True),
    # Laboratories
    EmployerSpec("Ridgetop Pathology Partners", "ridgetop", E.LAB, "Charleston", "WV",
                 "Pathologists providing anatomic and clinical pathology to twenty hospitals.",
                 (W.LABORATORY,), ("pathology", "lab_molecular", "denials")),
    EmployerSpec("Cloverleaf Reference Laboratory", "cloverleaf", E.LAB, "Kansas City", "MO",
                 "A reference lab running 4,000 tests for clinics and hospitals nationwide.",
                 (W.LABORATORY,), ("lab_molecular", "pathology", "denials"), True),
    EmployerSpec("Quarry Hill Molecular Diagnostics", "quarryhill", E.LAB, "Madison", "WI",
                 "Genetic and molecular testing for oncology and inherited disease.", (W.LABORATORY,),
                 ("lab_molecular", "denials"), True),
    EmployerSpec("Silverline Dermatopathology", "silverline", E.LAB, "Miami", "FL",
                 "Dermatopathology services for dermatology practices in the Southeast.", (W.LABORATORY,),
                 ("pathology",)),
    EmployerSpec("Windward Toxicology Laboratory", "windward", E.LAB, "Honolulu", "HI",
                 "Clinical and toxicology testing for clinics across the islands.", (W.LABORATORY,),
                 ("lab_molecular", "pathology")),
    # Other: audit firms, an independent surgery center, a DME supplier, a telehealth group
    EmployerSpec("Brightline Compliance Advisors", "brightline", E.OTHER, "Washington", "DC",
                 "Healthcare compliance consultants for hospitals, groups and payers.", (W.AUDIT,), None, True),
    EmployerSpec("Fairhaven Audit & Compliance Group", "fairhaven", E.OTHER, "Richmond", "VA",
                 "Independent coding audits and IRO reviews.", (W.AUDIT,), None, True),
    EmployerSpec("Northgate Surgery Center", "northgate", E.OTHER, "Albany", "NY",
                 "A multi-specialty ambulatory surgery center with eight operating rooms.",
                 (W.OUTPATIENT_FACILITY,), ("asc", "gi", "ophtho", "outpatient")),
    EmployerSpec("Ridgeway Home Medical Supply", "ridgeway", E.OTHER, "Memphis", "TN",
                 "Home medical equipment, respiratory and diabetic supplies across the Mid-South.",
                 (W.VENDOR,), ("dme", "denials")),
    EmployerSpec("Frontier Telehealth Collective", "frontiertelehealth", E.OTHER, "Anchorage", "AK",
                 "Virtual primary care and behavioral health for rural and remote communities.",
                 (W.PHYSICIAN_PRACTICE,), ("primary", "behavioral", "em"), True),
)

EMPLOYER_SIZES = {
    E.HOSPITAL: ("a regional health system", "a community hospital system", "an integrated health system"),
    E.PHYSICIAN_GROUP: ("a physician-owned practice", "a multi-site specialty group", "an independent medical group"),
    E.CODING_VENDOR: ("a coding services company", "a revenue-cycle partner", "a remote coding firm"),
    E.PAYER: ("a health plan", "a regional insurer", "a managed-care organization"),
    E.LAB: ("a laboratory", "a pathology and lab services company", "a diagnostic laboratory"),
    E.OTHER: ("an independent healthcare company", "a healthcare services organization"),
}

ABOUT_CLOSERS = (
    "We promote from within: most of our coding leads started here as coders.",
    "New coders get a named mentor and second-level review for their first 90 days.",
    "We pay for one AAPC or AHIMA membership and the CEUs to keep your credentials current.",
    "Coders have a voice: our coding council meets monthly and sets the education calendar.",
    "We publish productivity and quality targets up front, and we stick to them.",
    "Our coders work on dual monitors with an encoder, a CAC tool and a shared policy library.",
)

# -- job text pieces --------------------------------------------------------------------------------

GENERIC_DUTIES = (
    "Keep current with quarterly code updates, Coding Clinic and payer policy changes",
    "Query providers when documentation is incomplete, conflicting or ambiguous",
    "Work coding edits and holds in the work queue before claims drop",
    "Take part in monthly education and audit feedback sessions",
    "Protect patient privacy and follow HIPAA and company security policies",
    "Help refine coding policies and desk procedures",
    "Flag charge-capture gaps to the revenue integrity team",
)
LEAD_DUTIES = (
    "Lead a team of coders: schedules, work queues, coaching and annual reviews",
    "Own productivity and quality reporting for the team",
    "Run new-hire onboarding and the apprentice mentoring program",
    "Represent coding in revenue-cycle and compliance meetings",
    "Handle escalated coding questions from coders and providers",
)
EHRS = ("Epic", "Oracle Health (Cerner)", "Meditech Expanse", "athenaOne", "eClinicalWorks", "NextGen",
        "Allscripts")
ENCODERS = ("3M 360 Encompass", "Optum EncoderPro", "TruCode", "Find-A-Code",
            "an AI-assisted CAC tool")
NICE_TO_HAVE = (
    "Experience with computer-assisted coding (CAC) workflows",
    "Experience with Medicare Advantage and commercial payer rules",
    "Experience coding for an academic medical center",
    "Experience training or mentoring other coders",
    "Familiarity with NCCI, MUE and LCD/NCD lookups",
    "Prior work on a coding backlog or EHR conversion project",
)
BENEFITS_FULL = (
    "Medical, dental and vision coverage from the first of the month after you start",
    "401(k) with a 4% company match",
    "Paid time off starting at 18 days a year, plus 8 paid holidays",
    "AAPC or AHIMA membership and CEU reimbursement",
    "Exam fees paid for one specialty credential a year",
    "Company laptop, dual monitors and a home-office stipend",
    "Tuition assistance for HIM and coding programs",
    "Quarterly quality and productivity bonus",
    "Paid parental leave",
    "Employee assistance program and wellness stipend",
)
BENEFITS_OTHER = (
    "Weekly pay by direct deposit",
    "Flexible hours within a 6am–8pm window",
    "CEU webinars at no cost",
    "Equipment provided for remote work",
    "Option to move to full time after 90 days",
    "Steady work queues year round",
)
SCHEDULES = {
    "full-time": ("Monday to Friday, 40 hours; flexible start between 6 and 9am.",
                  "Full time, 40 hours a week; flexible schedule after training.",
                  "Four 10-hour days or five 8-hour days, your choice after 90 days."),
    "part-time": ("20–30 hours a week, scheduled with your lead.", "Part time, 24 hours a week, weekdays."),
    "contract": ("6-month contract, 40 hours a week, with a likely extension.",
                 "Project contract through year end; 32–40 hours a week."),
    "per-diem": ("Per diem: pick up work queues as your schedule allows (minimum 8 hours a week).",
                 "As-needed coverage for backlogs, vacations and month-end."),
}
REJECTION_REASONS = (
    "Please state a pay range: 'DOE' is not enough for our board.",
    "The description asks applicants to pay for training materials; postings may not charge candidates.",
    "This looks like a duplicate of a posting already live for your company. Edit that one instead.",
    "The required credentials do not match the role: a CDI posting lists only billing credentials.",
    "Remote jobs must list the states you can hire in, or leave them all unticked for any state.",
    "The description includes CPT descriptor text copied from the code book; please describe the work in "
    "your own words and cite code numbers only.",
)
COVER_NOTES = (
    "I have {years} years of {area} coding experience and hold the {cred}. I'd love to bring my accuracy "
    "(consistently above 95%) to your team.",
    "Hello! I'm a {cred} with {years} years in {area} coding. I work well independently and I'm comfortable "
    "with {ehr}.",
    "Your posting matches what I do every day: {area} coding with {ehr}. I hold the {cred} and can start "
    "within two weeks.",
    "I recently earned my {cred} and have {years} years of experience. I'm looking for a team where I can "
    "keep learning.",
    "{area} coding is my focus, with {years} years of experience and strong productivity. Happy to take a "
    "coding assessment.",
    "",
)
HEADLINES = (
    "{creds} · {area} coder · {years} years",
    "{area} coding specialist ({creds})",
    "{creds} | {years} years in {area} coding",
    "{level}-level {area} coder, {creds}",
)

# -- people -----------------------------------------------------------------------------------------

FIRST_NAMES = (
    "Aaliyah", "Adriana", "Aisha", "Alicia", "Amanda", "Amber", "Ana", "Andre", "Angela", "Anita", "April",
    "Ashley", "Beatriz", "Bianca", "Brandon", "Brenda", "Brittany", "Camila", "Carla", "Carmen", "Cassandra",
    "Chantal", "Christina", "Crystal", "Dana", "Daniela", "Danielle", "Darnell", "Deborah", "Denise",
    "Destiny", "Diana", "Dominique", "Elena", "Erica", "Esther", "Fatima", "Gabriela", "Gloria", "Grace",
    "Hannah", "Heather", "Imani", "Irene", "Jacqueline", "Jamal", "Janelle", "Jasmine", "Jennifer", "Jessica",
    "Joanna", "Jordan", "Joy", "Julia", "Karen", "Katherine", "Keisha", "Kelly", "Kimberly", "Krystal",
    "Latoya", "Laura", "Leah", "Linda", "Lisa", "Lucia", "Maria", "Marisol", "Megan", "Melissa", "Michelle",
    "Monica", "Nadia", "Natalie", "Nicole", "Olivia", "Patricia", "Priya", "Rachel", "Renee", "Rosa", "Ruth",
    "Samantha", "Sandra", "Sara", "Shanice", "Sonia", "Stephanie", "Tamara", "Tanya", "Teresa", "Tiffany",
    "Valerie", "Vanessa", "Veronica", "Wendy", "Yesenia", "Yolanda", "Michael", "David", "James", "Kevin",
    "Marcus", "Luis", "Omar", "Tyler", "Ryan", "Eric", "Anthony", "Joseph", "Samuel", "Daniel",
)
LAST_NAMES = (
    "Adams", "Aguilar", "Alvarez", "Anderson", "Baker", "Banks", "Bell", "Brooks", "Brown", "Bryant",
    "Campbell", "Carter", "Castillo", "Chen", "Clark", "Coleman", "Collins", "Cruz", "Davis", "Diaz",
    "Edwards", "Ellis", "Evans", "Fisher", "Flores", "Foster", "Garcia", "Gomez", "Gonzalez", "Graham",
    "Green", "Hall", "Harris", "Hayes", "Henderson", "Hernandez", "Hill", "Hughes", "Jackson", "James",
    "Jenkins", "Johnson", "Jones", "Kelly", "Kim", "King", "Lee", "Lewis", "Long", "Lopez", "Martin",
    "Martinez", "Mendoza", "Miller", "Mitchell", "Moore", "Morales", "Morgan", "Murphy", "Nguyen", "Nelson",
    "Ortiz", "Parker", "Patel", "Perez", "Perry", "Phillips", "Powell", "Price", "Ramirez", "Reed", "Reyes",
    "Richardson", "Rivera", "Roberts", "Robinson", "Rodriguez", "Ross", "Russell", "Sanchez", "Sanders",
    "Scott", "Shah", "Simmons", "Smith", "Stewart", "Sullivan", "Taylor", "Thomas", "Thompson", "Torres",
    "Tran", "Turner", "Walker", "Ward", "Washington", "Watson", "White", "Williams", "Wilson", "Wood",
    "Wright", "Young",
)
EMAIL_DOMAINS = ("mail.example", "inbox.example", "coders.example", "webmail.example")
EMPLOYER_MAILBOXES = ("talent", "recruiting", "him.careers", "coding.manager")

# Credential number formats by issuing body: (prefix, digits).
CREDENTIAL_NUMBER_FORMAT = {"AAPC": ("", 8), "AHIMA": ("", 7), "ACDIS": ("", 6), "NHA": ("NHA-", 7),
                            "AMBA": ("AMBA-", 6), "PMI": ("PMI-", 6)}


def credential_body(credential: Credential) -> str:
    """'AAPC', 'AHIMA', ... from the label's trailing parenthesis."""
    return credential.label.rsplit("(", 1)[-1].rstrip(")")


def about_text(spec: EmployerSpec, size: str, coders: int, closer: str) -> str:
    place = f"{spec.city}, {spec.state}"
    return (
        f"{spec.name} is {size} based in {place}. {spec.tagline} Our {coders} coding professionals "
        f"work across {', '.join(s.label.lower() for s in spec.settings)} settings. {closer}"
    )
