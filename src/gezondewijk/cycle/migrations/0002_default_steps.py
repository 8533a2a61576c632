"""The default steps of the implementation cycle, after the source model."""

from django.db import migrations

STEPS = [
    ("verkennen", "Verkennen", 1, "Energie, mensen en data in de wijk in kaart brengen.", 0),
    ("verbinden", "Verbinden", 2, "Believers en partners met elkaar verbinden.", 20),
    ("kiezen", "Kiezen", 3, "Thema's, een paar pilots en indicatoren kiezen.", 35),
    ("doen", "Doen", 4, "Initiatieven en interventies uitvoeren.", 45),
    ("meten", "Meten", 5, "Indicatoren meten, de bloeischaal bepalen.", 50),
    ("borgen-en-delen", "Borgen en delen", 6, "Financiering borgen en ervaringen delen.", 60),
]


def add(apps, schema_editor):
    Step = apps.get_model("cycle", "Step")
    for key, name, order, focus, min_energy in STEPS:
        Step.objects.get_or_create(
            key=key,
            defaults={"name": name, "order": order, "focus": focus, "min_energy": min_energy},
        )


def remove(apps, schema_editor):
    Step = apps.get_model("cycle", "Step")
    Step.objects.filter(key__in=[s[0] for s in STEPS], entries__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("cycle", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
