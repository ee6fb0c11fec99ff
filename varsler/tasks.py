"""Background work of the notifications: e-mail leaves through the task worker only."""

from django_tasks import task


@task()
def send_epost(epost_id: int) -> None:
    from varsler.tjenester import epost_send

    epost_send(epost_id)
