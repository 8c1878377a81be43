def render(user):
    return f"hello {user}"
