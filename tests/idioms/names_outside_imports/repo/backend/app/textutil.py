def title_name(name):
    return name.title()


def strip_name(name):
    return name.strip()


def upper_name(name):
    return name.upper()
