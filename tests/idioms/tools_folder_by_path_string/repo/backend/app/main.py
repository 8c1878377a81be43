from fastapi import FastAPI

from app.tool_builder import build_tool

app = FastAPI()


@app.post("/api/tools/{name}")
def run_tool(name: str):
    return build_tool(name, f"{name}_tool", name.title() + "Tool").name
