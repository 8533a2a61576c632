from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    # Receipts go to a throwaway folder, not the developer's var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    # Service messages are asserted in English; a page request switches to Dutch by itself.
    with translation.override("en"):
        yield
