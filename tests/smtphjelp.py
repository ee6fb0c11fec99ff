"""A real SMTP server for the tests (aiosmtpd on a free local port): the messages the task
worker sends arrive here over the wire and are read as parsed e-mails."""

import email
import email.policy
import logging
import socket

from aiosmtpd.controller import Controller

# The server logs every SMTP command at INFO: quiet in test output.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class Postkasse:
    """Collects what the server received; ``avvis`` makes it refuse every message."""

    def __init__(self):
        self.meldinger: list[email.message.EmailMessage] = []
        self.avvis = False

    async def handle_DATA(self, server, session, envelope):
        if self.avvis:
            return "451 Prøv igjen senere"
        melding = email.message_from_bytes(envelope.content, policy=email.policy.default)
        melding["X-Konvolutt-Til"] = ", ".join(envelope.rcpt_tos)
        self.meldinger.append(melding)
        return "250 OK"

    def til(self, adresse: str) -> list:
        return [m for m in self.meldinger if adresse in m["X-Konvolutt-Til"]]

    def mottakere(self) -> list[str]:
        return sorted(m["X-Konvolutt-Til"] for m in self.meldinger)


def ledig_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Smtptjener:
    def __init__(self):
        self.postkasse = Postkasse()
        self.port = ledig_port()
        self.kontroller = None

    def start(self):
        self.kontroller = Controller(self.postkasse, hostname="127.0.0.1", port=self.port)
        self.kontroller.start()

    def stopp(self):
        if self.kontroller is not None:
            self.kontroller.stop()
            self.kontroller = None
