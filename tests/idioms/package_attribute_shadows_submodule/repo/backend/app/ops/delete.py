def delete(name: str) -> None:
    raise NotImplementedError
