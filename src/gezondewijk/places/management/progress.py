"""One progress display for the import commands of places: a rich bar per stage."""

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TextIO, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

StageT = TypeVar("StageT", bound=str)


@contextmanager
def stage_bars(
    stream: TextIO, *, enabled: bool, labels: Mapping[StageT, str]
) -> Iterator[Callable[[StageT, int, int], None]]:
    """report(stage, completed, total) draws one bar per stage, labelled from `labels`;
    silent when the output is not a terminal (logs, tests)."""
    console = Console(file=stream)
    columns = (
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=console, disable=not (enabled and console.is_terminal)
    ) as progress:
        tasks: dict[StageT, TaskID] = {}

        def report(stage: StageT, completed: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(labels[stage], total=total)
            progress.update(tasks[stage], completed=completed, total=total)

        yield report
