r"""Markdown with LaTeX math to safe HTML: markdown-it-py, dollarmath rendered to MathML, nh3 sanitising.

latex2mathml's gaps are closed around it: operator names with spacing or limits (`\operatorname*{arg\,max}`,
`\mathop{\mathrm{arg\,min}}`, `\arg`) are rewritten before conversion, and its tree is repaired after (an `<mo>`
wrapping other elements, as `\mathrel{+}` and `\mathop{...}` give, becomes its text; limits go under an operator that
takes them, and `movablelimits` lets the browser set them as scripts inline, as LaTeX does).
"""

from __future__ import annotations

import functools
import hashlib
import html
import re
import threading
from xml.etree.ElementTree import Element, tostring

import nh3
from cachetools import LRUCache, cached
from latex2mathml.converter import convert_to_element
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
ALLOWED_ATTRIBUTES["math"].add("tabindex")  # display formulas scroll sideways when wide (see render_math)
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


THIN_SPACE = "\u2009"
# Operators whose limits LaTeX sets below in display style and as scripts inline; latex2mathml gives them scripts.
LIMIT_OPERATORS = {
    *"max min lim sup inf limsup liminf det Pr gcd argmax argmin".split(),
    f"arg{THIN_SPACE}max",
    f"arg{THIN_SPACE}min",
}
SCRIPTS_TO_LIMITS = {"msub": "munder", "msup": "mover", "msubsup": "munderover"}
_ESCAPED_ENTITY = re.compile(r"&amp;(#x[0-9A-Fa-f]+;)")
_LATEX_SPACE = re.compile(r"\\[,:; ]|~")
_OPERATOR_NAME = re.compile(
    r"\\mathop\s*\{\s*\\(?:mathrm|operatorname|text|textrm)\s*\{(?P<op>[^{}]*)\}\s*\}"
    r"|\\operatorname(?P<limits>\*|withlimits)?\s*\{(?P<name>[^{}]*)\}"
    r"|\\arg(?![A-Za-z])"
)


def _operator_name(match: re.Match) -> str:
    """`\\operatorname*{arg\\,max}` and kin as latex2mathml reads them: letters, LaTeX spacing as a thin space."""
    if match.group(0).startswith("\\arg"):
        return r"\operatorname{arg}"
    limits = match.group("op") is not None or match.group("limits") is not None
    raw = match.group("op") if match.group("op") is not None else match.group("name")
    name = re.sub(r"[ \t\n]+|\\!", "", _LATEX_SPACE.sub(THIN_SPACE, raw)).strip(THIN_SPACE)
    if not re.fullmatch(rf"[A-Za-z{THIN_SPACE}]+", name):  # `log1p`, `E4M3`: latex2mathml only reads letters here
        return rf"\mathop{{\mathrm{{{raw}}}}}"
    return rf"\operatorname{'*' if limits else ''}{{{name}}}"


def _text(element: Element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append(THIN_SPACE if child.tag == "mspace" else _text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _repair(element: Element) -> None:
    """Fix latex2mathml's tree in place: no `<mo>` holds elements; operators that take limits get them."""
    for child in element:
        if child.tag == "mo" and len(child):
            child.text = _text(child).strip(THIN_SPACE)
            for grandchild in list(child):
                child.remove(grandchild)
        if child.tag == "mo" and _text(child) in LIMIT_OPERATORS:
            child.set("movablelimits", "true")
        _repair(child)
    if element.tag in SCRIPTS_TO_LIMITS and len(element) and element[0].tag == "mo":
        if element[0].get("movablelimits") == "true":
            element.tag = SCRIPTS_TO_LIMITS[element.tag]


@functools.lru_cache(maxsize=4096)
def render_math(latex: str, display: bool) -> str:
    """Render one LaTeX formula to MathML, or to its escaped source when latex2mathml cannot read it."""
    try:
        tree = convert_to_element(_OPERATOR_NAME.sub(_operator_name, latex), display="block" if display else "inline")
    except Exception:  # latex2mathml raises assorted errors on bad input; show the source instead
        return f'<code class="math-error">{html.escape(latex)}</code>'
    _repair(tree)
    if display:
        tree.set("tabindex", "0")  # a formula wider than its column scrolls; the keyboard must reach it too
    # latex2mathml writes symbols as "&#x...;" text; unescape those alone, so a "<" in \text{} stays "&lt;".
    return _ESCAPED_ENTITY.sub(r"&\1", tostring(tree, encoding="unicode"))


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
    md.use(
        dollarmath_plugin,
        allow_space=True,
        double_inline=True,
        renderer=lambda content, options: render_math(content, bool(options.get("display_mode"))),
    )
    return md


_parser = _make_parser()


def formulas(text: str) -> list[tuple[str, bool]]:
    """The LaTeX formulas of a Markdown text as the renderer finds them: (source, display)."""
    found = []
    for token in _parser.parse(text or ""):
        for node in [token, *(token.children or [])]:
            if node.type.startswith("math_"):
                found.append((node.content, node.type.startswith("math_block")))
    return found


RENDER_CACHE_BYTES = 8 * 1024 * 1024


# Keyed by a digest of the text and bounded by the bytes of the HTML held, so large previews cannot grow it.
@cached(
    LRUCache(maxsize=RENDER_CACHE_BYTES, getsizeof=len),
    key=lambda text: hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).digest(),
    lock=threading.Lock(),
)
def render_markdown(text: str) -> str:
    """Render instructor Markdown to HTML that cannot carry a script."""
    return _clean(_parser.render(text or ""))


def render_inline(text: str) -> str:
    """Render one line of Markdown (a key point, a wrong answer) with its math, without a wrapping paragraph."""
    return _clean(_parser.renderInline(text or ""))


def _clean(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
