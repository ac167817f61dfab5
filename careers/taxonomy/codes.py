"""Resolve what a person types into a code: code set, category, specialties and, for ICD-10-CM, existence and title.

Formats accepted (case, spaces and a leading '+' for add-on codes are ignored):
CPT Category I is 5 digits; Category II, III and PLA are 4 digits and F, T or U. HCPCS Level II is a section
letter and 4 digits. ICD-10-CM is a letter, a digit (a letter only in the few categories that have one,
such as QA0), a digit or letter, then up to 4 more characters, the dot after the third optional.
ICD-10-PCS is 7 digits or letters other than I and O.

When one string fits two code sets (a letter and 4 digits is HCPCS and ICD-10-CM; 7 characters can be
ICD-10-PCS and ICD-10-CM) both readings are returned: the ICD-10-CM reading comes first when the code exists
in the tabular, since that can be checked; otherwise the HCPCS or PCS reading comes first, and the other
reading is listed in `alternatives`.

ICD-10-CM existence, titles and leaves come from data/icd10cm.tsv.gz (CDC tabular April 2026, exported from
simple-icd-10-cm by scripts/build_icd10cm_table.py). It is read on the first ICD-10-CM lookup, not with this
module; `load_icd10cm_table()` reads it ahead of time.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careers.taxonomy.categories import (
    CATEGORIES,
    HCPCS_SECTION_LETTERS,
    ICD10CM_LETTER_CATEGORIES,
    CodeCategory,
    chain,
    code_kind,
    code_ordinal,
)
from careers.taxonomy.enums import CodeSet, Specialty

__all__ = [
    "MAX_INPUT_LENGTH",
    "Resolution",
    "categories_for_specialty",
    "load_icd10cm_table",
    "looks_like_code",
    "resolve",
]

MAX_INPUT_LENGTH = 40  # after spaces are removed; the longest code is 8 characters with its dot

ICD10CM_TABLE = Path(__file__).with_name("data") / "icd10cm.tsv.gz"  # see scripts/build_icd10cm_table.py

_CPT = re.compile(r"[0-9]{5}|[0-9]{4}[FTU]")
_HCPCS = re.compile(r"[A-Z][0-9]{4}")
_PCS = re.compile(r"[0-9A-HJ-NP-Z]{7}")
_ICD = re.compile(r"(?P<category>[A-Z][0-9A-Z]{2})(?P<dot>\.?)(?P<rest>[0-9A-Z]{0,4})")
_SPACES = re.compile(r"\s+")

EMPTY_MESSAGE = "Type a code: CPT, HCPCS Level II, ICD-10-CM or ICD-10-PCS."
MALFORMED_MESSAGE = (
    "That is not a code format we know. CPT is 5 digits, or 4 digits and F, T or U; HCPCS Level II is a "
    "letter and 4 digits; ICD-10-CM is a letter, a digit, a character and up to 4 more (dot optional); "
    "ICD-10-PCS is 7 letters or digits, without I or O."
)


@dataclass(frozen=True)
class Resolution:
    """The answer for one typed string; `error` is set (and nothing guessed) when it cannot be resolved."""

    input: str
    code: str | None = None
    code_set: CodeSet | None = None
    valid: bool | None = None  # ICD-10-CM: exists in the tabular; None where existence cannot be checked
    title: str | None = None  # ICD-10-CM title from the CDC tabular; never a CPT descriptor
    category: CodeCategory | None = None
    subcategory: CodeCategory | None = None
    specialties: tuple[str, ...] = ()
    alternatives: tuple[Resolution, ...] = ()
    error: str | None = None
    billable: bool | None = None  # ICD-10-CM: a leaf code (valid on a claim); not part of to_dict()

    @property
    def message(self) -> str | None:
        """The error message, if any."""
        return self.error

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; alternatives have the same shape without their own alternatives."""
        data = self._dict()
        data["alternatives"] = [alt._dict() for alt in self.alternatives]
        data["error"] = data.pop("error")  # keep 'error' last
        return data

    def _dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "code": self.code,
            "code_set": self.code_set.value if self.code_set else None,
            "valid": self.valid,
            "title": self.title,
            "category": _category_dict(self.category),
            "subcategory": _category_dict(self.subcategory),
            "specialties": list(self.specialties),
            "error": self.error,
        }


def _category_dict(category: CodeCategory | None) -> dict[str, str] | None:
    return {"name": category.name, "range": category.range} if category else None


# --- public functions -----------------------------------------------------------------------------------


def resolve(text: str) -> Resolution:
    """Resolve one typed code ('99213', 'c50911', '+0856T', 'J9271', '0DTJ4ZZ') to a Resolution."""
    raw = "" if text is None else text
    if not isinstance(raw, str):
        raise TypeError(f"resolve() takes a string, not {type(raw).__name__}")
    typed = _normalise(raw)
    if not typed:
        return Resolution(input=raw, error=EMPTY_MESSAGE)
    if len(typed) > MAX_INPUT_LENGTH:
        return Resolution(input=raw, error=MALFORMED_MESSAGE)
    readings = _readings(typed)
    if not readings:
        return Resolution(input=raw, error=MALFORMED_MESSAGE)
    located = [(code_set, code, _locate(code_set, code)) for code_set, code in readings]
    found = [_build(raw, code_set, code, category) for code_set, code, category in located if category]
    if not found:
        labels = " or ".join(dict.fromkeys(code_set.label for code_set, _ in readings))
        shown = readings[0][1]
        return Resolution(input=raw, error=f"{shown} fits the {labels} format but is outside every range we know.")
    if len(found) == 1:
        return found[0]
    icd = next((r for r in found if r.code_set == CodeSet.ICD10CM), None)
    primary = icd if icd is not None and icd.valid else next(r for r in found if r.code_set != CodeSet.ICD10CM)
    return dataclasses.replace(primary, alternatives=tuple(r for r in found if r is not primary))


