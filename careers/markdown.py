"""Markdown written by employers, rendered safely."""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

# Raw HTML off at the parser, then an allow-list sanitizer as a second wall.
_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "code", "pre",
    "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}


def _demote_headings(renderer, tokens, idx, options, env):
    """The page owns h1/h2: an employer's '#' and '##' become h3, '###' and deeper h4."""
    token = tokens[idx]
    if token.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        token.tag = "h3" if int(token.tag[1]) <= 2 else "h4"
    return renderer.renderToken(tokens, idx, options, env)


_md.add_render_rule("heading_open", _demote_headings)
_md.add_render_rule("heading_close", _demote_headings)


def render_markdown(text: str) -> Markup:
    """Markdown to sanitized HTML; links get rel=nofollow noopener."""
    html = _md.render(text or "")
    clean = nh3.clean(
        html,
        tags=_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(clean)


_MARKDOWN_NOISE = "#*_`>[]()|~-"  # Markdown punctuation, indexed as spaces

# The opening of a description carries its keywords (tools, systems, duties); indexing all of it
# multiplied reindex time for little recall (bench/README.md).
DESCRIPTION_CHARS = 600


def plain_text(markdown: str, limit: int = DESCRIPTION_CHARS) -> str:
    """Markdown to searchable text, trimmed (the full text stays in the database).

    Cleans only as much of the text as the limit needs (a window a quarter longer, doubled while
    markup eats it): a 10,000-character description costs what a short one does. str.replace and
    str.split are 2.5x faster than regular expressions here, and this runs 100,000 times a reindex.
    """
    end = limit + limit // 4
    while True:
        window = markdown[:end]
        for char in _MARKDOWN_NOISE:
            if char in window:
                window = window.replace(char, " ")
        text = " ".join(window.split())
        if len(text) >= limit or end >= len(markdown):
            return text[:limit]
        end *= 2
