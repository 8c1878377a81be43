def build():
    return "alter table items"
