def send_email():
    return None
