"""The default themes of the source model; the region administrator can add or switch off."""

from django.db import migrations

THEMES = [
    ("bewegen", "Bewegen", "Meer bewegen, samen sporten en wandelen."),
    ("voeding", "Voeding", "Gezond eten, koken en moestuinieren."),
    ("eenzaamheid", "Eenzaamheid", "Elkaar ontmoeten; niemand staat er alleen voor."),
    ("mentale-gezondheid", "Mentale gezondheid", "Veerkracht, stress en lotgenotencontact."),
    ("opvoeden", "Opvoeden", "Samen opvoeden, steun voor ouders."),
    ("armoede-en-schulden", "Armoede en schulden", "Rondkomen, formulierenhulp, schuldhulp."),
    ("groen", "Groen", "Groene buurt, tuinen, schone straat."),
    ("veiligheid", "Veiligheid", "Een veilige buurt, op straat en thuis."),
    ("zingeving", "Zingeving", "Betekenis, levensvragen, meedoen."),
]


def add(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    for slug, name, description in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


def remove(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    Theme.objects.filter(slug__in=[t[0] for t in THEMES], initiatives__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
