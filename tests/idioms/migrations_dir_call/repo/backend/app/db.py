from peewee_migrate import Router
from yoyo import read_migrations


def migrate(database):
    Router(database, migrate_dir="migrations").run()


def migrate_audit(backend):
    backend.apply_migrations(read_migrations("audit/migrations"))
