"""Tests for careers.taxonomy.codes and careers.taxonomy.categories: pure functions, no app or database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from careers.taxonomy import categories as cats
from careers.taxonomy import codes
from careers.taxonomy.categories import CATEGORIES, CATEGORIES_BY_KEY, CREDENTIALS_BY_SPECIALTY, SOURCES, chain
from careers.taxonomy.codes import categories_for_specialty, looks_like_code, resolve
from careers.taxonomy.enums import CodeSet, Credential, Specialty

ROOT = Path(__file__).resolve().parents[2]

CPT, HCPCS, CM, PCS = CodeSet.CPT, CodeSet.HCPCS, CodeSet.ICD10CM, CodeSet.ICD10PCS
S = Specialty
EM, ED, ANES = S.EVALUATION_MANAGEMENT, S.EMERGENCY_DEPARTMENT, S.ANESTHESIA
GS, DERM, ORTHO, CARD = S.GENERAL_SURGERY, S.DERMATOLOGY, S.ORTHOPEDICS, S.CARDIOLOGY
GI, URO, OB, NEURO = S.GASTROENTEROLOGY, S.UROLOGY, S.OBSTETRICS_GYNECOLOGY, S.NEUROLOGY
OPH, ENT, RAD, ONC = S.OPHTHALMOLOGY, S.OTOLARYNGOLOGY, S.RADIOLOGY, S.HEMATOLOGY_ONCOLOGY
PATH, BH, AUDIT, DME = S.PATHOLOGY, S.BEHAVIORAL_HEALTH, S.AUDITING_COMPLIANCE, S.DME_SUPPLIES
PEDS, PC, RA, INPT = S.PEDIATRICS, S.PRIMARY_CARE, S.RISK_ADJUSTMENT, S.INPATIENT_CODING


@pytest.fixture(scope="module")
def cm():
    """simple-icd-10-cm (a test dependency): the reference the categories and the shipped table are checked on."""
    with warnings.catch_warnings():
        # The package reads its data with importlib.resources.read_text, deprecated in Python 3.11.
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm
    return simple_icd_10_cm


def row(text, code_set, code, category, subcategory=None, has=(), lacks=()):
    return pytest.param(text, code_set, code, category, subcategory, set(has), set(lacks), id=text.strip() or "blank")


# (typed, code set, normalised code, category key, subcategory key, specialties it has, specialties it lacks)
# Each must-hold range appears with its first code, its last code and the code one past its end.
TABLE = [
    # E/M 99202-99499, ED visits 99281-99285
    row("99202", CPT, "99202", "cpt-em", "cpt-em-office", {EM}),
    row("99213", CPT, "99213", "cpt-em", "cpt-em-office", {EM}),
    row("99499", CPT, "99499", "cpt-em", None, {EM}),
    row("99500", CPT, "99500", "cpt-medicine-home", "cpt-med-home-health", (), {EM}),
    row("99280", CPT, "99280", "cpt-em", None, {EM}, {ED}),
    row("99281", CPT, "99281", "cpt-em", "cpt-em-ed", {EM, ED}),
    row("99285", CPT, "99285", "cpt-em", "cpt-em-ed", {EM, ED}),
    row("99286", CPT, "99286", "cpt-em", None, {EM}, {ED}),
    row("98000", CPT, "98000", "cpt-em", "cpt-em-telemedicine", {EM}),
    # Anesthesia 00100-01999
    row("00100", CPT, "00100", "cpt-anesthesia", None, {ANES}),
    row("01999", CPT, "01999", "cpt-anesthesia", None, {ANES}),
    # Surgery subsections
    row("10030", CPT, "10030", "cpt-surgery", "cpt-surgery-integumentary", {GS, DERM}),
    row("19499", CPT, "19499", "cpt-surgery", "cpt-surgery-integumentary", {GS, DERM}),
    row("19500", CPT, "19500", "cpt-surgery", None, (), {DERM}),
    row("20100", CPT, "20100", "cpt-surgery", "cpt-surgery-musculoskeletal", {ORTHO}),
    row("29999", CPT, "29999", "cpt-surgery", "cpt-surgery-musculoskeletal", {ORTHO}),
    row("30000", CPT, "30000", "cpt-surgery", "cpt-surgery-respiratory", (), {ORTHO}),
    row("33016", CPT, "33016", "cpt-surgery", "cpt-surgery-cardiovascular", {CARD}),
    row("37799", CPT, "37799", "cpt-surgery", "cpt-surgery-cardiovascular", {CARD}),
    row("37800", CPT, "37800", "cpt-surgery", None, (), {CARD}),
    row("40490", CPT, "40490", "cpt-surgery", "cpt-surgery-digestive", {GI, GS}),
    row("49999", CPT, "49999", "cpt-surgery", "cpt-surgery-digestive", {GI, GS}),
    row("50000", CPT, "50000", "cpt-surgery", None, (), {GI}),
    row("50010", CPT, "50010", "cpt-surgery", "cpt-surgery-urinary", {URO}),
    row("55899", CPT, "55899", "cpt-surgery", "cpt-surgery-male-genital", {URO}),
    row("55900", CPT, "55900", "cpt-surgery", None, (), {URO}),
    row("56405", CPT, "56405", "cpt-surgery", "cpt-surgery-female-genital", {OB}),
    row("59899", CPT, "59899", "cpt-surgery", "cpt-surgery-maternity", {OB}),
    row("59900", CPT, "59900", "cpt-surgery", None, (), {OB}),
    row("61000", CPT, "61000", "cpt-surgery", "cpt-surgery-nervous", {NEURO}),
    row("64999", CPT, "64999", "cpt-surgery", "cpt-surgery-nervous", {NEURO}),
    row("65000", CPT, "65000", "cpt-surgery", None, (), {NEURO}),
    row("65091", CPT, "65091", "cpt-surgery", "cpt-surgery-eye", {OPH}),
    row("68899", CPT, "68899", "cpt-surgery", "cpt-surgery-eye", {OPH}),
    row("68900", CPT, "68900", "cpt-surgery", None, (), {OPH}),
    row("69000", CPT, "69000", "cpt-surgery", "cpt-surgery-auditory", {ENT}),
    row("69979", CPT, "69979", "cpt-surgery", "cpt-surgery-auditory", {ENT}),
    row("69980", CPT, "69980", "cpt-surgery", None, (), {ENT}),
    # Radiology 70010-79999, radiation oncology 77261-77799
    row("70010", CPT, "70010", "cpt-radiology", "cpt-radiology-diagnostic", {RAD}),
    row("79999", CPT, "79999", "cpt-radiology", "cpt-radiology-nuclear", {RAD}),
    row("77261", CPT, "77261", "cpt-radiology", "cpt-radiology-radiation-oncology", {RAD, ONC}),
    row("77799", CPT, "77799", "cpt-radiology", "cpt-radiology-radiation-oncology", {RAD, ONC}),
    row("77800", CPT, "77800", "cpt-radiology", None, {RAD}, {ONC}),
    # Pathology and Laboratory 80047-89398
    row("80047", CPT, "80047", "cpt-pathology", "cpt-path-panels", {PATH}),
    row("88305", CPT, "88305", "cpt-pathology", "cpt-path-surgical", {PATH}),
    row("89398", CPT, "89398", "cpt-pathology", "cpt-path-reproductive", {PATH}),
    # Medicine subsections
    row("90785", CPT, "90785", "cpt-medicine", "cpt-med-psychiatry", {BH}),
    row("90899", CPT, "90899", "cpt-medicine", "cpt-med-psychiatry", {BH}),
    row("90900", CPT, "90900", "cpt-medicine", None, (), {BH}),
    row("92002", CPT, "92002", "cpt-medicine", "cpt-med-ophthalmology", {OPH}),
    row("92499", CPT, "92499", "cpt-medicine", "cpt-med-ophthalmology", {OPH}),
    row("92500", CPT, "92500", "cpt-medicine", None, (), {OPH}),
    row("92920", CPT, "92920", "cpt-medicine", "cpt-med-cardiovascular", {CARD}),
    row("93799", CPT, "93799", "cpt-medicine", "cpt-med-cardiovascular", {CARD}),
    row("93800", CPT, "93800", "cpt-medicine", None, (), {CARD}),
    row("96400", CPT, "96400", "cpt-medicine", "cpt-med-drug-administration", (), {ONC}),
    row("96401", CPT, "96401", "cpt-medicine", "cpt-med-chemotherapy", {ONC}),
    row("96549", CPT, "96549", "cpt-medicine", "cpt-med-chemotherapy", {ONC}),
    row("96550", CPT, "96550", "cpt-medicine", None, (), {ONC}),
    row("97151", CPT, "97151", "cpt-medicine", "cpt-med-adaptive-behavior", {BH}),
    row("99100", CPT, "99100", "cpt-medicine", "cpt-med-qualifying-circumstances", {ANES}),
    # Category II, Category III (digital pathology), PLA
    row("0001F", CPT, "0001F", "cpt-category-2", None, {AUDIT}),
    row("9007F", CPT, "9007F", "cpt-category-2", None, {AUDIT}),
    row("0750T", CPT, "0750T", "cpt-category-3", None, (), {PATH}),
    row("0751T", CPT, "0751T", "cpt-category-3", "cpt-cat3-digital-pathology-2023", {PATH}),
    row("0763T", CPT, "0763T", "cpt-category-3", "cpt-cat3-digital-pathology-2023", {PATH}),
    row("0764T", CPT, "0764T", "cpt-category-3", None, (), {PATH}),
    row("0827T", CPT, "0827T", "cpt-category-3", "cpt-cat3-digital-pathology-2024", {PATH}),
    row("0856T", CPT, "0856T", "cpt-category-3", "cpt-cat3-digital-pathology-2024", {PATH}),
    row("0857T", CPT, "0857T", "cpt-category-3", None, (), {PATH}),
    row("0001U", CPT, "0001U", "cpt-pla", None, {PATH}),
    row("0999U", CPT, "0999U", "cpt-pla", None, {PATH}),
    # HCPCS Level II
    row("J9000", HCPCS, "J9000", "hcpcs-j", "hcpcs-j-chemotherapy", {ONC}),
    row("J9271", HCPCS, "J9271", "hcpcs-j", "hcpcs-j-chemotherapy", {ONC}),
    row("J9999", HCPCS, "J9999", "hcpcs-j", "hcpcs-j-chemotherapy", {ONC}),
    row("J8999", HCPCS, "J8999", "hcpcs-j", None, (), {ONC}),
    row("K0000", HCPCS, "K0000", "hcpcs-k", None, {DME}, {ONC}),
    row("A0021", HCPCS, "A0021", "hcpcs-a", None, {DME}),
    row("A9999", HCPCS, "A9999", "hcpcs-a", None, {DME}),
    row("B4150", HCPCS, "B4150", "hcpcs-b", None),
    row("E0100", HCPCS, "E0100", "hcpcs-e", None, {DME}),
    row("E9999", HCPCS, "E9999", "hcpcs-e", None, {DME}),
    row("K0001", HCPCS, "K0001", "hcpcs-k", None, {DME}),
    row("L3000", HCPCS, "L3000", "hcpcs-l", None, {DME}),
    row("L9999", HCPCS, "L9999", "hcpcs-l", None, {DME}),
    row("M0075", HCPCS, "M0075", "hcpcs-m", None, (), {DME}),
    row("P9604", HCPCS, "P9604", "hcpcs-p", None, {PATH}),
    row("R0070", HCPCS, "R0070", "hcpcs-r", None, {RAD}),
    row("S9999", HCPCS, "S9999", "hcpcs-s", None, (), {RAD}),
    # ICD-10-CM chapters and blocks
    row("C00", CM, "C00", "icd10cm-chapter-2", "icd10cm-c00-c96", {ONC}),
    row("C50.911", CM, "C50.911", "icd10cm-chapter-2", "icd10cm-c00-c96", {ONC}),
    row("D49", CM, "D49", "icd10cm-chapter-2", None, {ONC}),
    row("D49.9", CM, "D49.9", "icd10cm-chapter-2", None, {ONC}),
    row("D50", CM, "D50", "icd10cm-chapter-3", None),
    row("F01", CM, "F01", "icd10cm-chapter-5", None, {BH}),
    row("F99", CM, "F99", "icd10cm-chapter-5", None, {BH}),
    row("G00", CM, "G00", "icd10cm-chapter-6", None, {NEURO}, {BH}),
    row("G99", CM, "G99", "icd10cm-chapter-6", None, {NEURO}),
    row("H00", CM, "H00", "icd10cm-chapter-7", None, {OPH}, {NEURO}),
    row("H59", CM, "H59", "icd10cm-chapter-7", None, {OPH}),
    row("H60", CM, "H60", "icd10cm-chapter-8", None, {ENT}, {OPH}),
    row("H95", CM, "H95", "icd10cm-chapter-8", None, {ENT}),
    row("I00", CM, "I00", "icd10cm-chapter-9", None, {CARD}, {ENT}),
    row("I99", CM, "I99", "icd10cm-chapter-9", None, {CARD}),
    row("J00", CM, "J00", "icd10cm-chapter-10", None, (), {CARD}),
    row("K00", CM, "K00", "icd10cm-chapter-11", None, {GI}),
    row("K95", CM, "K95", "icd10cm-chapter-11", None, {GI}),
    row("L00", CM, "L00", "icd10cm-chapter-12", None, {DERM}, {GI}),
    row("L99", CM, "L99", "icd10cm-chapter-12", None, {DERM}),
    row("M00", CM, "M00", "icd10cm-chapter-13", None, {ORTHO}, {DERM}),
    row("M99", CM, "M99", "icd10cm-chapter-13", None, {ORTHO}),
    row("N00", CM, "N00", "icd10cm-chapter-14", None, {URO}, {ORTHO}),
    row("N99", CM, "N99", "icd10cm-chapter-14", None, {URO}),
    row("O00", CM, "O00", "icd10cm-chapter-15", None, {OB}, {URO}),
    row("O9A", CM, "O9A", "icd10cm-chapter-15", None, {OB}),
    row("P00", CM, "P00", "icd10cm-chapter-16", None, {PEDS}, {OB}),
    row("P96", CM, "P96", "icd10cm-chapter-16", None, {PEDS}),
    row("QA0", CM, "QA0", "icd10cm-chapter-17", None, {PEDS}),
    row("S00", CM, "S00", "icd10cm-chapter-19", None, {ORTHO, ED}),
    row("S72001A", CM, "S72.001A", "icd10cm-chapter-19", None, {ORTHO}),
    row("T88", CM, "T88", "icd10cm-chapter-19", None, {ORTHO}),
    row("E08", CM, "E08", "icd10cm-chapter-4", "icd10cm-e08-e13", {RA}),
    row("E13", CM, "E13", "icd10cm-chapter-4", "icd10cm-e08-e13", {RA}),
    row("E14", CM, "E14", "icd10cm-chapter-4", None, (), {RA}),
    row("E11.9", CM, "E11.9", "icd10cm-chapter-4", "icd10cm-e08-e13", {RA}),
    row("I50.9", CM, "I50.9", "icd10cm-chapter-9", "icd10cm-i30-i5a", {CARD, RA, S.CDI}),
    row("Z00.00", CM, "Z00.00", "icd10cm-chapter-21", None, {PC}),
    row("U07.1", CM, "U07.1", "icd10cm-chapter-22", None),
    row("E000000", CM, "E00.0000", "icd10cm-chapter-4", None),  # E is no PCS section: read as ICD-10-CM
    # ICD-10-PCS: every section, B also radiology
    row("0DTJ4ZZ", PCS, "0DTJ4ZZ", "icd10pcs-0", None, {INPT}),
    row("10E0XZZ", PCS, "10E0XZZ", "icd10pcs-1", None, {INPT, OB}),
    row("2W0UX0Z", PCS, "2W0UX0Z", "icd10pcs-2", None, {INPT}),
    row("30233N1", PCS, "30233N1", "icd10pcs-3", None, {INPT}),
    row("4A023N7", PCS, "4A023N7", "icd10pcs-4", None, {INPT}),
    row("5A1955Z", PCS, "5A1955Z", "icd10pcs-5", None, {INPT}),
    row("6A750Z4", PCS, "6A750Z4", "icd10pcs-6", None, {INPT}),
    row("7W00X0Z", PCS, "7W00X0Z", "icd10pcs-7", None, {INPT}),
    row("8E0W4CZ", PCS, "8E0W4CZ", "icd10pcs-8", None, {INPT}),
    row("9WB0XBZ", PCS, "9WB0XBZ", "icd10pcs-9", None, {INPT}),
    row("BW28ZZZ", PCS, "BW28ZZZ", "icd10pcs-b", None, {INPT, RAD}),
    row("C2111ZZ", PCS, "C2111ZZ", "icd10pcs-c", None, {INPT}),
    row("DW021ZZ", PCS, "DW021ZZ", "icd10pcs-d", None, {INPT, ONC}),
    row("F00ZJWZ", PCS, "F00ZJWZ", "icd10pcs-f", None, {INPT}),
    row("GZ50ZZZ", PCS, "GZ50ZZZ", "icd10pcs-g", None, {INPT, BH}),
    row("HZ2ZZZZ", PCS, "HZ2ZZZZ", "icd10pcs-h", None, {INPT, BH}),
    row("XW033E5", PCS, "XW033E5", "icd10pcs-x", None, {INPT}),
    # How people type: lower case, dots or none, a leading +, spaces
    row("j9271", HCPCS, "J9271", "hcpcs-j", "hcpcs-j-chemotherapy", {ONC}),
    row("c50.911", CM, "C50.911", "icd10cm-chapter-2", "icd10cm-c00-c96", {ONC}),
    row("C50911", CM, "C50.911", "icd10cm-chapter-2", "icd10cm-c00-c96", {ONC}),
    row("c 50 911", CM, "C50.911", "icd10cm-chapter-2", "icd10cm-c00-c96", {ONC}),
    row("C50.", CM, "C50", "icd10cm-chapter-2", "icd10cm-c00-c96", {ONC}),
    row("+0856T", CPT, "0856T", "cpt-category-3", "cpt-cat3-digital-pathology-2024", {PATH}),
    row("+ 0856t", CPT, "0856T", "cpt-category-3", "cpt-cat3-digital-pathology-2024", {PATH}),
    row("  99285  ", CPT, "99285", "cpt-em", "cpt-em-ed", {EM, ED}),
    row("992 13", CPT, "99213", "cpt-em", "cpt-em-office", {EM}),
    row("0dtj4zz", PCS, "0DTJ4ZZ", "icd10pcs-0", None, {INPT}),
]


@pytest.mark.parametrize(("text", "code_set", "code", "category", "subcategory", "has", "lacks"), TABLE)
def test_resolve_table(text, code_set, code, category, subcategory, has, lacks):
    result = resolve(text)
    assert result.error is None, result.error
    assert (result.code_set, result.code) == (code_set, code)
    assert result.category is CATEGORIES_BY_KEY[category]
    assert result.subcategory is (CATEGORIES_BY_KEY[subcategory] if subcategory else None)
    assert has <= set(result.specialties)
    assert not lacks & set(result.specialties)
    assert list(result.specialties) == sorted(set(result.specialties))
    if code_set == CM:
        assert result.valid is not None
    else:
        assert result.valid is None and result.title is None


def test_table_is_large_and_covers_every_code_set():
    assert len(TABLE) >= 80
    assert {param.values[1] for param in TABLE} == {CPT, HCPCS, CM, PCS}


ERRORS = [
    "",
    "   ",
    "abc",
    "99999999",
    "0858X",
    "<script>",
    "<script>alert(1)</script>",
    "CPC",
    "99213-25",
    "C5.0911",
    "C50.91111",
    "0DTJ4ZO",  # PCS has no letter O
    "x" * 500,
    # well-formed, outside every range
    "99201",
    "02000",
    "80000",
    "89399",
    "99608",
    "0000F",
    "9008F",
    "0041T",
    "0000U",
    "T89",
    "K96",
    "H96",
    "P97",
    "U99",
    "ABCDEFG",
]


@pytest.mark.parametrize("text", ERRORS)
def test_malformed_or_unknown_input_sets_error_and_guesses_nothing(text):
    result = resolve(text)
    assert result.error and result.message == result.error and not result.ok
    assert (result.code, result.code_set, result.valid, result.title) == (None, None, None, None)
    assert result.category is None and result.subcategory is None
    assert result.specialties == () and result.alternatives == ()
    assert "<" not in result.error


def test_outside_message_names_the_format():
    assert resolve("99201").error == "99201 fits the CPT format but is outside every range we know."
    assert "ICD-10-CM" in resolve("T89").error
    assert resolve("abc").error == codes.MALFORMED_MESSAGE
    assert resolve("").error == codes.EMPTY_MESSAGE


def test_icd10cm_title_and_validity_match_the_package(cm):
    result = resolve("C50.911")
    assert result.valid is True and result.billable is True
    assert result.title == cm.get_description("C50.911")
    assert {ONC} <= set(result.specialties)
    invalid = resolve("C50.999")
    assert (invalid.valid, invalid.title, invalid.error) == (False, None, None)
    assert invalid.category is CATEGORIES_BY_KEY["icd10cm-chapter-2"]
    category = resolve("C50")
    assert category.valid is True and category.billable is False


def test_hcpcs_shape_is_also_an_icd10cm_shape():
    result = resolve("J9271")
    assert (result.code_set, result.code) == (HCPCS, "J9271")
    [alt] = result.alternatives
    assert (alt.code_set, alt.code, alt.valid, alt.title) == (CM, "J92.71", False, None)
    assert alt.category is CATEGORIES_BY_KEY["icd10cm-chapter-10"]
    assert alt.alternatives == ()


def test_existing_icd10cm_code_wins_over_the_hcpcs_reading(cm):
    assert cm.is_valid_item("E11.65")
    result = resolve("E1165")
    assert (result.code_set, result.code, result.valid) == (CM, "E11.65", True)
    assert [(a.code_set, a.code) for a in result.alternatives] == [(HCPCS, "E1165")]


def test_seven_characters_can_be_pcs_or_icd10cm(cm):
    pcs_first = resolve("B020ZZZ")
    assert pcs_first.code_set == PCS
    assert [(a.code_set, a.code, a.valid) for a in pcs_first.alternatives] == [(CM, "B02.0ZZZ", False)]
    assert cm.is_valid_item("X00.0XXA")
    icd_first = resolve("X000XXA")
    assert (icd_first.code_set, icd_first.code) == (CM, "X00.0XXA")
    assert [(a.code_set, a.code) for a in icd_first.alternatives] == [(PCS, "X000XXA")]


def test_dot_means_icd10cm_only():
    result = resolve("J92.71")
    assert (result.code_set, result.valid, result.alternatives) == (CM, False, ())
    assert resolve("0DTJ4ZZ").alternatives == ()


def test_to_dict_shape():
    data = resolve("J9271").to_dict()
    assert list(data) == [
        "input", "code", "code_set", "valid", "title", "category", "subcategory", "specialties",
        "alternatives", "error",
    ]
    assert data["input"] == "J9271" and data["code_set"] == "hcpcs" and data["error"] is None
    assert data["category"] == {"name": "Drugs Administered Other Than Oral Method", "range": "J0000-J9999"}
    assert data["subcategory"] == {"name": "Chemotherapy Drugs", "range": "J9000-J9999"}
    [alt] = data["alternatives"]
    assert set(alt) == set(data) - {"alternatives"}
    assert alt["code_set"] == "icd-10-cm" and alt["subcategory"] is None
    json.dumps(data)
    error = resolve("<script>").to_dict()
    assert error["input"] == "<script>" and error["category"] is None and error["alternatives"] == []
    assert resolve("80047").to_dict()["category"]["range"] == "80047-89398"


@pytest.mark.parametrize("text", ["99213", "+0856T", "J9271", "c50.911", "C4A", "QA0", "0DTJ4ZZ", " e1165 "])
def test_looks_like_code_true(text):
    assert looks_like_code(text)


@pytest.mark.parametrize(
    "text", ["", "remote", "CPC", "CRC", "A1C", "H1B", "2024", "90210", "99201", "<script>", "abc", "U99", None],
)
def test_looks_like_code_false(text):
    assert not looks_like_code(text)


def test_icd10cm_table_is_read_lazily_and_simple_icd_10_cm_never_imported():
    script = (
        "import sys\n"
        "from careers.taxonomy import codes\n"
        "codes.resolve('99213'); codes.resolve('0DTJ4ZZ'); codes.looks_like_code('C50.911')\n"
        "print(codes.load_icd10cm_table.cache_info().currsize)\n"
        "assert codes.resolve('C50.911').valid\n"
        "print(codes.load_icd10cm_table.cache_info().currsize, 'simple_icd_10_cm' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n") == ["0", "1 False", ""]


def test_icd_lookups_are_cached():
    resolve("C50.912")
    before = codes._icd_lookup.cache_info().hits
    resolve("c50912")
    assert codes._icd_lookup.cache_info().hits == before + 1


def test_resolve_rejects_non_strings():
    with pytest.raises(TypeError, match=r"^resolve\(\) takes a string, not int$"):
        resolve(99213)  # type: ignore[arg-type]


def test_resolve_none_is_empty_input():
    result = resolve(None)  # type: ignore[arg-type]
    assert (result.input, result.error) == ("", codes.EMPTY_MESSAGE)


@pytest.mark.parametrize("typed", ["   ", "x" * 41, "abc", "99201", "U999999"])
def test_an_error_keeps_what_was_typed(typed):
    result = resolve(typed)
    assert result.error and result.input == typed
    assert result.to_dict()["input"] == typed


def test_outside_message_names_every_format_the_code_fits():
    # Both a PCS shape (no section U) and an ICD-10-CM shape (U99 is past chapter 22): both are named.
    assert resolve("U999999").error == (
        "U999999 fits the ICD-10-PCS or ICD-10-CM format but is outside every range we know."
    )


@pytest.mark.parametrize("text", ["XA1", "xa1", "EA1", "XA1.0", "JAB"])
def test_a_letter_second_only_in_the_categories_that_have_one(text):
    """Only the few categories in ICD10CM_LETTER_CATEGORIES (C4A, M1A, O9A, QA0, ...) have a letter before the
    3rd place; XA1 fits no format."""
    result = resolve(text)
    assert result.error == codes.MALFORMED_MESSAGE and result.code is None
    assert not looks_like_code(text)


def test_a_letter_third_reads_as_icd10cm_but_not_as_a_code_in_the_search_box():
    """J1B fits the ICD-10-CM format (a digit or letter third) and falls in chapter 10, but no such category
    exists: resolve() says so; looks_like_code() does not take it for a code (words such as H1B)."""
    for text, code in (("J1B", "J1B"), ("j1b.1", "J1B.1")):
        result = resolve(text)
        assert (result.code_set, result.code, result.valid, result.title, result.error) == (CM, code, False, None, None)
        assert result.category is CATEGORIES_BY_KEY["icd10cm-chapter-10"]
        assert not looks_like_code(text)


@pytest.mark.parametrize("text", ["C4A.0", "c4a0", "C4A"])
def test_lettered_category_with_and_without_its_dot(text):
    result = resolve(text)
    assert result.code_set == CM and result.code.startswith("C4A") and result.valid is True
    assert result.subcategory is CATEGORIES_BY_KEY["icd10cm-c43-c44"]
    assert looks_like_code(text)


def test_a_category_that_does_not_exist_is_invalid_not_an_error():
    """E17 sits in chapter 4's range but the tabular has no such category (nor E17.1)."""
    for text in ("E17", "E17.1"):
        result = resolve(text)
        assert result.error is None and result.code == text
        assert (result.valid, result.title, result.billable) == (False, None, None)
        assert result.category is CATEGORIES_BY_KEY["icd10cm-chapter-4"]


