; Attribute reads whose receiver may be a settings object (`settings.X` with a plain name as
; receiver is found from the identifier references instead: no query run over every attribute).
(attribute
  object: (attribute attribute: (identifier) @recv)
  attribute: (identifier) @name
  (#match? @recv "(?i)(settings|config)$")) @read

(attribute
  object: (call function: [(identifier) @recv (attribute attribute: (identifier) @recv)])
  attribute: (identifier) @name) @callread

; getattr(settings, "X")
(call
  function: (identifier) @_fn
  arguments: (argument_list . (identifier) @recv . (string) @name)
  (#eq? @_fn "getattr")) @getattr

; parameters typed with a settings class: def f(cfg: Settings) (one pattern: the extractor
; dispatches on pattern index)
[
  (typed_parameter (identifier) @param type: (type) @type)
  (typed_default_parameter name: (identifier) @param type: (type) @type)
]

; parameters injected with a settings provider: def f(s=Depends(get_settings))
(default_parameter
  name: (identifier) @param
  value: (call
    function: (identifier) @_depends
    arguments: (argument_list . [(identifier) (attribute)] @provider))
  (#eq? @_depends "Depends"))

; assignment targets: `settings.X = 1` and `os.environ["X"] = "1"` write, they do not read
(assignment left: [(attribute) (subscript)] @store)

; cfg = get_settings() / config = load_config(): the variable holds a settings object
(assignment
  left: (identifier) @var
  right: (call function: [(identifier) (attribute attribute: (identifier))] @fn)
  (#match? @fn "(?i)(settings|config)")) @assigned
