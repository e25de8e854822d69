"""Validates content files against the JSON Schemas `gids schema` wrote, with PyPI jsonschema.

Usage: validate.py SCHEMAS CONTENT FILE...
FILE is site.yml, <guide>/guide.yml or <guide>/<page>.md (relative to CONTENT). Prints one
line per file: `ok <file>` or `invalid <file>: <first error>`. YAML is read as YAML 1.2 core
(only true/false are booleans; dates stay text), as gids reads it.
"""
import json
import re
import sys

import jsonschema
import yaml


class Core12Loader(yaml.SafeLoader):
    pass


Core12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Core12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def front_matter(text):
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    return yaml.load(text[4:end], Loader=Core12Loader) or {}


def main():
    schemas, content, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    for name in files:
        text = open(content + "/" + name, encoding="utf-8").read()
        if name == "synoniemen.yml":
            schema, data = "synonyms.schema.json", yaml.load(text, Loader=Core12Loader)
        elif name == "site.yml":
            schema, data = "site.schema.json", yaml.load(text, Loader=Core12Loader)
        elif name.endswith("guide.yml"):
            schema, data = "guide.schema.json", yaml.load(text, Loader=Core12Loader)
        elif "/" not in name:
            schema, data = "page.schema.json", front_matter(text)
        else:
            schema, data = name.split("/")[0] + ".page.schema.json", front_matter(text)
        validator = jsonschema.Draft202012Validator(json.load(open(schemas + "/" + schema)))
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        if errors:
            print("invalid %s: %s" % (name, errors[0].message))
        else:
            print("ok %s" % name)


main()
