"""Delete delivered webhook deliveries, with their log, once nobody will ask about them."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gezondewijk.couplings import webhooks


class Command(BaseCommand):
    help = (
        "Delete delivered webhook deliveries (and their log) older than --days; pending ones stay."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=90,
            help="keep what was delivered in the last DAYS days (default 90)",
        )

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        if days < 1:
            raise CommandError(_("--days must be 1 or more (got %(days)d)") % {"days": days})
        deleted = webhooks.deliveries_forget_delivered(older_than=dt.timedelta(days=days))
        self.stdout.write(f"deleted: {deleted}")