# --- ordering -------------------------------------------------------------------------------------------


def test_icd10cm_ordering_by_category():
    ordered = ["C75", "C79", "C7A", "C80", "O99", "O9A", "P00", "Q99", "QA0", "R00"]
    assert sorted(reversed(ordered), key=lambda c: cats.sort_key(CM, c)) == ordered
    assert cats.code_ordinal(CM, "C50.911") == cats.code_ordinal(CM, "C50")


def test_cpt_kinds_compare_only_within_their_kind():
    assert cats.code_kind(CPT, "0001F") != cats.code_kind(CPT, "0001T") != cats.code_kind(CPT, "00010")
    assert not CATEGORIES_BY_KEY["cpt-category-2"].contains("0042T")
    assert not CATEGORIES_BY_KEY["cpt-anesthesia"].contains("0100F")
    assert sorted(["0856T", "0042T", "0751T"], key=lambda c: cats.sort_key(CPT, c)) == ["0042T", "0751T", "0856T"]
    with pytest.raises(ValueError, match="^'0858X' is not a cpt code$"):
        cats.code_kind(CPT, "0858X")


def _package_tree(cm):
    chapters = cm.get_children.__globals__["_chapter_list"]  # the package keeps no public chapter list

    def categories(node):
        for child in node.children:
            if child.type == "category":
                yield child.name
            else:
                yield from categories(child)

    return chapters, categories


