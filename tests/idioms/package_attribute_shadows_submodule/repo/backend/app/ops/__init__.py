def delete(name: str) -> None:
    """The package's own delete: `from app.ops import delete` gets this, not ops/delete.py."""
    print("deleting", name)
