from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages() -> Any:
    # Service messages are asserted in English; a page request switches to Dutch by itself.
    with translation.override("en"):
        yield
