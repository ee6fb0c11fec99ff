"""What the log shows: a refused request is one line, a real error its traceback."""

import logging


class KlientfeilPaEnLinje(logging.Filter):
    """A 4xx (403 from an access rule, 400 from a refused form or a suspicious request) is the
    system working: one warning line with the path, no traceback. A 5xx keeps its traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
            if record.levelno > logging.WARNING:
                record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
