"""The printable wijk report as PDF (fpdf2, pure Python), with its charts drawn in."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from fpdf import FPDF

if TYPE_CHECKING:
    from gezondewijk.indicators.selectors import WijkBenchmark

BLUE, ORANGE, GREY = (37, 99, 235), (234, 88, 12), (120, 120, 120)


def _text(value: object) -> str:
    # The core fonts speak Latin-1; replace what they cannot draw.
    return str(value).encode("latin-1", "replace").decode("latin-1")


def _num(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def wijk_pdf(b: WijkBenchmark) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(
        0,
        10,
        _text(_("Health report %(wijk)s") % {"wijk": b.wijk.name}),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(
        0,
        6,
        _text(" - ".join(str(p) for p in (b.wijk.code, b.wijk.gemeente.name, b.period) if p)),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    if b.history:
        latest = b.history[-1]
        pdf.cell(
            0,
            6,
            _text(_("Overall bloom level: %(level)s") % {"level": latest["label"]}),
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(2)
    if not b.rows:
        pdf.multi_cell(0, 5, _text(b.no_figures_reason or ""), new_x="LMARGIN", new_y="NEXT")
    else:
        _table(pdf, b)
    for row in b.rows:
        series = b.series.get(row["indicator_id"], [])
        peers = b.peers.get(row["indicator_id"], [])
        if not series and not peers:
            continue
        if pdf.get_y() > 220:
            pdf.add_page()
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(0, 7, _text(row["indicator"].label), new_x="LMARGIN", new_y="NEXT")
        top = pdf.get_y()
        _trend_chart(pdf, series, x=15, y=top, w=85, h=40)
        _peer_chart(pdf, peers, x=110, y=top, w=85, h=40)
        pdf.set_y(top + 46)
    return bytes(pdf.output())


def _table(pdf: FPDF, b: WijkBenchmark) -> None:
    pdf.set_font("Helvetica", "B", 8)
    headers = [
        _("Indicator"),
        _("Value"),
        _("Peers pct."),
        _("vs gemeente"),
        _("Trend/yr"),
        _("Bloom"),
    ]
    widths = [70, 20, 22, 26, 22, 20]
    for h, w in zip(headers, widths, strict=True):
        pdf.cell(w, 6, _text(h), border=1)
    pdf.ln()
    pdf.set_font("Helvetica", "", 8)
    for row in b.rows:
        cells = [
            row["indicator"].label[:45],
            _num(row["value"]),
            _num(row["peer_percentile"], 0),
            _num(row["diff_parent"]) + (" *" if row["sig_parent"] else ""),
            _num(row["trend_per_year"], 2),
            str(row["bloom_label"] or "-"),
        ]
        for c, w in zip(cells, widths, strict=True):
            pdf.cell(w, 5, _text(c), border=1)
        pdf.ln()
    pdf.set_font("Helvetica", "I", 7)
    pdf.cell(
        0,
        5,
        _text(_("* differs significantly from the gemeente (95 %).")),
        new_x="LMARGIN",
        new_y="NEXT",
    )


def _axes(pdf: FPDF, x: float, y: float, w: float, h: float, title: str) -> None:
    pdf.set_draw_color(*GREY)
    pdf.line(x, y + h, x + w, y + h)
    pdf.line(x, y, x, y + h)
    pdf.set_font("Helvetica", "", 7)
    pdf.text(x, y - 1, _text(title))


def _trend_chart(pdf: FPDF, series: list[dict], *, x: float, y: float, w: float, h: float) -> None:
    _axes(pdf, x, y + 3, w, h - 3, _("Trend"))
    points = [(p["period"], p["value"]) for p in series if p["value"] is not None]
    if len(points) < 1:
        return
    lo = min(v for _p, v in points)
    hi = max(v for _p, v in points)
    span = (hi - lo) or 1.0
    first, last = points[0][0], points[-1][0]
    years = (last - first) or 1
    xy = [
        (x + 2 + (p - first) / years * (w - 4), y + h - 2 - (v - lo) / span * (h - 8))
        for p, v in points
    ]
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(0.6)
    for a, c in itertools.pairwise(xy):
        pdf.line(a[0], a[1], c[0], c[1])
    pdf.set_line_width(0.2)
    pdf.set_font("Helvetica", "", 6)
    pdf.text(x + 1, y + h + 3, str(first))
    pdf.text(x + w - 8, y + h + 3, str(last))
    pdf.text(x + w + 1, xy[-1][1], _num(points[-1][1]))


def _peer_chart(pdf: FPDF, peers: list[dict], *, x: float, y: float, w: float, h: float) -> None:
    _axes(pdf, x, y + 3, w, h - 3, _("Among peer wijken"))
    shown = [p for p in peers if p["value"] is not None]
    if not shown:
        return
    hi = max(p["value"] for p in shown) or 1.0
    bar = (w - 4) / len(shown)
    for n, p in enumerate(sorted(shown, key=lambda p: p["value"])):
        height = p["value"] / hi * (h - 8)
        pdf.set_fill_color(*(ORANGE if p["self"] else BLUE))
        pdf.rect(x + 2 + n * bar, y + h - height, max(bar - 1, 0.5), height, style="F")
