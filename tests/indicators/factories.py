"""Source figures for indicator tests, and computing the values from them."""

from gezondewijk.indicators import runs
from gezondewijk.indicators.models import ComputeRun, Figure

# (source, figure, area code, level, period, value)
FigureRow = tuple[str, str, str, str, int, float]


def figures(*rows: FigureRow) -> list[Figure]:
    return Figure.objects.bulk_create(
        Figure(source=s, figure=f, area_code=a, level=lvl, period=p, value=v)
        for s, f, a, lvl, p, v in rows
    )


def compute() -> ComputeRun:
    """Compute and store every indicator value, as the background task does."""
    return runs.compute_run_execute(run_id=ComputeRun.objects.create().pk)
