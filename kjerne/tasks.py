"""Background work of kjerne (django-tasks: database backend in production)."""

from django_tasks import task


@task()
def lag_pdfdokument(dokument_id: int) -> None:
    from kjerne.pdf import lag

    lag(dokument_id)
