"""A deterministic, realistic synthetic demo region: `gezondewijk demo`."""
