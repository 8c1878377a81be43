class S3Store:
    pass
