"""What a key-figures import tells the person who ran it, in their language.

Shared by the command and the region set-up page, so both say the same.
"""

from __future__ import annotations

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gezondewijk.places.importers.cbs import ImportResult, NotTaken
from gezondewijk.places.models import Gemeente

MAX_LISTED = 20


def _figure_label(field: str) -> str:
    model_field = Gemeente._meta.get_field(field)
    assert isinstance(model_field, models.Field)
    return str(model_field.verbose_name)


def _number(value: float) -> str:
    return number_format(value, decimal_pos=None if value != int(value) else 0)


def not_taken_line(item: NotTaken) -> str:
    values = {
        "code": item.code,
        "figure": _figure_label(item.figure),
        "value": _number(item.value) if item.value is not None else "",
        "shown": _number(item.shown),
        "source": item.shown_source,
    }
    if item.value is None:
        return (
            _("%(code)s %(figure)s: empty in this file; %(shown)s from %(source)s is kept") % values
        )
    return (
        _(
            "%(code)s %(figure)s: %(value)s in this file; %(shown)s from %(source)s (imported "
            "later) is shown"
        )
        % values
    )


def report_lines(file_name: str, result: ImportResult) -> list[str]:
    lines = [
        _("%(file)s: key figures of %(year)d, source %(source)s")
        % {"file": file_name, "year": result.year, "source": result.source}
    ]
    if result.region is not None:
        lines.append(
            _("region %(region)s: %(count)d gemeente(n) added")
            % {"region": result.region.name, "count": result.region_assigned}
        )
    if result.historic:
        lines.append(
            ngettext(
                "%(count)d area is no longer in the area division of %(year)d: kept as historic",
                "%(count)d areas are no longer in the area division of %(year)d: kept as historic",
                result.historic,
            )
            % {"count": result.historic, "year": result.year}
        )
    if result.unmapped_columns:
        shown = ", ".join(result.unmapped_columns[:MAX_LISTED])
        more = len(result.unmapped_columns) - MAX_LISTED
        lines.append(
            ngettext(
                "%(count)d column without a field on the platform is kept with the figures: "
                "%(columns)s",
                "%(count)d columns without a field on the platform are kept with the figures: "
                "%(columns)s",
                len(result.unmapped_columns),
            )
            % {"count": len(result.unmapped_columns), "columns": shown}
            + (_(" … and %(count)d more") % {"count": more} if more > 0 else "")
        )
    if result.not_taken:
        lines.append(
            ngettext(
                "%(count)d figure of this file is not taken:",
                "%(count)d figures of this file are not taken:",
                len(result.not_taken),
            )
            % {"count": len(result.not_taken)}
        )
        lines += [f"  {not_taken_line(item)}" for item in result.not_taken[:MAX_LISTED]]
        if len(result.not_taken) > MAX_LISTED:
            lines.append(
                "  " + _("… and %(count)d more") % {"count": len(result.not_taken) - MAX_LISTED}
            )
    return lines
