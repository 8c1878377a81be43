from fastapi import Header, HTTPException


def validate_api_key(x_api_key: str = Header(...)):
    if not x_api_key:
        raise HTTPException(status_code=401)
    return x_api_key


def current_user(authorization: str = Header(...)):
    return authorization
