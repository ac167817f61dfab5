"""The shipped ICD-10-CM table (careers/taxonomy/data/icd10cm.tsv.gz) against simple-icd-10-cm, its source."""

from __future__ import annotations

import gzip
import importlib.util
import tomllib
from pathlib import Path

import pytest

from careers.taxonomy import codes

ROOT = Path(__file__).resolve().parents[2]


def _load_script():
    """scripts/build_icd10cm_table.py, imported by path (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("build_icd10cm_table", ROOT / "scripts" / "build_icd10cm_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _load_script()


@pytest.fixture(scope="module")
def cm(script):
    return script.load_package()


@pytest.fixture(scope="module")
def table():
    loaded = codes.load_icd10cm_table()
    assert loaded is not None, f"{codes.ICD10CM_TABLE} is missing: run scripts/build_icd10cm_table.py"
    return loaded


@pytest.fixture(scope="module")
def package_items(cm):
    """Every item of the package but chapters and blocks, found without the script's is_category/is_subcategory.

    Block names are ranges (A00-A09) except for blocks of a single category, which take the category's name.
    """
    named = set(cm.get_all_codes(with_dots=True))
    single_category_blocks = {code for code in named if cm.is_block(code) and "-" not in code}
    assert single_category_blocks and all(cm.is_category(code) for code in single_category_blocks)
    return {code for code in named if "-" not in code and not cm.is_chapter(code)}


def test_table_has_exactly_the_package_items(table, package_items):
    assert set(table) == package_items
    assert len(table) > 90_000


def test_titles_and_leaves_match_the_package(cm, table, package_items):
    expected = {code: (cm.get_description(code), cm.is_leaf(code)) for code in package_items}
    assert table == expected


def test_lookup_agrees_with_the_package_for_every_item(cm, package_items):
    lookup = codes._icd_lookup.__wrapped__  # uncached: ~100k codes would only churn the LRU cache
    mismatches = [
        code
        for code in sorted(package_items)
        if lookup(code) != (cm.is_valid_item(code), cm.get_description(code), cm.is_leaf(code))
    ]
    assert mismatches == []


# Checked against simple-icd-10-cm 1.5.0 (CDC tabular April 2026). QA0, B99 and C50 are categories alone in a
# block of the same name, for which the package's is_block() is also true.
KNOWN = [
    ("E11", "Type 2 diabetes mellitus", False),
    ("E11.6", "Type 2 diabetes mellitus with other specified complications", False),
    ("E11.65", "Type 2 diabetes mellitus with hyperglycemia", True),
    ("E11.9", "Type 2 diabetes mellitus without complications", True),
    ("S72.001", "Fracture of unspecified part of neck of right femur", False),
    (
        "S72.001A",
        "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture",
        True,
    ),
    ("U07.1", "COVID-19", True),
    ("Z3A.01", "Less than 8 weeks gestation of pregnancy", True),
    ("C50.911", "Malignant neoplasm of unspecified site of right female breast", True),
    ("X00.0XXA", "Exposure to flames in uncontrolled fire in building or structure, initial encounter", True),
    ("QA0", "Neurodevelopmental disorders related to specific genetic pathogenic variants", False),
    ("B99", "Other and unspecified infectious diseases", False),
    ("C50", "Malignant neoplasm of breast", False),
]


@pytest.mark.parametrize(("code", "title", "leaf"), KNOWN, ids=[code for code, _, _ in KNOWN])
def test_known_codes(cm, code, title, leaf):
    assert (cm.get_description(code), cm.is_leaf(code)) == (title, leaf)  # the list itself is right
    assert codes._icd_lookup(code) == (True, title, leaf)
    result = codes.resolve(code.replace(".", "").lower())
    assert (result.code, result.valid, result.title, result.billable) == (code, True, title, leaf)


@pytest.mark.parametrize("code", ["C50.999", "E11.99", "U07.9", "Z3A.07", "J92.71", "B02.0ZZZ", "E11.", "A00-A09", "1"])
def test_unknown_codes(cm, code):
    assert codes._icd_lookup(code) == (False, None, None)
    if "-" not in code and code != "1":  # the package also knows chapters and blocks, never looked up here
        assert not cm.is_valid_item(code)


def test_undotted_codes_are_found_as_the_package_found_them(cm):
    for code in ["E119", "S72001A", "U071"]:
        assert cm.is_valid_item(code)
        assert codes._icd_lookup(code) == (True, cm.get_description(code), cm.is_leaf(code))


def test_titles_may_hold_a_tab(table):
    """Some 7th-character notes in the tabular start with a tab: the title is the last field, split twice only."""
    assert any("\t" in title for title, _ in table.values())


def test_missing_table_file_gives_no_answer(monkeypatch, tmp_path):
    monkeypatch.setattr(codes, "ICD10CM_TABLE", tmp_path / "missing.tsv.gz")
    codes.load_icd10cm_table.cache_clear()
    codes._icd_lookup.cache_clear()
    try:
        assert codes.load_icd10cm_table() is None
        assert codes._icd_lookup("E11.9") == (None, None, None)
        result = codes.resolve("E11.9")
        assert (result.valid, result.title, result.billable, result.error) == (None, None, None, None)
    finally:
        codes.load_icd10cm_table.cache_clear()
        codes._icd_lookup.cache_clear()


def test_regenerating_gives_the_same_bytes(script, cm, tmp_path):
    shipped = codes.ICD10CM_TABLE.read_bytes()
    output = tmp_path / "icd10cm.tsv.gz"
    rows, size = script.build(output, cm=cm)
    assert output.read_bytes() == shipped
    assert size == len(shipped) and rows == len(codes.load_icd10cm_table())
    assert shipped[4:8] == b"\0\0\0\0" and not shipped[3] & 0x08  # gzip header: mtime 0, no file name
    lines = gzip.decompress(shipped).decode("utf-8").split("\n")
    assert lines[-1] == "" and lines[:-1] == sorted(lines[:-1])


def test_package_metadata_ships_the_table_and_keeps_the_package_for_tests():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [dep.split(">")[0].split("=")[0].split("<")[0].strip() for dep in project["project"]["dependencies"]]
    assert "simple-icd-10-cm" not in names
    assert any(dep.startswith("simple-icd-10-cm") for dep in project["project"]["optional-dependencies"]["test"])
    patterns = project["tool"]["setuptools"]["package-data"]["careers.taxonomy"]
    data_dir = ROOT / "careers" / "taxonomy"
    assert any(codes.ICD10CM_TABLE in data_dir.glob(pattern) for pattern in patterns)