def _block_categories(cm, block):
    """3-character categories in a tabular block. Some blocks (C00-C96) are bare headings whose categories
    sit in the sibling blocks that follow, up to the one ending where the heading ends."""
    chapters, categories = _package_tree(cm)
    end = block.split("-")[-1]
    for chapter in chapters:
        siblings = chapter.children
        for i, node in enumerate(siblings):
            if node.name != block:
                continue
            if node.children:
                return set(categories(node))
            found = set()
            for sibling in siblings[i + 1:]:
                found.update(categories(sibling))
                if sibling.name.split("-")[-1] == end:
                    return found
    return set()


def test_every_package_category_falls_in_its_own_chapter(cm):
    chapters, categories = _package_tree(cm)
    roots = [c for c in CATEGORIES if c.code_set == CM and c.parent_key is None]
    for chapter in chapters:
        for category in categories(chapter):
            holders = [c.key for c in roots if c.contains(category)]
            assert holders == [f"icd10cm-chapter-{chapter.name}"], category


def test_icd10cm_chapter_names_and_first_and_last_blocks_match_the_package(cm):
    chapters, _ = _package_tree(cm)
    assert len(chapters) == 22
    for chapter in chapters:
        mine = CATEGORIES_BY_KEY[f"icd10cm-chapter-{chapter.name}"]
        assert cm.get_description(chapter.name) == f"{mine.name} ({mine.start}-{mine.end})"
        first, last = chapter.children[0].name, chapter.children[-1].name
        assert first.startswith(mine.start), (chapter.name, first)
        if chapter.name != "22":  # chapter 22's title runs to U85 but its only block ends at U49
            assert last.endswith(mine.end), (chapter.name, last)


