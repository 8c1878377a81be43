; Run on the body of a BaseSettings class only: the ways its own code reads its fields.
; self.X / cls.X in properties and validators
(attribute
  object: (identifier) @recv
  attribute: (identifier) @name
  (#any-of? @recv "self" "cls")) @read

; values["X"], info.data.get("X"), @field_validator("X"): a string naming a field
(subscript subscript: (string) @key) @read
(argument_list (string) @key) @read
