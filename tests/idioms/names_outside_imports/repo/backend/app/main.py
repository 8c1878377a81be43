from importlib import import_module

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from app.encoding import encode
from app.registry import STORE_CLASSES
from app.textutil import title_name

app = FastAPI()
templates = Jinja2Templates(directory="app/templates")


def load_store(kind: str):
    module_name, _, class_name = STORE_CLASSES[kind].rpartition(".")
    cls = getattr(import_module(module_name), class_name)
    config_cls = getattr(import_module(module_name), f"{class_name}Config")
    return cls(config_cls())


@app.get("/")
def index(request):
    store = encode(load_store("redis"))
    return templates.TemplateResponse(request, "index.html", {"store": store, "title": title_name("x")})
