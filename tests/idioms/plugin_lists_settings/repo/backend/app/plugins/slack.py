def notify():
    return None
