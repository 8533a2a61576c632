"""Which themes answer each reason, and the benchmark indicator of referrals (data, editable).

The indicator counts residents on the platform, so its values are suppressed below k.
"""

from django.db import migrations

REASON_THEMES = {
    "eenzaamheid": ["eenzaamheid", "zingeving"],
    "somberheid_stress": ["mentale-gezondheid", "bewegen", "groen"],
    "bewegen": ["bewegen", "groen"],
    "geldzorgen": ["armoede-en-schulden"],
    "zingeving": ["zingeving", "eenzaamheid"],
    "mantelzorg": ["mentale-gezondheid", "eenzaamheid"],
    "voeding": ["voeding"],
    "opvoeding": ["opvoeden"],
}

INDICATOR = {
    "code": "referrals-participation",
    "name": "Referred residents taking part",
    "description": "Residents referred through welzijn op recept who took part in an activity, "
    "as a share of the residents referred.",
    "source": "referrals",
    "numerator": "participating",
    "denominator": "referred",
    "unit": "percentage",
    "direction": "higher",
    "levels": ["buurt", "wijk", "gemeente", "region"],
    "bronze": 40.0,
    "silver": 55.0,
    "gold": 70.0,
    "resident_based": True,
}


def add(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    ReasonTheme = apps.get_model("referrals", "ReasonTheme")
    themes = dict(Theme.objects.values_list("slug", "pk"))
    ReasonTheme.objects.bulk_create(
        [
            ReasonTheme(reason=reason, theme_id=themes[slug])
            for reason, slugs in REASON_THEMES.items()
            for slug in slugs
            if slug in themes
        ],
        ignore_conflicts=True,
    )
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.get_or_create(code=INDICATOR["code"], defaults=INDICATOR)


def remove(apps, schema_editor):
    apps.get_model("referrals", "ReasonTheme").objects.all().delete()
    apps.get_model("indicators", "Indicator").objects.filter(code=INDICATOR["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("referrals", "0001_initial"),
        ("initiatives", "0002_default_themes"),
        ("indicators", "0002_seed_definitions"),
    ]
    operations = [migrations.RunPython(add, remove)]
