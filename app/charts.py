"""Server-side SVG pictures: for the progress page bars per topic, an activity heatmap, recent verdicts and each
verdict's marked tile (its legend); for the review page the forecast of reviews due on each coming day; for an
instructor's analytics page the verdict distribution and counted bars (most-failed tests, frequent mistakes). The
pages call them with their words translated (English defaults serve callers without a page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from markupsafe import escape  # leaves the page's already-escaped Markup (translated words) as it is

# Each verdict's tile colour and its mark, the short code judges use, so colour is never the only carrier.
VERDICT_STYLES = {
    "accepted": ("#2e9d5b", "AC"),
    "wrong_answer": ("#d9534f", "WA"),
    "runtime_error": ("#e07b39", "RE"),
    "time_limit_exceeded": ("#b58900", "TLE"),
    "memory_limit_exceeded": ("#b58900", "MLE"),
    "output_limit_exceeded": ("#b58900", "OLE"),
    "syntax_error": ("#a66bbf", "SE"),
    "internal_error": ("#7f8c8d", "IE"),
}
OTHER_VERDICT = ("#3b82f6", "?")
MARK_INK = "#000"  # dark letters: at least 4.5:1 on every tile colour above


def _tile(x: float, y: float, size: int, verdict: str, tooltip: str = "") -> str:
    colour, mark = VERDICT_STYLES.get(verdict, OTHER_VERDICT)
    hint = f"<title>{tooltip}</title>" if tooltip else ""
    return (
        f'<g class="tile">{hint}<rect x="{x}" y="{y}" width="{size}" height="{size}" rx="4" fill="{colour}"/>'
        f'<text x="{x + size / 2}" y="{y + size / 2 + 3.5}" text-anchor="middle" font-size="{size * 0.42:.1f}" '
        f'font-weight="700" fill="{MARK_INK}">{mark}</text></g>'
    )


def verdict_mark(verdict: str) -> str:
    """A verdict's tile and mark as a small decorative SVG for the page's legend and links, beside its name."""
    return (
        f'<svg class="verdict-mark" aria-hidden="true" focusable="false" viewBox="0 0 26 26" width="26" height="26">'
        f"{_tile(1, 1, 24, verdict)}</svg>"
    )


def topic_bars(
    rows: list[tuple[str, int, int]],
    *,
    title: str = "Solved problems per topic",
    empty: str = "No problems yet.",
    topic_label: Callable[[str], str] = str,
    solved_label: Callable[[int, int], str] = lambda solved, total: f"{solved} of {total} solved",
) -> str:
    """Horizontal bars: solved out of total for each (topic, solved, total). The words come from the page, translated:
    `topic_label(topic)` names a topic, `solved_label(solved, total)` a bar's tooltip."""
    bar_w, row_h, label_w = 260, 26, 150
    height = max(1, len(rows)) * row_h + 10
    parts = [
        f'<svg class="chart bars" role="img" viewBox="0 0 {label_w + bar_w + 60} {height}" '
        f'width="{label_w + bar_w + 60}" aria-labelledby="bars-title">'
        f'<title id="bars-title">{escape(title)}</title>'
    ]
    for i, (topic, solved, total) in enumerate(rows):
        y = 5 + i * row_h
        filled = bar_w * solved / total if total else 0
        name = escape(topic_label(topic))
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="label">{name}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" rx="3" class="track"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{filled:.1f}" height="16" rx="3" class="fill">'
            f"<title>{name}: {escape(solved_label(solved, total))}</title></rect>"
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}" class="label">{solved}/{total}</text>'
        )
    if not rows:
        parts.append(f'<text x="10" y="20" class="label">{escape(empty)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def heatmap(
    counts: dict[date, int],
    today: date,
    weeks: int = 26,
    *,
    title: str = "Attempts per day, last 26 weeks",
    weekdays: Sequence[str] = ("Mon", "Wed", "Fri"),
    months: Sequence[str] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    attempts_label: Callable[[int], str] = lambda n: f"{n} attempt{'s' if n != 1 else ''}",
) -> str:
    """A calendar of the last `weeks` weeks, one square per day, darker for more attempts. The words come from the
    page, translated: the names of Monday, Wednesday and Friday, of the 12 months, and `attempts_label(n)`."""
    cell, gap, left, top = 12, 3, 28, 18
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    width, height = left + weeks * (cell + gap) + 4, top + 7 * (cell + gap) + 4
    parts = [
        f'<svg class="chart heatmap" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'aria-labelledby="heat-title"><title id="heat-title">{escape(title)}</title>'
    ]
    for row, name in zip((0, 2, 4), weekdays, strict=True):
        parts.append(f'<text x="0" y="{top + row * (cell + gap) + 10}" class="label small">{escape(name)}</text>')
    peak = max(counts.values(), default=0)
    for week in range(weeks):
        first = start + timedelta(days=7 * week)
        if first.day <= 7:
            parts.append(
                f'<text x="{left + week * (cell + gap)}" y="12" class="label small">'
                f"{escape(months[first.month - 1])}</text>"
            )
        for weekday in range(7):
            day = first + timedelta(days=weekday)
            if day > today:
                continue
            n = counts.get(day, 0)
            level = 0 if n == 0 else min(4, 1 + (3 * n) // max(peak, 1))
            parts.append(
                f'<rect x="{left + week * (cell + gap)}" y="{top + weekday * (cell + gap)}" '
                f'width="{cell}" height="{cell}" rx="2" class="day level-{level}">'
                f"<title>{day.isoformat()}: {escape(attempts_label(n))}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)


def recent_verdicts(
    rows: list[tuple[str, str, str]],
    *,
    title: str = "Recent verdicts, newest first",
    empty: str = "No submissions yet.",
    verdict_label: Callable[[str], str] = lambda verdict: verdict.replace("_", " "),
) -> str:
    """A strip of tiles, newest first, for (problem title, verdict, when), each in its verdict's colour with its
    mark. The words come from the page, translated: `verdict_label(verdict)` names a verdict."""
    cell, gap = 22, 4
    width = max(1, len(rows)) * (cell + gap) + 4
    parts = [
        f'<svg class="chart verdicts" role="img" viewBox="0 0 {width} {cell + 8}" width="{width}" '
        f'aria-labelledby="verdicts-title"><title id="verdicts-title">{escape(title)}</title>'
    ]
    for i, (problem_title, verdict, when) in enumerate(rows):
        tooltip = f"{escape(problem_title)}: {escape(verdict_label(verdict))} ({when})"
        parts.append(_tile(2 + i * (cell + gap), 4, cell, verdict, tooltip))
    if not rows:
        parts.append(f'<text x="4" y="20" class="label">{escape(empty)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def forecast_bars(counts: list[int], first_day: date, title: str, today_label: str) -> str:
    """Vertical bars: reviews due on each day from `first_day` (labelled `today_label`), each count written above
    its bar. `title` and `today_label` come translated from the page."""
    bar_w, gap, plot_h, top, bottom = 36, 14, 90, 18, 34
    width, height = len(counts) * (bar_w + gap) + gap, top + plot_h + bottom
    peak = max(counts, default=0)
    parts = [
        f'<svg class="chart forecast" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'aria-labelledby="forecast-title"><title id="forecast-title">{escape(title)}</title>'
    ]
    for i, count in enumerate(counts):
        day = first_day + timedelta(days=i)
        x = gap + i * (bar_w + gap)
        filled = plot_h * count / peak if peak else 0
        label = today_label if i == 0 else day.strftime("%m-%d")
        parts.append(
            f'<rect x="{x}" y="{top}" width="{bar_w}" height="{plot_h}" rx="3" class="track"/>'
            f'<rect x="{x}" y="{top + plot_h - filled:.1f}" width="{bar_w}" height="{filled:.1f}" rx="3" class="fill">'
            f"<title>{day.isoformat()}: {count}</title></rect>"
            f'<text x="{x + bar_w / 2}" y="{top - 4}" text-anchor="middle" class="label count">{count}</text>'
            f'<text x="{x + bar_w / 2}" y="{top + plot_h + 16}" text-anchor="middle" class="label small">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _count_rows(
    rows: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    css: str,
    title: str,
    empty: str,
    label: Callable[[str], str],
    whole: int,
) -> tuple[list[str], Callable[..., str]]:
    """The frame shared by the analytics bars: the opening tags, and a function drawing row `i` (name, count) with
    its name before the bar and its count after it, with its share of `whole` when that is not 0."""
    bar_w, row_h, label_w = 260, 26, 170
    width, height = label_w + bar_w + 90, max(1, len(rows)) * row_h + 10
    peak = max((count for _, count in rows), default=0)
    head = [
        f'<svg class="chart bars {css}" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'aria-labelledby="{chart_id}-title"><title id="{chart_id}-title">{escape(title)}</title>'
    ]
    if not rows:
        head.append(f'<text x="10" y="20" class="label">{escape(empty)}</text>')

    def row(i: int, name: str, count: int, fill: str = 'class="fill"') -> str:
        y = 5 + i * row_h
        filled = bar_w * count / peak if peak else 0
        shown = escape(label(name))
        share = f" ({100 * count / whole:.0f}%)" if whole else ""
        return (
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" class="label">{shown}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="16" rx="3" class="track"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{filled:.1f}" height="16" rx="3" {fill}>'
            f"<title>{shown}: {count}{share}</title></rect>"
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}" class="label count">{count}{share}</text>'
        )

    return head, row


def verdict_bars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str = "Submissions by verdict",
    empty: str = "No submissions yet.",
    verdict_label: Callable[[str], str] = lambda verdict: verdict.replace("_", " "),
    chart_id: str = "verdict-bars",
) -> str:
    """Horizontal bars: submissions per (verdict, count), each bar in its verdict's colour, its count and share
    written after it. The words come from the page, translated: `verdict_label(verdict)` names a verdict."""
    head, row = _count_rows(
        rows,
        chart_id=chart_id,
        css="verdict-bars",
        title=title,
        empty=empty,
        label=verdict_label,
        whole=sum(count for _, count in rows),
    )
    body = [
        row(i, verdict, count, f'fill="{VERDICT_STYLES.get(verdict, OTHER_VERDICT)[0]}"')
        for i, (verdict, count) in enumerate(rows)
    ]
    return "".join([*head, *body, "</svg>"])


def count_bars(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    empty: str,
    label: Callable[[str], str] = str,
    out_of: int = 0,
    chart_id: str = "count-bars",
) -> str:
    """Horizontal bars for (name, count) rows, most first as given (most-failed tests, frequent mistakes), each count
    written after its bar with its share of `out_of` (the submissions) when that is not 0. `title` and `empty` come
    translated from the page; `chart_id` keeps two charts on one page apart."""
    head, row = _count_rows(
        rows, chart_id=chart_id, css="count-bars", title=title, empty=empty, label=label, whole=out_of
    )
    return "".join([*head, *(row(i, name, count) for i, (name, count) in enumerate(rows)), "</svg>"])
