; Route decorators: @owner.get("/x") ... on a function (one match per decorator).
(decorated_definition
  (decorator
    (call
      function: (attribute object: (_) @owner attribute: (identifier) @method)
      arguments: (argument_list) @args) @route)
  definition: (function_definition name: (identifier) @handler)
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "trace"
    "api_route" "websocket" "websocket_route")) @decorated

; app.include_router(child, prefix=...), owner.add_api_route(path, handler, methods=[...])
(call
  function: (attribute object: (_) @owner attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "include_router" "add_api_route" "add_api_websocket_route")) @call

; app = FastAPI(...), router = APIRouter(...) (also fastapi.FastAPI, annotated assignments)
(assignment
  left: (identifier) @var
  right: (call function: [(identifier) (attribute)] @ctor arguments: (argument_list) @args)
  (#match? @ctor "(^|[.])(FastAPI|APIRouter)$")) @construct
