def build():
    return "create table items"
