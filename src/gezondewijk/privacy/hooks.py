"""What the privacy app gives to export and erase: its own consents and access log."""

from gezondewijk import hooks
from gezondewijk.privacy import personal_data, registry


def register() -> None:
    hooks.register(registry.PERSONAL_DATA, personal_data.PROVIDER)