def looks_like_code(text: str) -> bool:
    """Cheap test for the search box: does the text have a code's form and fall in a known range?

    Loads no ICD-10-CM data. Stricter than resolve() for ICD-10-CM: a letter in the 2nd or 3rd place only
    counts for the categories that have one (C4A, O9A, QA0, ...), so words such as CPC or H1B do not.
    """
    if not isinstance(text, str):
        return False
    typed = _normalise(text)
    if not typed or len(typed) > MAX_INPUT_LENGTH:
        return False
    for code_set, code in _readings(typed):
        if code_set == CodeSet.ICD10CM and not code[1:3].isdigit() and code[:3] not in ICD10CM_LETTER_CATEGORIES:
            continue
        if _locate(code_set, code) is not None:
            return True
    return False


def categories_for_specialty(slug: str | Specialty) -> list[CodeCategory]:
    """Categories linked directly to a specialty slug (their subcategories inherit the link); [] if unknown."""
    value = str(slug)
    return [category for category in CATEGORIES if value in category.specialties]


@functools.cache
def load_icd10cm_table() -> dict[str, tuple[str, bool]] | None:
    """Read the ICD-10-CM table once (about 0.15 s, 28 MB): dotted code -> (title, is a leaf); None when the
    file is missing.

    Each line is code, 1 or 0, title; a title may hold a tab, so only the first two tabs split. Read line by
    line: splitting the whole text at once leaves about 15 MB more resident.
    """
    table: dict[str, tuple[str, bool]] = {}
    try:
        with gzip.open(ICD10CM_TABLE, "rt", encoding="utf-8", newline="\n") as lines:
            for line in lines:
                code, leaf, title = line.rstrip("\n").split("\t", 2)
                table[code] = (title, leaf == "1")
    except FileNotFoundError:
        return None
    return table


# --- internals ------------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    typed = _SPACES.sub("", text).upper()
    return typed[1:] if typed.startswith("+") else typed


def _readings(typed: str) -> list[tuple[CodeSet, str]]:
    """Every (code set, normalised code) whose format the typed string fits, most specific set first."""
    readings: list[tuple[CodeSet, str]] = []
    icd = _ICD.fullmatch(typed)
    if icd and not (icd["category"][1].isdigit() or icd["category"] in ICD10CM_LETTER_CATEGORIES):
        icd = None
    if "." in typed:  # only ICD-10-CM is written with a dot
        if icd and icd["dot"]:
            readings.append((CodeSet.ICD10CM, _icd_code(icd)))
        return readings
    if _CPT.fullmatch(typed):
        readings.append((CodeSet.CPT, typed))
    if _HCPCS.fullmatch(typed) and typed[0] in HCPCS_SECTION_LETTERS:
        readings.append((CodeSet.HCPCS, typed))
    if _PCS.fullmatch(typed):
        readings.append((CodeSet.ICD10PCS, typed))
    if icd:
        readings.append((CodeSet.ICD10CM, _icd_code(icd)))
    return readings


def _icd_code(match: re.Match[str]) -> str:
    return f"{match['category']}.{match['rest']}" if match["rest"] else match["category"]


# (category, kind, lowest ordinal, highest ordinal, extra ICD-10-CM members, depth) per code set, built once
_INDEX: dict[CodeSet, list[tuple[CodeCategory, str, int, int, frozenset[str], int]]] = {}
for _category in CATEGORIES:
    _INDEX.setdefault(_category.code_set, []).append((
        _category,
        _category.kind,
        code_ordinal(_category.code_set, _category.start),
        code_ordinal(_category.code_set, _category.end),
        _category.extra_members,
        len(chain(_category)),
    ))


def _locate(code_set: CodeSet, code: str) -> CodeCategory | None:
    """The most specific category holding the code: deepest first, then narrowest."""
    kind, ordinal = code_kind(code_set, code), code_ordinal(code_set, code)
    best: tuple[int, int, CodeCategory] | None = None
    for category, cat_kind, low, high, extra, depth in _INDEX.get(code_set, ()):
        if cat_kind == kind and (low <= ordinal <= high or code[:3] in extra):
            rank = (depth, low - high)
            if best is None or rank > best[:2]:
                best = (*rank, category)
    return best[2] if best else None


def _build(raw: str, code_set: CodeSet, code: str, category: CodeCategory) -> Resolution:
    categories = chain(category)
    root = categories[-1]
    specialties = tuple(sorted({slug for c in categories for slug in c.specialties}))
    valid = title = billable = None
    if code_set == CodeSet.ICD10CM:
        valid, title, billable = _icd_lookup(code)
    return Resolution(
        input=raw,
        code=code,
        code_set=code_set,
        valid=valid,
        title=title,
        category=root,
        subcategory=category if category is not root else None,
        specialties=specialties,
        billable=billable,
    )


@functools.lru_cache(maxsize=8192)
def _icd_lookup(code: str) -> tuple[bool | None, str | None, bool | None]:
    """(exists, title, is a leaf) for a dotted ICD-10-CM code; all None when the table file is missing."""
    table = load_icd10cm_table()
    if table is None:
        return None, None, None
    entry = table.get(code)
    if entry is None and len(code) > 3 and code[3] != ".":  # undotted, as simple-icd-10-cm also accepted
        entry = table.get(f"{code[:3]}.{code[3:]}")
    if entry is None:
        return False, None, None
    title, leaf = entry
    return True, title, leaf
