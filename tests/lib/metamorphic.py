# SPDX-License-Identifier: GPL-2.0-or-later
"""metamorphic.py SHALLOW.json FULL.json: `groups --predict --json` of a shallow view of a
machine (config cut to 64 bytes, a dump cut to 256) and of the full view of the same machine.
A certain answer must not change when more is shown: every function in a predicted group that
the shallow run does not call uncertain has exactly the same group-mates in the full run.
Prints one line per violation and the number of certain functions checked; exits 1 on any."""
import json
import sys


def mates(doc):
    """address -> (frozenset of group-mates, certain?) for the functions in predicted groups"""
    out = {}
    for g in doc["groups"]:
        members = frozenset(x["address"] for x in g["devices"])
        for x in g["devices"]:
            p = x.get("prediction") or {}
            out[x["address"]] = (members, not p.get("uncertain", False))
    return out


shallow, full = (mates(json.load(open(f))) for f in sys.argv[1:3])
bad = checked = 0
for addr, (group, certain) in sorted(shallow.items()):
    if not certain:
        continue
    checked += 1
    other = full.get(addr, (frozenset(), False))[0]
    if group != other:
        bad += 1
        print("%s: certain with %s from the shallow view, with %s from the full one"
              % (addr, sorted(group - {addr}), sorted(other - {addr})))
print("certain functions checked: %d" % checked)
sys.exit(1 if bad else 0)
