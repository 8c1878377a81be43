from fastapi import APIRouter

router = APIRouter()


@router.get("/conversations/{cid}/git/changes")
def git_changes():
    return {}


@router.get("/conversations/{cid}/git/diff")
def git_diff():
    return {}


@router.get("/vscode/url")
def vscode_url():
    return {}


@router.get("/conversations/{cid}/trajectory")
def trajectory():
    return {}
