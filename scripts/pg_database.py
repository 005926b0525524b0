"""Create or drop a PostgreSQL database named by a URL: python scripts/pg_database.py create URL."""

import sys
from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def main(action, url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if action == "create":
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        elif action == "drop":
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        else:
            raise SystemExit(f"action inconnue : {action}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