def test_icd10cm_blocks_match_the_package(cm):
    _, categories = _package_tree(cm)
    everything = [c for chapter in _package_tree(cm)[0] for c in categories(chapter)]
    for block in (c for c in CATEGORIES if c.code_set == CM and c.parent_key):
        name = f"{block.start}-{block.end}"
        assert cm.get_description(name) == f"{block.name} ({name})"
        inside = _block_categories(cm, name)
        assert inside and inside == {c for c in everything if block.contains(c)}, name


def test_block_extras_are_exactly_the_tabular_exceptions(cm):
    chapters, categories = _package_tree(cm)
    exceptions = {}
    for chapter in chapters:
        for block in chapter.children:
            if "-" not in block.name or not block.children:
                continue
            start, end = block.name.split("-")
            low, high = cats.code_ordinal(CM, start), cats.code_ordinal(CM, end)
            outside = {c for c in categories(block) if not low <= cats.code_ordinal(CM, c) <= high}
            if outside:
                exceptions[block.name] = outside
    assert exceptions == cats.ICD10CM_BLOCK_EXTRAS
    assert resolve("C4A.0").subcategory is CATEGORIES_BY_KEY["icd10cm-c43-c44"]
    assert resolve("M1A.0").subcategory is CATEGORIES_BY_KEY["icd10cm-m05-m14"]


