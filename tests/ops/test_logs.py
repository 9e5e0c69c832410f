"""LOG_FORMAT=json: one JSON object a line, from serve, granian, Django and the workers."""

import json
import logging
import sys

from lifeline.ops.logs import JsonFormatter, line
from tests.ops.serving import wait_for


def test_a_record_becomes_one_line_of_json_with_its_extra_fields():
    try:
        raise ValueError("bad sheet")
    except ValueError:
        record = logging.LogRecord(
            "lifeline.cases", logging.ERROR, "", 0, "import of %s failed", ("UA 1/26",), None
        )
        record.exc_info = sys.exc_info()
    record.status_code = 500
    record.request = object()

    text = JsonFormatter().format(record)

    assert "\n" not in text
    entry = json.loads(text)
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "lifeline.cases"
    assert entry["message"] == "import of UA 1/26 failed"
    assert entry["status_code"] == 500
    assert entry["request"].startswith("<object object")
    assert "ValueError: bad sheet" in entry["exception"]
    assert json.loads(line("ready", logger="lifeline.serve"))["message"] == "ready"


def test_serve_logs_only_json_lines_with_log_format_json(serve):
    served = serve(LOG_FORMAT="json", LOG_LEVEL="INFO")
    served.wait_until_serving()
    assert served.get("/no-such-page/")[0] == 404
    wait_for(lambda: "Not Found" in served.output, "the 404 to be logged")

    assert served.stop() == 0
    entries = [json.loads(text) for text in served.lines if text.strip()]
    loggers = {entry["logger"] for entry in entries}
    assert {"lifeline.serve", "_granian", "django.request"} <= loggers
    [not_found] = [e for e in entries if e["logger"] == "django.request"]
    assert not_found["status_code"] == 404
    assert not_found["message"] == "Not Found: /no-such-page/"
