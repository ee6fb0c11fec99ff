"""Background work of the open data (django-tasks, as avtaler.tasks)."""

from django_tasks import task


@task()
def lag_eksport() -> None:
    from apnedata.eksport import lag_alle

    lag_alle()
