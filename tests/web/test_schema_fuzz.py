"""Schemathesis against the OpenAPI document (issue #13): generated requests, valid and
invalid, for every API operation; no answer may be a 500, and every answer must match the
document (status codes, content types, bodies). Bounded: a few dozen examples an operation,
about 20 s in all. The comparison itself is a stand-in (the inputs are still read, decoded and
checked as for real); the store is the fake one."""

from __future__ import annotations

from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis import checks  # noqa: E402

from storydiff.web import ServeConfig, create_app  # noqa: E402
from storydiff.web.jobs import Job  # noqa: E402

from .fakes import FakeStore  # noqa: E402

TOKEN = "fuzzing-token-1234"


def _app() -> Any:
    store = FakeStore()
    for n in range(6):
        store.put(title=f"Story {n // 3} report {n}", text=f"Report {n}. Residents left.")
    app = create_app(ServeConfig(token=TOKEN, allowed_hosts=("testserver",)), store=store)
    svc = app.state.compare

    def stand_in(a: Any, b: Any, job: Job) -> dict[str, Any]:
        job.check()
        return {"verdict": {"same_story": 0.5}, "a": a.source, "b": b.source}

    svc._compare_now = stand_in
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
# valid and invalid requests both (invalid ones must be refused with a documented 4xx)
schema.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE,
                                       schemathesis.GenerationMode.NEGATIVE],
                                database="none")

CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.negative_data_rejection]


@pytest.mark.fuzz
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_answer_matches_the_openapi_document(case: Any) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
