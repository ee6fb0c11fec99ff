"""Background work of the agreements app (django-tasks: database backend in production)."""

from django_tasks import task


@task()
def lag_pdf(eksport_id: int) -> None:
    from avtaler.pdf import pdf_lag

    pdf_lag(eksport_id)
