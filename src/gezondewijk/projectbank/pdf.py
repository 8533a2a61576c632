"""The draaiboek as a printable PDF, drawn with fpdf2 (pure Python, no system fonts needed)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from gezondewijk.projectbank.models import Intervention, Playbook

# The PDF core fonts speak Latin-1; these few typographic characters are written plainly.
_PLAIN = str.maketrans(
    {"—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "€": "EUR ", "…": "..."}
)


def _text(value: object) -> str:
    return str(value).translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")


def _euro(amount: Decimal) -> str:
    return "EUR " + f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        self.set_title(title)
        self.set_creator("Gezonde Wijk")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 18, 18)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 6, _text(f"{self.doc_title} - {self.page_no()}"), align="C")

    def heading(self, text: str, size: int = 14) -> None:
        self.ln(2)
        self.set_font("Helvetica", "B", size)
        self.multi_cell(0, size * 0.5, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def paragraph(self, text: str, size: int = 10) -> None:
        if not text:
            return
        self.set_font("Helvetica", size=size)
        self.multi_cell(0, 5, _text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def labelled(self, label: str, text: str) -> None:
        if not text:
            return
        self.set_font("Helvetica", "B", 10)
        self.multi_cell(0, 5, _text(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.paragraph(text)


def playbook_pdf(intervention: Intervention, playbook: Playbook) -> bytes:
    doc = _Document(_("Playbook: %(title)s") % {"title": intervention.title})
    doc.add_page()
    doc.heading(doc.doc_title, size=18)
    doc.paragraph(intervention.summary)
    doc.labelled(_("Recognition level"), intervention.get_recognition_display())
    doc.labelled(_("Target group"), intervention.target_group)
    doc.labelled(_("Aim"), intervention.aim)
    doc.labelled(_("Preconditions"), intervention.preconditions)
    doc.labelled(_("Owner organisation"), intervention.owner_display)
    if playbook.introduction:
        doc.heading(_("Introduction"))
        doc.paragraph(playbook.introduction)

    doc.heading(_("Steps"))
    total_weeks = 0
    for step in playbook.steps.all():
        total_weeks += step.duration_weeks
        doc.set_font("Helvetica", "B", 11)
        doc.multi_cell(
            0,
            6,
            _text(
                f"{step.position}. {step.title}  ({step.get_phase_display()}, "
                + _("%(n)s weeks") % {"n": step.duration_weeks}
                + ")"
            ),
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        doc.paragraph(step.description)
        if step.roles:
            doc.paragraph(_("Roles: %(roles)s") % {"roles": step.roles}, size=9)
        materials = list(step.materials.all())
        if materials:
            doc.paragraph(
                _("Materials: %(list)s") % {"list": ", ".join(m.title for m in materials)}, size=9
            )
    doc.paragraph(_("Total duration: %(n)s weeks") % {"n": total_weeks})

    lines = list(playbook.budget_lines.all())
    if lines:
        doc.heading(_("Budget"))
        doc.set_font("Helvetica", size=10)
        with doc.table(col_widths=(30, 100, 40), text_align=("LEFT", "LEFT", "RIGHT")) as table:
            header = table.row()
            for title in (_("Category"), _("Description"), _("Amount")):
                header.cell(_text(title))
            for line in lines:
                row = table.row()
                row.cell(_text(line.get_category_display()))
                row.cell(_text(line.description))
                row.cell(_euro(line.amount))
            total = table.row()
            total.cell(_text(_("Total")))
            total.cell("")
            total.cell(_euro(sum((line.amount for line in lines), Decimal(0))))
    return bytes(doc.output())
