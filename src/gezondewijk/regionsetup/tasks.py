"""Background work of the region set-up: importing an uploaded file, with visible progress."""

from django_tasks import task

from gezondewijk.regionsetup import runs


@task()
def run_import(run_id: int) -> None:
    runs.import_run_execute(run_id=run_id)
