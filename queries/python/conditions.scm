; `if` statements: their tests guard the facts inside their branches.
(if_statement) @if

; try blocks: imports in their body are optional when an except clause catches ImportError.
(try_statement) @try
