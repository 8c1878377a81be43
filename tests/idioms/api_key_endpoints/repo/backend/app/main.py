from fastapi import Depends, FastAPI, Security

from app.auth import current_user, validate_api_key

app = FastAPI()


@app.get("/api/agents")
def list_agents(user=Depends(current_user)):
    return []


@app.post("/v1/agent/{agent_id}/run")
def run_agent(agent_id: int, api_key: str = Security(validate_api_key)):
    return {"agent": agent_id}


@app.delete("/api/agents/{agent_id}")
def delete_agent(agent_id: int, user=Depends(current_user)):
    return None
