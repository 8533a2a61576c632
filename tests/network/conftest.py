from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    # Assertions below read English messages; the Dutch catalogue is checked separately.
    settings.LANGUAGE_CODE = "en"
