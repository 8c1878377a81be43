class Transport:
    pass
