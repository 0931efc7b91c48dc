"""The frontend's log output: plain lines, or one JSON object per line with
``LOG_FORMAT=json`` (the same fields as the CMS's: time, level, logger, message,
request_id, process), uvicorn's own loggers included."""

import logging

from pythonjsonlogger.json import JsonFormatter

from frontend.request_id import RequestIdFilter

PLAIN = "%(asctime)s %(levelname)s %(name)s: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s %(process)d"
UVICORN_LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access")


def configure(log_format: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    if log_format == "json":
        handler.setFormatter(
            JsonFormatter(
                JSON_FIELDS,
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter(PLAIN))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.INFO)
    for name in UVICORN_LOGGERS:
        # uvicorn configured these with its own handlers before building the app.
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
