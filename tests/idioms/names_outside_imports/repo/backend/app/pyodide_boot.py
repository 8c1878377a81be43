def create_session():
    return {}
