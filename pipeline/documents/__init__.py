"""From a validated campaign to typed documents: the NĐ30 text forms, body texts, money and words, and one module
per kind of document (`kinds/`)."""
