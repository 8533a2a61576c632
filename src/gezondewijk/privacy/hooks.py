"""What the privacy app gives to others: its own consents and access log to export and erase,
and the access log as a table written on reads."""

from gezondewijk import freshness, hooks
from gezondewijk.privacy import personal_data, registry
from gezondewijk.privacy.models import AccessLog


def register() -> None:
    hooks.register(registry.PERSONAL_DATA, personal_data.PROVIDER)
    # Logging a read is not a change of the data: kept dashboards stay valid.
    hooks.register(freshness.WRITE_ON_READ_TABLES, AccessLog._meta.db_table)
