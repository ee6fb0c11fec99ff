"""What the rest of the product tells the security log, through Django's and axes' signals:
logins, failures, lockouts, logouts, and every change of roles, memberships and a user's
access flags, whoever makes it (a view, the admin site, a shell)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from helsefellesskap.models import Medlemskap, Utvalgsmedlem
from kjerne.identitet import normaliser_epost
from kjerne.signals import for_mange_foresporsler
from sikkerhet import okt
from sikkerhet.logg import Type, registrer, skjermet_brukernavn

TILGANGSFELT = ("is_active", "is_staff", "is_superuser")


def _innlogget(sender, request, user, **kwargs):
    okt.start(request)
    # How, where the login says (Ansattporten: the level and the organisation).
    beskrivelse = getattr(request, "innlogging_beskrivelse", "") if request is not None else ""
    registrer(Type.INNLOGGING, request=request, bruker=user, beskrivelse=beskrivelse)


def _utlogget(sender, request, user, **kwargs):
    # A session that ran out is logged as that, by the middleware.
    if user is not None and not getattr(request, "okt_utlopt", False):
        registrer(Type.UTLOGGING, request=request, bruker=user)


def _med_navn(navn: str):
    """The user a typed user name belongs to, if any."""
    navn = normaliser_epost(navn)
    return get_user_model().objects.filter(email=navn).first() if navn else None


def _feilet(sender, credentials, request=None, **kwargs):
    navn = str(credentials.get("username") or credentials.get("email") or "")
    bruker = _med_navn(navn)
    registrer(
        Type.INNLOGGING_FEILET,
        request=request,
        bruker=bruker,
        brukernavn=skjermet_brukernavn(navn, bruker),
    )


def _sperret(sender, request, username, ip_address, **kwargs):
    navn = str(username or "")
    bruker = _med_navn(navn)
    registrer(
        Type.SPERRET, request=request, bruker=bruker, brukernavn=skjermet_brukernavn(navn, bruker)
    )


def _for_mange(sender, request, navn, **kwargs):
    registrer(Type.FOR_MANGE_FORESPORSLER, request=request, beskrivelse=navn)


def _medlemskap_for_lagring(sender, instance: Medlemskap, **kwargs):
    instance._rolle_for = (
        sender.objects.filter(pk=instance.pk).values_list("rolle", flat=True).first()
        if instance.pk
        else None
    )


def _medlemskap_lagret(sender, instance: Medlemskap, created, **kwargs):
    """A role given, or changed (the admin site edits memberships in place): logged as the old
    one removed and the new one given. Whether the new role needs two-factor login is asked on
    the user's next request (sikkerhet.middleware)."""
    for_ = getattr(instance, "_rolle_for", None)
    if not created and for_ == instance.rolle:
        return
    if for_ and for_ != instance.rolle:
        gammel = Medlemskap.Rolle(for_).label
        registrer(
            Type.ROLLE_FJERNET,
            bruker=instance.bruker,
            organisasjon=instance.organisasjon,
            beskrivelse=f"{gammel} i {instance.organisasjon}",
        )
    registrer(
        Type.ROLLE_GITT,
        bruker=instance.bruker,
        organisasjon=instance.organisasjon,
        beskrivelse=f"{instance.get_rolle_display()} i {instance.organisasjon}",
    )


def _medlemskap_slettet(sender, instance: Medlemskap, **kwargs):
    registrer(
        Type.ROLLE_FJERNET,
        bruker=instance.bruker,
        organisasjon=instance.organisasjon,
        beskrivelse=f"{instance.get_rolle_display()} i {instance.organisasjon}",
    )


def _utvalgsmedlem_lagret(sender, instance: Utvalgsmedlem, created, **kwargs):
    if instance.bruker_id:
        hva = "oppnevnt" if created else "endret"
        registrer(
            Type.UTVALGSMEDLEM_ENDRET,
            bruker=instance.bruker,
            beskrivelse=f"{instance.utvalg}: {instance.get_rolle_display()} {hva}",
        )


def _utvalgsmedlem_slettet(sender, instance: Utvalgsmedlem, **kwargs):
    if instance.bruker_id:
        registrer(
            Type.UTVALGSMEDLEM_FJERNET,
            bruker=instance.bruker,
            beskrivelse=f"{instance.utvalg}: {instance.get_rolle_display()}",
        )


def _bruker_for_lagring(sender, instance, update_fields=None, **kwargs):
    """Remember the access flags as they were, to log what changes."""
    instance._tilgang_for = None
    if instance.pk and (update_fields is None or set(update_fields) & set(TILGANGSFELT)):
        instance._tilgang_for = sender.objects.filter(pk=instance.pk).values(*TILGANGSFELT).first()


def _bruker_lagret(sender, instance, created, **kwargs):
    for_ = getattr(instance, "_tilgang_for", None)
    if created or not for_:
        return
    endret = [
        f"{felt}: {for_[felt]} → {getattr(instance, felt)}"
        for felt in TILGANGSFELT
        if for_[felt] != getattr(instance, felt)
    ]
    if endret:
        registrer(Type.BRUKER_ENDRET, bruker=instance, beskrivelse=", ".join(endret))


def _grupper_endret(sender, instance, action, pk_set, **kwargs):
    """Groups and single permissions given or taken in the admin site."""
    if action in ("post_add", "post_remove", "post_clear"):
        hva = "grupper" if sender is instance.groups.through else "tillatelser"
        registrer(
            Type.BRUKER_ENDRET,
            bruker=instance,
            beskrivelse=f"{hva} {action.removeprefix('post_')}: {sorted(pk_set or [])}",
        )


def koble_til() -> None:
    bruker = get_user_model()
    user_logged_in.connect(_innlogget, dispatch_uid="sikkerhet.innlogget")
    user_logged_out.connect(_utlogget, dispatch_uid="sikkerhet.utlogget")
    user_login_failed.connect(_feilet, dispatch_uid="sikkerhet.feilet")
    user_locked_out.connect(_sperret, dispatch_uid="sikkerhet.sperret")
    for_mange_foresporsler.connect(_for_mange, dispatch_uid="sikkerhet.for_mange")
    pre_save.connect(
        _medlemskap_for_lagring, sender=Medlemskap, dispatch_uid="sikkerhet.medlemskap_for"
    )
    post_save.connect(_medlemskap_lagret, sender=Medlemskap, dispatch_uid="sikkerhet.medlemskap")
    for gjennom in (bruker.groups.through, bruker.user_permissions.through):
        m2m_changed.connect(_grupper_endret, sender=gjennom, dispatch_uid=f"sikkerhet.{gjennom}")
    post_delete.connect(
        _medlemskap_slettet, sender=Medlemskap, dispatch_uid="sikkerhet.medlemskap_slettet"
    )
    post_save.connect(
        _utvalgsmedlem_lagret, sender=Utvalgsmedlem, dispatch_uid="sikkerhet.utvalgsmedlem"
    )
    post_delete.connect(
        _utvalgsmedlem_slettet, sender=Utvalgsmedlem, dispatch_uid="sikkerhet.utvalgsmedlem_slettet"
    )
    pre_save.connect(_bruker_for_lagring, sender=bruker, dispatch_uid="sikkerhet.bruker_for")
    post_save.connect(_bruker_lagret, sender=bruker, dispatch_uid="sikkerhet.bruker_lagret")