def test_icd10cm_letter_categories_match_the_package(cm):
    chapters, categories = _package_tree(cm)
    lettered = {c for chapter in chapters for c in categories(chapter) if not c[1:].isdigit()}
    assert lettered == cats.ICD10CM_LETTER_CATEGORIES


# --- the data itself ------------------------------------------------------------------------------------


def test_categories_are_consistent():
    assert len(CATEGORIES_BY_KEY) == len(CATEGORIES)
    outside_parent = set()
    for c in CATEGORIES:
        assert c.kind == cats.code_kind(c.code_set, c.end)
        assert cats.code_ordinal(c.code_set, c.start) <= cats.code_ordinal(c.code_set, c.end)
        assert set(c.specialties) <= set(Specialty.values()), c.key
        assert c.key in SOURCES
        if c.parent_key:
            parent = CATEGORIES_BY_KEY[c.parent_key]
            assert parent.code_set == c.code_set
            if not (parent.contains(c.start) and parent.contains(c.end)):
                outside_parent.add(c.key)
    assert outside_parent == {"cpt-em-telemedicine"}  # E/M section, numbered inside Medicine
    assert set(cats.RANGE_NOTES) <= set(CATEGORIES_BY_KEY)


def test_sibling_ranges_overlap_only_where_noted():
    overlaps = set()
    by_parent = {}
    for c in CATEGORIES:
        by_parent.setdefault((c.code_set, c.parent_key), []).append(c)
    for siblings in by_parent.values():
        for i, a in enumerate(siblings):
            for b in siblings[i + 1:]:
                if a.kind == b.kind and (a.contains(b.start) or b.contains(a.start)):
                    overlaps.add((a.key, b.key))
    assert overlaps == {("cpt-med-physical-medicine", "cpt-med-adaptive-behavior")}


