//! Fuzzy search over the index's quotes and sentences.
