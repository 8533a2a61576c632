"""Queue every pending webhook delivery that is due (after an outage or a flushed queue)."""

from typing import Any

from django.core.management.base import BaseCommand

from gezondewijk.couplings import webhooks


class Command(BaseCommand):
    help = "Queue pending webhook deliveries whose next attempt is due."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"queued: {webhooks.deliveries_retry_due()}")
