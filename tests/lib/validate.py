# SPDX-License-Identifier: GPL-2.0-or-later
# validate.py - validate JSON documents against iso-check's JSON Schemas (python3-jsonschema);
# the schemas beside one (data/schemas/) resolve its cross-file $refs.
# usage: validate.py SCHEMA|DIR FILE...; with DIR, each document is validated against the
# schema of its kind (its one top-level key: groups, bridges, ..., error). Prints one line per
# invalid file, exits 1 if any.
import glob
import json
import os
import sys

import jsonschema

arg = os.path.abspath(sys.argv[1])
schema_dir = arg if os.path.isdir(arg) else os.path.dirname(arg)
KINDS = [("groups", "groups"), ("isolate", "isolate"), ("bridges", "bridges"), ("bars", "bars"),
         ("snapshot", "snapshot"), ("pfs", "sriov"), ("checks", "audit"), ("changes", "diff"), ("columns", "columns"), ("error", "groups")]
store = {}
for path in glob.glob(os.path.join(schema_dir, "*.schema.json")):
    s = json.load(open(path))
    jsonschema.Draft202012Validator.check_schema(s)
    store[s["$id"]] = s


def validator_for(schema):
    try:
        import referencing
        import referencing.jsonschema

        registry = referencing.Registry().with_resources(
            (i, referencing.jsonschema.DRAFT202012.create_resource(s)) for i, s in store.items())
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:  # older jsonschema (Debian 12's 4.10): the RefResolver store
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


def schema_of(doc):
    if not os.path.isdir(arg):
        return json.load(open(arg))
    for key, kind in KINDS:
        if isinstance(doc, dict) and key in doc:
            return json.load(open(os.path.join(schema_dir, "iso-check-%s.schema.json" % kind)))
    return {"not": {}, "description": "no document kind: none of its keys names one"}


bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    errors = sorted(validator_for(schema_of(doc)).iter_errors(doc), key=lambda e: list(e.path))
    for e in errors:
        print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    bad += bool(errors)
sys.exit(1 if bad else 0)
