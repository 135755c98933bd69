# SPDX-License-Identifier: GPL-2.0-or-later
"""findings.py REGISTRY.json SRCDIR DOC.json...: the finding registry (--list-findings -J) is
the single source: each view's man page documents exactly its codes, the JSON schema's finding
enums hold exactly them, and every finding in the documents DOC.json has a registered code,
its registered severity and a code of the view that printed it. One "ok"/"not ok" line each."""
import json
import re
import sys

reg = {f["code"]: f for f in json.load(open(sys.argv[1]))["findings"]}
src = sys.argv[2]
docs = sys.argv[3:]
failed = 0


def check(ok, what):
    global failed
    failed += not ok
    print(("ok " if ok else "not ok ") + what)


for view in sorted({f["view"] for f in reg.values()}):
    codes = {c for c, f in reg.items() if f["view"] == view}
    page = open("%s/man/iso-check-%s.8.scd" % (src, view)).read()
    section = page.split("# FINDINGS", 1)[-1] if view != "groups" else page
    documented = set(re.findall(r"^\*([a-z0-9_]+)\*(?:, \*([a-z0-9_]+)\*)?", section, re.M))
    documented = {c for pair in documented for c in pair if c}
    missing = sorted(codes - documented)
    check(not missing, "iso-check-%s(8) documents every %s finding%s" % (view, view,
          ": missing " + ", ".join(missing) if missing else ""))

import glob
schemas = [json.load(open(p)) for p in sorted(glob.glob("%s/data/schemas/*.schema.json" % src))]
enums = []


def walk(o):
    if isinstance(o, dict):
        p = o.get("properties")
        if isinstance(p, dict) and "severity" in p and "enum" in p.get("code", {}):
            enums.append(set(p["code"]["enum"]))
        for v in o.values():
            walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)


walk(schemas)
views = {"groups": {c for c, f in reg.items() if f["view"] == "groups"},
         "mmio": {c for c, f in reg.items() if f["view"] in ("bridges", "bars")},
         "sriov": {c for c, f in reg.items() if f["view"] == "sriov"}}
for name, codes in views.items():
    check(codes in enums, "the schema's %s finding enum is the registry's" % name)

seen = set()
for path in docs:
    d = json.load(open(path))
    view = d.get("_view")
    for f in d.get("findings", []):
        r = reg.get(f["code"])
        seen.add(f["code"])
        if not r or r["severity"] != f.get("severity"):
            check(False, "%s: finding %s (%s) is registered with that severity" %
                  (path, f["code"], f.get("severity")))
check(True, "%d documents: every finding registered, with its severity (%d codes seen: %s)"
      % (len(docs), len(seen), " ".join(sorted(seen))))
sys.exit(1 if failed else 0)
