; Identifiers that refer to a binding (@ref), and the identifier positions that do not
; (@skip: attribute names, keyword names, definition and parameter names, import clauses).
; The extractor keeps every @ref whose position is not also a @skip.
(attribute attribute: (identifier) @skip)
(keyword_argument name: (identifier) @skip)
(function_definition name: (identifier) @skip)
(class_definition name: (identifier) @skip)
(parameters (identifier) @skip)
(lambda_parameters (identifier) @skip)
(default_parameter name: (identifier) @skip)
(typed_parameter (identifier) @skip)
(typed_default_parameter name: (identifier) @skip)
(list_splat_pattern (identifier) @skip)
(dictionary_splat_pattern (identifier) @skip)
(import_statement (dotted_name (identifier) @skip))
(import_statement (aliased_import (dotted_name (identifier) @skip)))
(import_statement (aliased_import alias: (identifier) @skip))
(import_from_statement (dotted_name (identifier) @skip))
(import_from_statement (relative_import (dotted_name (identifier) @skip)))
(import_from_statement (aliased_import (dotted_name (identifier) @skip)))
(import_from_statement (aliased_import alias: (identifier) @skip))
(future_import_statement (dotted_name (identifier) @skip))
(identifier) @ref
