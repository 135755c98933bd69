# SPDX-License-Identifier: GPL-2.0-or-later
# jsonl.py - check `VIEW --jsonl` against `VIEW --json` of the same tree: every line parses,
# carries the envelope (schema_version, host, view, record) that iso-check-jsonl.schema.json
# asks for, and the lines put back together are exactly the JSON document.
# usage: jsonl.py SCHEMA_DIR VIEW ROWS_KEY LINES.jsonl DOC.json; prints what differs, exits 1.
import json
import os
import sys

import jsonschema

schema_dir, view, rows_key, lines_path, doc_path = sys.argv[1:6]
store = {}
for name in os.listdir(schema_dir):
    if name.endswith(".schema.json"):
        s = json.load(open(os.path.join(schema_dir, name)))
        store[s["$id"]] = s
line_schema = store["https://iso-check.invalid/schemas/iso-check-jsonl.schema.json"]
try:
    import referencing
    import referencing.jsonschema

    registry = referencing.Registry().with_resources(
        (i, referencing.jsonschema.DRAFT202012.create_resource(s)) for i, s in store.items())
    validator = jsonschema.Draft202012Validator(line_schema, registry=registry)
except ImportError:  # Debian 12's jsonschema 4.10
    validator = jsonschema.Draft202012Validator(
        line_schema, resolver=jsonschema.RefResolver.from_schema(line_schema, store=store))

doc = json.load(open(doc_path))
envelope = ("schema_version", "host", "view", "record")
rebuilt, arrays, host = {"schema_version": 2}, {}, None
bad = []
for n, text in enumerate(open(lines_path), 1):
    line = json.loads(text)  # a line that does not parse fails the test here
    for e in validator.iter_errors(line):
        bad.append("line %d: %s" % (n, e.message))
    if line.get("view") != view:
        bad.append("line %d: view %r, not %r" % (n, line.get("view"), view))
    if n == 1:
        host = line.get("host")
        if line.get("record") != "summary":
            bad.append("line 1 is not the summary")
    elif line.get("host") != host:
        bad.append("line %d: another host" % n)
    fields = {k: v for k, v in line.items() if k not in envelope}
    record = line.get("record")
    if record == "summary":
        rebuilt.update(fields)
    else:
        key = {"row": rows_key, "ungrouped": "ungrouped", "finding": "findings"}[record]
        arrays.setdefault(key, []).append(fields)
if host != doc["source"]["host"]:
    bad.append("host %r, the document says %r" % (host, doc["source"]["host"]))
for key in (rows_key, "ungrouped", "findings"):
    if key in doc:
        rebuilt[key] = arrays.get(key, [])
if rebuilt != doc:
    bad.append("the lines put together differ from the --json document: keys %s" %
               sorted(k for k in set(rebuilt) | set(doc) if rebuilt.get(k) != doc.get(k)))
for b in bad[:10]:
    print("%s: %s" % (lines_path, b))
sys.exit(1 if bad else 0)
