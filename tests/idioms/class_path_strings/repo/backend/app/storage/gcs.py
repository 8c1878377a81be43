class GcsStore:
    pass
