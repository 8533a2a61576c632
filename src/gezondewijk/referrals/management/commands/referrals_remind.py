"""`gezondewijk referrals_remind`: remind coaches of referrals that stalled, with a progress bar.

Run it daily (cron, or enqueue referrals.tasks.remind_stalled); a referral is reminded at
most once per stall period.
"""

from typing import Any

from django.core.management.base import BaseCommand
from rich.progress import Progress

from gezondewijk.referrals import selectors, services


class Command(BaseCommand):
    help = "Remind the coach (or referrer) of every referral that has not moved for two weeks."

    def handle(self, *args: Any, **options: Any) -> None:
        stalled = list(selectors.stalled().values_list("pk", flat=True))
        reminded = 0
        with Progress(disable=options["verbosity"] == 0) as bar:
            job = bar.add_task("Herinneringen", total=len(stalled))
            for start in range(0, len(stalled), 100):
                batch = stalled[start : start + 100]
                reminded += services.referrals_remind(
                    referrals=selectors.stalled().filter(pk__in=batch)
                )
                bar.update(job, advance=len(batch))
        self.stdout.write(f"stalled: {len(stalled)}")
        self.stdout.write(f"reminded: {reminded}")
