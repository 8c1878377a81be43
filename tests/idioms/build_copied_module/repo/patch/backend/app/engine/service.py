from app.engine.index import get_client

CLIENT = get_client()
