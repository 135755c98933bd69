# SPDX-License-Identifier: GPL-2.0-or-later
# resets.py LIVE.json PREDICTED.json - the reset methods predicted without reset_method (the
# text of each reset_available check of the second audit) are the kernel's (the evidence of
# the first): the kernel as the referee. Prints the differences.
import json, sys
real = {c["subject"]: c["evidence"][0].split(": ", 1)[1] for c in json.load(open(sys.argv[1]))["checks"]
        if c["id"] == "reset_available"}
pred = {}
for c in json.load(open(sys.argv[2]))["checks"]:
    if c["id"] == "reset_available":
        t = c["text"]
        pred[c["subject"]] = t.split("offer ", 1)[1].split(";")[0] if "offer " in t else "absent (no method)"
bad = [(k, real[k], pred.get(k)) for k in real if real[k] != pred.get(k)]
print(bad)
sys.exit(0 if real and not bad else 1)
