"""deadcode: plans the safe removal of dead code in FastAPI + React TSX monorepos."""

__version__ = "0.1.0"
