"""Content schemas, one module per kind of content file."""
