"""`gezondewijk demo`: fill an empty database with the synthetic demo region."""

import argparse
import time
from typing import IO, Any, cast

from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gezondewijk.demo.accounts import print_logins
from gezondewijk.demo.engine import (
    DEFAULT_RESIDENTS,
    DEFAULT_SEED,
    DemoDatabaseNotEmpty,
    demo_build,
)

SUMMARY_ORDER = (
    "regions",
    "gemeenten",
    "wijken",
    "buurten",
    "organisations",
    "locations",
    "residents",
)


def non_negative_int(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def _raw(wrapper: OutputWrapper) -> IO[str]:
    """The stream under Django's OutputWrapper, which would add a newline to every chunk rich
    writes."""
    return cast(IO[str], getattr(wrapper, "_out", wrapper))


class Command(BaseCommand):
    help = (
        "Build a deterministic demo: gemeente Utrecht's real areas, boundaries and figures with "
        "invented residents, organisations and initiatives (or, with --fictional, an invented "
        "region)."
    )

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--residents",
            type=non_negative_int,
            default=DEFAULT_RESIDENTS,
            help=f"number of resident accounts (default {DEFAULT_RESIDENTS})",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"the same seed gives the same region (default {DEFAULT_SEED})",
        )
        parser.add_argument(
            "--fictional",
            action="store_true",
            help="build the fictional region of three gemeenten instead of Utrecht",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already holds a region",
        )

    def handle(
        self,
        *args: Any,
        residents: int,
        seed: int,
        if_empty: bool,
        fictional: bool,
        verbosity: int,
        **options: Any,
    ) -> None:
        out = Console(file=_raw(self.stdout), highlight=False)
        err = Console(file=_raw(self.stderr))
        started = time.perf_counter()
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=verbosity == 0,
        ) as progress:
            try:
                ctx = demo_build(
                    residents=residents,
                    seed=seed,
                    if_empty=if_empty,
                    progress=progress,
                    fictional=fictional,
                )
            except DemoDatabaseNotEmpty as error:
                raise CommandError(str(error)) from error
        if ctx is None:
            self.stdout.write(
                "Demo region already there (the database is not empty); nothing built."
            )
            return
        elapsed = time.perf_counter() - started
        kinds = [k for k in SUMMARY_ORDER if k in ctx.counts]
        kinds += sorted(set(ctx.counts) - set(kinds))  # what other apps' builders added
        for kind in kinds:
            self.stdout.write(f"{kind}: {ctx.counts[kind]}")
        self.stdout.write(f"Demo region built in {elapsed:.1f} s (seed {seed}).")
        if verbosity > 0:
            print_logins(out)
