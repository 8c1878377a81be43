from {{cookiecutter.package}}.util import x
