from app.api.router import router


@router.get("/legacy/report")
def legacy_report():
    return {}
