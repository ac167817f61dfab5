"""Job search on Meilisearch: settings, documents, filters, outbox sync, reindex, SQL fallback."""
