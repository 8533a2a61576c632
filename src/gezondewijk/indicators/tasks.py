"""Background work of the indicators app: recomputing all values, with visible progress."""

from django_tasks import task

from gezondewijk.indicators import runs


@task()
def recompute_indicators(run_id: int) -> None:
    runs.compute_run_execute(run_id=run_id)
