"""Background work of the couplings: each webhook delivery is a task of its own."""

from django_tasks import task

from gezondewijk.couplings import webhooks


@task()
def deliver_webhook(delivery_id: int) -> None:
    webhooks.delivery_attempt(delivery_id=delivery_id)
