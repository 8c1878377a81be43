; Every import form. Dynamic imports need a plain string literal as first argument;
; the extractor rejects f-strings (they parse as `string` too).
(import_statement) @import

(import_from_statement) @from

(call
  function: (attribute attribute: (identifier) @_fn)
  arguments: (argument_list . (string) @module)
  (#eq? @_fn "import_module")) @dynamic

(call
  function: (identifier) @_fn
  arguments: (argument_list . (string) @module)
  (#any-of? @_fn "__import__" "import_module")) @dynamic
