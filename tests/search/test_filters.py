"""Every row of the filter table reaches the parser, the index settings, the engine filter and facets,
the SQL fallback and the filter panel: a new row that misses one of them fails here."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from careers.search import fallback
from careers.search.filters import FACETS, FILTERS, PANEL, Filter, Kind, iter_panel_groups
from careers.search.params import ParamError, SearchParams, parse
from careers.search.query import build_queries, filter_groups
from careers.search.settings import FILTERABLE, RANGE_FILTERABLE, SETTINGS

NOW = 1_800_000_000.0


def good_value(f: Filter) -> str:
    if f.multi:
        return f.allowed()[-1]
    if f.kind is Kind.FLAG:
        return "1"
    if f.kind is Kind.AT_LEAST:
        return str(f.bounds[1] // 2)
    if f.kind is Kind.SINCE:
        return str(f.choice_values[0])
    assert f.kind is Kind.WITHIN, f"say what a good {f.kind} value is"
    return "43215"


def bad_value(f: Filter) -> str:
    return {Kind.FLAG: "maybe", Kind.WITHIN: "00000"}.get(f.kind, "not-a-value")


ROWS = pytest.mark.parametrize("f", FILTERS, ids=[f.param for f in FILTERS])


@ROWS
def test_row_reaches_the_parser(f):
    p = parse(MultiDict([(f.param, good_value(f))]))
    assert [a.param for a in p.active()] == [f.param]
    assert parse(p.to_query()) == p  # and back into a query string
    with pytest.raises(ParamError, match=f.param) as refused:
        parse(MultiDict([(f.param, bad_value(f))]))
    assert list(refused.value.errors) == [f.param]


@ROWS
def test_row_reaches_the_index_settings(f):
    assert f.attr in FILTERABLE and set(f.extra_attrs) <= set(FILTERABLE)
    assert (f.attr in RANGE_FILTERABLE) == f.range
    patterns = [a for entry in SETTINGS["filterableAttributes"]
                for a in (entry["attributePatterns"] if isinstance(entry, dict) else [entry])]
    assert f.attr in patterns
    assert (f.attr in FACETS) == f.facet


@ROWS
def test_row_reaches_the_engine_filter_and_facets(f):
    p = parse(MultiDict([(f.param, good_value(f))]))
    groups = filter_groups(p, NOW)
    assert list(groups) == [f.attr]
    attrs_named = [f.attr, *f.extra_attrs] if f.kind is not Kind.WITHIN else ["_geoRadius"]
    assert all(a in groups[f.attr] for a in attrs_named)
    queries = build_queries(p, "jobs", NOW)
    assert queries[0]["filter"] == [groups[f.attr]] and queries[0]["facets"] == FACETS
    if f.facet:  # disjunctive counts: one more query for this facet, without its own filter
        assert queries[1]["facets"] == [f.attr] and queries[1]["filter"] == []


@ROWS
def test_row_reaches_the_sql_fallback(app, f):
    p = parse(MultiDict([(f.param, good_value(f))]))
    conds = fallback.conditions(p, NOW)
    assert list(conds) == [f.attr]
    with app.app_context():
        sql = str(fallback.filtered(p, NOW).compile(compile_kwargs={"literal_binds": False}))
    column = f.column.key if f.column is not None else "job_tags"
    assert column in sql


@ROWS
def test_row_reaches_the_filter_panel(client, db, f):
    """Checkbox groups come from the table (PANEL); the other kinds have their own controls by name."""
    html = client.get("/jobs", query_string={f.param: good_value(f)}).get_data(as_text=True)
    assert f'name="{f.param}"' in html
    if f in PANEL:
        groups = list(iter_panel_groups({}, {f.param: [good_value(f)]}))
        group = next(g for g in groups if g["param"] == f.param)
        # a chosen value is shown (checked) even when no job has it
        assert group["options"] == [{"value": good_value(f), "label": f.option_label(good_value(f)), "count": 0,
                                     "checked": True}]
        assert f"<summary>{f.label} (1)</summary>" in html


def test_panel_groups_follow_the_table_and_hide_empty_options():
    facets = {"specialties": {"pathology": 3}, "work_mode": {"remote": 2, "hybrid": 0}}
    groups = {g["param"]: g for g in iter_panel_groups(facets, {})}
    assert list(groups) == [f.param for f in PANEL]
    assert groups["specialty"]["options"] == [{"value": "pathology", "label": "Pathology & Laboratory", "count": 3,
                                               "checked": False}]
    assert [o["value"] for o in groups["work_mode"]["options"]] == ["remote"]
    assert groups["credential"]["options"] == []


def test_search_params_refuse_unknown_filters():
    with pytest.raises(TypeError, match="unknown search filter"):
        SearchParams(speciality=["pathology"])
    p = SearchParams(specialty=["pathology"], near="43215")
    assert p.origin is not None and p.replace(near="").origin is None
    assert p.replace(q="x").specialty == ["pathology"] and p.specialty == ["pathology"]


def test_chosen_options_come_first():
    groups = {g["param"]: g for g in iter_panel_groups({"hires_in": {"AL": 5, "OH": 2}}, {"state": ["OH"]})}
    assert [o["value"] for o in groups["state"]["options"]] == ["OH", "AL"]


def test_the_page_names_bad_parameters_as_the_form_does(client, db):
    html = client.get("/jobs?pay_min=abc&page=%C2%B2").get_data(as_text=True)
    assert "Ignored “Pay at least”: must be a whole number from 0 to 2,000,000." in html
    assert "Ignored “Page”" in html and "pay_min" not in html.split("<form")[0]
