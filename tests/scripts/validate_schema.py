#!/usr/bin/env python3
# Validates YAML files against a JSON Schema (draft-07) as the YAML language
# server would: the files read with YAML 1.2's core schema (only true/false
# are booleans; 1e-3 is a number), the schema checked first. Prints one line
# per error (at most 3 a file) and "N valid, M invalid"; exits 1 when any is
# invalid, 3 when jsonschema or PyYAML is missing. Used by tests/test_params.c.
#   validate_schema.py SCHEMA.json FILE.yaml...
import json, re, sys
try:
    import jsonschema, yaml
except ImportError as e:
    print(f"validate_schema: {e} (pip's jsonschema and PyYAML, or Debian's python3-jsonschema and python3-yaml)")
    sys.exit(3)
class Loader(yaml.SafeLoader): pass
# YAML 1.2 core schema, as the YAML language server reads a file: true/false
# only as booleans, 1e-3 as a number, no timestamps (run.start_date is a string)
Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:timestamp')] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))
Loader.add_implicit_resolver('tag:yaml.org,2002:int', re.compile(r'^[-+]?[0-9]+$'), list('-+0123456789'))
Loader.add_implicit_resolver('tag:yaml.org,2002:float', re.compile(r'^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$'), list('-+.0123456789'))
schema = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
bad = 0
for f in sys.argv[2:]:
    doc = yaml.load(open(f), Loader=Loader)
    errs = list(v.iter_errors(doc))
    for e in errs[:3]:
        print(f"{f}: {'.'.join(map(str, e.path))}: {e.message}")
    bad += bool(errs)
print(f"{len(sys.argv) - 2 - bad} valid, {bad} invalid")
sys.exit(1 if bad else 0)
