"""The demo app's own builders: places (fictional or Utrecht), organisations, residents and
accounts; every other app builds its demo in its own `demo_builder.py`."""
