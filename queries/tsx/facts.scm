; Candidate nodes for the TypeScript/TSX facts extractor (src/deadcode/facts/typescript.py).
; One query, so one traversal of the tree: each capture name says what the node is a candidate
; for; the extractor checks structure in Python. queries/typescript/facts.scm is this file
; without the JSX patterns (the typescript grammar has no JSX nodes).

; module-level import / export statements
(program (import_statement) @import)
(program (export_statement) @export)

; every call: import(), require(), lazy(), HTTP clients, SWR/React Query keys, page.goto,
; React Router v7 route()/index()/layout()/prefix(), createBrowserRouter(...)
(call_expression) @call

; new URL("./worker.ts", import.meta.url), new EventSource("/api/stream"), new WebSocket(url)
(new_expression
  constructor: (identifier) @_ctor
  (#any-of? @_ctor "URL" "EventSource" "WebSocket")) @new

; references (identifiers used, JSX names, type references, shorthand properties)
[(identifier) (type_identifier) (shorthand_property_identifier)] @id
; names declared by `const/let/var x = ...` anywhere: only these can be local bindings with a
; value (the extractor looks no further for a callee named otherwise)
(variable_declarator name: (identifier) @decl)
; return statements, and the nodes whose returns are their own (functions, classes): the
; returns of a function are found among these, not by walking its body
(return_statement) @return
[(arrow_function) (function_expression) (function_declaration) (generator_function)
 (generator_function_declaration) (method_definition) (class_declaration)] @scope
; `export { a as b }`: b is an exported name, not a reference
(export_specifier alias: (_) @export_alias)

; import.meta.env.X, process.env.X, process.env["X"]; also the atoms of dev-only tests
; (import.meta.env.DEV, process.env.NODE_ENV): the extractor climbs from them to the if/?:/&&.
; Patterns constrain only leading children: a field after a deep child (like the operator of a
; binary_expression) keeps a pending match per nesting level, quadratic on generated code.
; The `env` of `<base>.env`: the extractor reads the base and the access around it (`.X`,
; `["X"]`, `const { X } = ...`). (member_expression object: (member_expression ...)) would be
; quadratic on long member chains.
((property_identifier) @env (#eq? @env "env"))

; object properties that make an object a route (path/index) or an OpenAPI request (url), and
; the fetchers of data-hook libraries (SWRConfig fetcher, QueryClient default queryFn)
(pair
  key: [(property_identifier) (string)] @_key
  (#any-of? @_key "path" "index" "url" "\"path\"" "'path'" "\"url\"" "'url'" "fetcher" "queryFn")) @pair

; `axios.defaults.baseURL = ...`: the extractor climbs to the assignment
((property_identifier) @base_url (#eq? @base_url "baseURL"))

; JSX elements: component references and <Route> declarations
[(jsx_opening_element) (jsx_self_closing_element)] @jsx
