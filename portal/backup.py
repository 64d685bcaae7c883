"""Consistent copies of the live database, taken while the portal runs."""

import os
import sqlite3
import subprocess


class BackupError(Exception):
    pass


def backup_database(connection, destination):
    """Copy the database behind `connection` to the file `destination`,
    readable by its owner only: it holds readers' phone numbers and addresses."""
    prepare_private_file(destination)
    if connection.vendor == "sqlite":
        backup_sqlite(connection, destination)
    elif connection.vendor == "postgresql":
        backup_postgresql(connection.settings_dict, destination)
    else:
        raise BackupError(f"No backup for {connection.vendor} databases.")


def prepare_private_file(destination):
    """Create (or empty) the file with mode 0600 before anything writes to it."""
    try:
        descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(descriptor)
        os.chmod(destination, 0o600)
    except OSError as error:
        raise BackupError(
            f"Không ghi được tệp sao lưu {destination}: {error.strerror}. "
            "Hãy chọn một thư mục có sẵn mà tài khoản chạy lệnh được ghi vào."
        ) from None


def backup_sqlite(connection, destination):
    # SQLite's online backup API: a consistent snapshot, page by page,
    # while other connections keep reading and writing. A plain file copy
    # of a live WAL database can miss committed transactions or tear.
    connection.ensure_connection()
    target = sqlite3.connect(destination)
    try:
        with target:
            connection.connection.backup(target)
    finally:
        target.close()


def backup_postgresql(settings_dict, destination):
    command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(destination)]
    for option, key in [("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")]:
        if settings_dict.get(key):
            command += [option, str(settings_dict[key])]
    environment = {**os.environ, "PGPASSWORD": settings_dict.get("PASSWORD") or ""}
    try:
        subprocess.run([*command, settings_dict["NAME"]], check=True, env=environment)
    except (OSError, subprocess.CalledProcessError) as error:
        raise BackupError(f"pg_dump failed: {error}") from error
