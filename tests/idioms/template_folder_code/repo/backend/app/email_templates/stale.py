def render_welcome(name):
    return f"Welcome {name}"
