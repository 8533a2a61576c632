from typing import Any

from django.db import migrations


def seed(apps: Any, schema_editor: Any) -> None:
    # A frozen copy would drift from definitions.DEFAULTS; the defaults are plain data, so
    # reading them here is safe. Existing codes are left as the region edited them.
    from gezondewijk.indicators.definitions import seed as seed_defaults

    seed_defaults(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
