"""The core: practices, weeks, journal storage and scoring. No Textual, no Rich."""
