"""API fuzzing from the OpenAPI document (schemathesis): no 5xx, and every response matches the document."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from chatbot.config import DEFAULT_CORPUS, Config
from chatbot.engine import ChatEngine
from chatbot.openapi import OPENAPI_PATH
from chatbot.web import create_app

# Built at import: schemathesis turns each documented operation into a test when this module is collected.
app = create_app(Config(rate_limit=""), engine=ChatEngine.from_corpus(DEFAULT_CORPUS))
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, app)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_never_fails_and_always_answers_as_documented(case):
    case.call_and_validate(checks=CHECKS)
