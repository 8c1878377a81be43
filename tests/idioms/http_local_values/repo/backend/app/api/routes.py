from fastapi import APIRouter

router = APIRouter()


@router.post("/conversations/{cid}/submit-feedback")
def submit_feedback():
    return {}


@router.post("/logout")
def logout():
    return {}


@router.post("/unset-provider-tokens")
def unset_tokens():
    return {}


@router.put("/items/{item_id}")
def update_item():
    return {}


@router.post("/items")
def create_item():
    return {}


@router.delete("/items/{item_id}/archive")
def archive_item():
    return {}
