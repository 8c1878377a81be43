; HTTP client calls: requests.get(url), client.post(f"/x/{id}"), httpx.request("GET", url).
(call
  function: (attribute attribute: (identifier) @method) @callee
  arguments: (argument_list) @args
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "request"
    "websocket_connect")) @http

; Environment reads: os.getenv("X"), getenv("X"), os.environ.get("X"), os.environ["X"].
(call
  function: (attribute object: (_) @recv attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @key)
  (#any-of? @_fn "getenv" "get")
  (#match? @recv "^(os|(os[.])?environ)$")) @env

(call
  function: (identifier) @_fn
  arguments: (argument_list . (string) @key)
  (#eq? @_fn "getenv")) @env

(subscript
  value: [(identifier) (attribute)] @recv
  subscript: (string) @key
  (#match? @recv "^(os[.])?environ$")) @env

; decorator calls (@router.get("/x")) declare routes: not HTTP calls
(decorator (call) @decorator_call)
