class Message:
    pass
