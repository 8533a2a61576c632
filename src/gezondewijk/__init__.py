"""Gezonde Wijk: the platform on which a region runs its healthy-neighbourhood work."""
