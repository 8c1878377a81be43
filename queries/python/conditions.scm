; `if` statements: their tests guard the facts inside their branches (elif/else included).
(if_statement) @if
