class Errors(Exception):
    pass
