def migrate(migrator, database, fake=False):
    pass
