"""Markdown with LaTeX math to safe HTML: markdown-it-py, dollarmath rendered to MathML, nh3 sanitising."""

from __future__ import annotations

import hashlib
import html
import threading

import nh3
from cachetools import LRUCache, cached
from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

MATHML_TAGS = {
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
    "mlabeledtr",
    "mmultiscripts",
    "mprescripts",
    "none",
}
MATHML_ATTRIBUTES = {
    "display",
    "xmlns",
    "mathvariant",
    "stretchy",
    "fence",
    "separator",
    "accent",
    "accentunder",
    "lspace",
    "rspace",
    "minsize",
    "maxsize",
    "symmetric",
    "movablelimits",
    "largeop",
    "form",
    "linethickness",
    "columnalign",
    "rowalign",
    "columnspacing",
    "rowspacing",
    "columnlines",
    "rowlines",
    "frame",
    "width",
    "height",
    "depth",
    "scriptlevel",
    "displaystyle",
    "notation",
    "encoding",
    "align",
    "class",
}
ALLOWED_TAGS = (
    set(nh3.ALLOWED_TAGS)
    | MATHML_TAGS
    | {"span", "div", "pre", "code", "table", "thead", "tbody", "tr", "th", "td", "hr", "del", "sup", "sub"}
)
ALLOWED_ATTRIBUTES = {tag: set(MATHML_ATTRIBUTES) for tag in MATHML_TAGS}
ALLOWED_ATTRIBUTES.update(
    {
        "a": {"href", "title"},
        "img": {"src", "alt", "title"},
        "span": {"class"},
        "div": {"class"},
        "code": {"class"},
        "pre": {"class"},
        "td": {"align"},
        "th": {"align"},
    }
)


def _math(latex: str, display: bool) -> str:
    try:
        return latex_to_mathml(latex, display="block" if display else "inline")
    except Exception:  # latex2mathml raises assorted errors on bad input; show the source instead
        return f'<code class="math-error">{html.escape(latex)}</code>'


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
    md.use(
        dollarmath_plugin,
        allow_space=True,
        double_inline=True,
        renderer=lambda content, options: _math(content, bool(options.get("display_mode"))),
    )
    return md


_parser = _make_parser()
RENDER_CACHE_BYTES = 8 * 1024 * 1024


# Keyed by a digest of the text and bounded by the bytes of the HTML held, so large previews cannot grow it.
@cached(
    LRUCache(maxsize=RENDER_CACHE_BYTES, getsizeof=len),
    key=lambda text: hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).digest(),
    lock=threading.Lock(),
)
def render_markdown(text: str) -> str:
    """Render instructor Markdown to HTML that cannot carry a script."""
    raw = _parser.render(text or "")
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
