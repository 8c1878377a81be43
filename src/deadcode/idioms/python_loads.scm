; Calls that may load modules by name or by place (idioms/python_loads.py decides which).
(call
  function: [(identifier) (attribute)] @fn
  arguments: (argument_list) @args) @call
