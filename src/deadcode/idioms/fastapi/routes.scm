; Route decorators: @owner.get("/x") ... on a function (one match per decorator).
(decorated_definition
  (decorator
    (call
      function: (attribute object: (_) @owner attribute: (identifier) @method)
      arguments: (argument_list) @args) @route)
  definition: (function_definition name: (identifier) @handler)
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "trace"
    "api_route" "websocket" "websocket_route")) @decorated

; app.include_router(child, prefix=...), owner.add_api_route(path, handler, methods=[...]),
; app.mount("/v1", sub_app)
(call
  function: (attribute object: (_) @owner attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "include_router" "add_api_route" "add_api_websocket_route" "mount")) @call

; app = FastAPI(...), router = APIRouter(...), self.router = APIRouter() (also fastapi.FastAPI,
; annotated and chained assignments)
(assignment
  left: [(identifier) (attribute)] @var
  right: (call function: [(identifier) (attribute)] @ctor arguments: (argument_list) @args)
  (#match? @ctor "(^|[.])(FastAPI|APIRouter)$")) @construct

; register_routes(app), ee.extend_main(app=app): an app or router handed to a helper
(call
  function: [(identifier) (attribute)] @hcallee
  arguments: (argument_list [(identifier) (attribute) (keyword_argument value: [(identifier) (attribute)])] @harg)
  (#match? @harg "(?i)(app|router|api|application)$")) @handoff

; secrets = VaultRouter(...), app = create_app(), self.streams = StreamsRouter(...)
(assignment
  left: [(identifier) (attribute)] @atarget
  right: (call function: [(identifier) (attribute)] @acallee)
  (#match? @atarget "(?i)(app|api|rout)")) @assign
(assignment
  left: [(identifier) (attribute)] @atarget
  right: (call function: [(identifier) (attribute)] @acallee)
  (#match? @acallee "(?i)(app|api|rout)")) @assign

; return router / return app: what a factory gives back
(return_statement
  [(identifier) (attribute)] @ret
  (#match? @ret "(?i)(app|api|rout)")) @return
