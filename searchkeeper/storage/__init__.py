"""Every file searchkeeper touches: the journal, partners, config, the derived index and the lock."""
