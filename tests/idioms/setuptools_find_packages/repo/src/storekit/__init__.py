from storekit.store import Store

__all__ = ["Store"]
