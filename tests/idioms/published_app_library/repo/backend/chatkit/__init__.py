from chatkit.message import Message

__all__ = ["Message"]
