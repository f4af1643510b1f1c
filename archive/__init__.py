"""The SQLite archive: schema, writes and queries. Owns every SQL statement of the project."""
