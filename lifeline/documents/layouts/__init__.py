"""Readers for the layouts the archive holds: the Urgent Action family
(`classic`), the late-2010s labelled fields (`labelled`) and news releases
(`news`)."""
