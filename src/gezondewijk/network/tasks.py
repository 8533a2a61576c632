"""Background work of the network app: the region's analysis, with visible progress."""

from django_tasks import task

from gezondewijk.network import runs


@task()
def refresh_network(run_id: int) -> None:
    runs.network_run_execute(run_id=run_id)
