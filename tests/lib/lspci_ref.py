# SPDX-License-Identifier: GPL-2.0-or-later
# lspci_ref.py LSPCI_VV BRIDGES_JSON BARS_JSON - pciutils as a second referee: every bridge
# window and every BAR that `lspci -D -vv` prints must be what `bridges --json` and
# `bars --json` say. Prints one line per disagreement; exits 1 if any, 2 if nothing compared.
import json
import re
import sys

UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def size(text):
    m = re.fullmatch(r"(\d+)([KMGT]?)", text)
    return int(m.group(1)) * UNITS[m.group(2)]


lspci = {}
dev = None
for line in open(sys.argv[1]):
    m = re.match(r"^([0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]) ", line)
    if m:
        dev = lspci.setdefault(m.group(1), {"windows": {}, "regions": {}})
        continue
    if dev is None or not line.startswith("\t") or line.startswith("\t\t"):
        continue
    m = re.match(r"\t(I/O|Memory|Prefetchable memory) behind bridge: (.*)", line)
    if m:
        kind = {"I/O": "io", "Memory": "memory", "Prefetchable memory": "prefetchable"}[m.group(1)]
        r = re.match(r"([0-9a-f]+)-([0-9a-f]+)", m.group(2))
        dev["windows"][kind] = (int(r.group(1), 16), int(r.group(2), 16)) if r else None
        continue
    m = re.match(r"\tRegion (\d): (?:Memory at|I/O ports at) ([0-9a-f]+) .*\[size=(\w+)\]", line)
    if m and "[virtual]" not in line:
        dev["regions"][f"bar{m.group(1)}"] = (int(m.group(2), 16), size(m.group(3)))

bridges = {b["address"]: b for b in json.load(open(sys.argv[2]))["bridges"]}
bars = {(b["address"], b["resource"]): b for b in json.load(open(sys.argv[3]))["bars"]}
bad = compared = 0
for addr, d in sorted(lspci.items()):
    for kind, want in d["windows"].items():
        bw = bridges[addr]["windows"][kind] if addr in bridges else None
        if bw and bw.get("config_bus_address"):
            continue  # lspci prints CPU addresses; iso-check could not translate this one
        w = bw["config"] if bw else None
        got = (int(w["base"], 16), int(w["limit"], 16)) if w and w["state"] == "open" else None
        compared += 1
        if got != want:
            bad += 1
            print(f"{addr} {kind} window: lspci {want}, iso-check {got}")
    for res, (start, sz) in d["regions"].items():
        b = bars.get((addr, res))
        got = (int(b["start"], 16), int(b["size"], 16)) if b and b["assigned"] else None
        compared += 1
        if got != (start, sz):
            bad += 1
            print(f"{addr} {res}: lspci {(start, sz)}, iso-check {got}")
sys.exit(1 if bad else 0 if compared else 2)
