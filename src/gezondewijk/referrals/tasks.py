"""Background work of the referrals app: the daily reminder of stalled referrals."""

from django_tasks import task

from gezondewijk.referrals import selectors, services


@task()
def remind_stalled() -> int:
    return services.referrals_remind(referrals=selectors.stalled())
