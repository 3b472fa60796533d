"""Create the PostgreSQL database named in DATABASE_URL if it does not exist yet.

Usage: python deploy/ensure_database.py [DATABASE_URL]. SQLite URLs need nothing and are
left alone. Exits 1 with a message when the server cannot be reached.
"""

import os
import sys

import dj_database_url
import psycopg
from psycopg import sql


def server_conninfo(url: str) -> tuple[dict, str]:
    """psycopg settings for the server's maintenance database, and the name `url` gives."""
    config = dj_database_url.parse(url)
    conninfo = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
        "connect_timeout": 5,
    }
    return {k: v for k, v in conninfo.items() if v is not None}, config["NAME"]


def ensure_database(url: str) -> str:
    """Create the database `url` names unless it exists; return what was done."""
    if "postgresql" not in dj_database_url.parse(url)["ENGINE"]:
        return "not PostgreSQL; nothing to create"
    conninfo, name = server_conninfo(url)
    with psycopg.connect(**conninfo) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return f"database {name} exists"
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return f"database {name} created"


def main() -> int:
    url = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("DATABASE_URL", "")
    if not url:
        print("Give a DATABASE_URL (argument or environment variable).", file=sys.stderr)
        return 1
    try:
        print(ensure_database(url))
    except psycopg.OperationalError as error:
        print(f"Cannot reach PostgreSQL for {url}: {error}".strip(), file=sys.stderr)
        print("Start PostgreSQL (pg_ctlcluster ... start) and try again.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
