"""The project-bank federation import interrupted part-way changes nothing; a re-run
completes."""

import json
from typing import Any

import pytest

from gezondewijk.projectbank import exchange
from gezondewijk.projectbank.models import Intervention
from tests.import_faults import Interrupted, breaks_after, database_state
from tests.projectbank.test_exchange import noord  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_an_error_after_the_first_intervention_leaves_the_database_as_it_was(
    noord: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = json.dumps(noord)
    before = database_state()
    monkeypatch.setattr(exchange, "_apply", breaks_after(1, exchange._apply))

    with pytest.raises(Interrupted):
        exchange.bank_import(data)

    assert database_state() == before
    monkeypatch.undo()
    result = exchange.bank_import(data)
    assert result.created == 2
    assert Intervention.objects.filter(origin_bank="Projectenbank Noord").count() == 2