def test_chain_runs_from_subcategory_to_section():
    assert [c.key for c in chain(CATEGORIES_BY_KEY["cpt-med-chemotherapy"])] == [
        "cpt-med-chemotherapy", "cpt-med-drug-administration", "cpt-medicine",
    ]


def test_every_specialty_has_a_category_and_a_credential():
    assert set(CREDENTIALS_BY_SPECIALTY) == set(Specialty.values())
    for specialty in Specialty:
        assert categories_for_specialty(specialty), specialty
        assert categories_for_specialty(specialty.value) == categories_for_specialty(specialty)
        assert CREDENTIALS_BY_SPECIALTY[specialty.value], specialty
        assert set(CREDENTIALS_BY_SPECIALTY[specialty.value]) <= set(Credential.values())


@pytest.mark.parametrize(
    ("slug", "credential"),
    [
        ("interventional-radiology", "CIRCC"), ("anesthesia", "CANPC"), ("risk-adjustment", "CRC"),
        ("clinical-documentation-integrity", "CDIP"), ("clinical-documentation-integrity", "CCDS"),
        ("auditing-compliance", "CPMA"), ("inpatient-coding", "CCS"), ("inpatient-coding", "CIC"),
        ("emergency-department", "CEDC"), ("evaluation-management", "CEMC"), ("orthopedics", "COSC"),
        ("obstetrics-gynecology", "COBGC"), ("dermatology", "CPCD"), ("pediatrics", "CPEDC"),
        ("primary-care", "CFPC"), ("general-surgery", "CGSC"), ("ambulatory-surgery", "CASCC"),
    ],
)
def test_specialty_credentials(slug, credential):
    assert credential in CREDENTIALS_BY_SPECIALTY[slug]


