# SPDX-License-Identifier: GPL-2.0-or-later
# validate.py - validate JSON documents against a JSON Schema (python3-jsonschema).
# usage: validate.py SCHEMA FILE...; prints one line per invalid file, exits 1 if any.
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema)
validator.check_schema(schema)
bad = 0
for path in sys.argv[2:]:
    errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    bad += bool(errors)
sys.exit(1 if bad else 0)