def test_categories_for_specialty():
    keys = {c.key for c in categories_for_specialty("pathology")}
    assert {"cpt-pathology", "cpt-cat3-digital-pathology-2023", "cpt-cat3-digital-pathology-2024", "cpt-pla",
            "hcpcs-p"} <= keys
    assert categories_for_specialty("no-such-specialty") == []


# --- no CPT descriptor text ships -----------------------------------------------------------------------

CPT_CODE = r"(?:[0-9]{5}|[0-9]{4}[FTU])"
# A number in a colon-separated chain ("scrypt:32768:8:1", a hash's parameters) is no code.
CODE_TOKEN = re.compile(rf"(?<![\w.]){CPT_CODE}(?!\w)(?!:\d)")
RANGE_TOKEN = re.compile(rf"(?<![\w.]){CPT_CODE}\s*[-\u2013]\s*{CPT_CODE}(?!\w)")
PROSE = re.compile(r"[A-Za-z][\w'\u2019()/]*(?:[,;:]?\s+[A-Za-z(][\w'\u2019()/]*)+")
ALLOWED_NAMES = sorted({c.name for c in CATEGORIES if c.code_set == CPT}, key=len, reverse=True)
LIMIT = max(len(name) for name in ALLOWED_NAMES)


def descriptor_like(line: str) -> str | None:
    """Prose longer than the longest CPT section name on a line that holds a single CPT code number.

    Ranges ('80047-89398') and the section/subsection names are allowed, so range notes pass.
    """
    text = RANGE_TOKEN.sub(" | ", line)
    if not CODE_TOKEN.search(text):
        return None
    for name in ALLOWED_NAMES:
        text = re.sub(re.escape(name), " | ", text, flags=re.IGNORECASE)
    for segment in CODE_TOKEN.split(text):
        for prose in PROSE.findall(segment):
            if len(prose) > LIMIT:
                return prose
    return None


def test_descriptor_check_catches_prose_after_a_code():
    made_up = "12345 Widget calibration of the left flux capacitor with imaging guidance, each additional unit"
    assert descriptor_like(made_up)
    assert descriptor_like(f"<td>{made_up[6:]}</td><td>+0999T</td>")
    assert not descriptor_like('    "Surgery 10004-69990: checked against two public range tables, and they agree."')
    assert not descriptor_like('_cat("x", CPT, "Hydration, Injections, Infusions and Chemotherapy Administration",')
    assert not descriptor_like("12345 Surgical Pathology")
    assert descriptor_like("12345: Widget calibration of the left flux capacitor with imaging guidance, each unit")
    assert not descriptor_like('The method and parameters of a hash, without its salt or digest ("scrypt:32768:8:1",')


def _shipped_text_files():
    for folder in (ROOT / "careers", ROOT / "templates"):
        for path in sorted(folder.rglob("*")) if folder.exists() else ():
            if path.is_file() and "__pycache__" not in path.parts and path.stat().st_size < 2_000_000:
                try:
                    yield path, path.read_text(encoding="utf-8")
                except UnicodeDecodeError:
                    continue


def test_no_cpt_descriptor_text_ships():
    offenders = []
    scanned = 0
    for path, text in _shipped_text_files():
        scanned += 1
        for number, line in enumerate(text.splitlines(), 1):
            prose = descriptor_like(line)
            if prose:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {prose[:80]}")
    assert scanned > 3
    assert not offenders, "CPT descriptor-like text (AMA copyright) found:\n" + "\n".join(offenders)
