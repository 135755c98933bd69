# SPDX-License-Identifier: GPL-2.0-or-later
# bind-partition.py KERNEL.sorted PREDICTED.json - where groups form when a driver binds: over
# the functions the kernel grouped, the predicted partition is the kernel's (group numbers
# aside, since the kernel numbers in bind order), and no function the kernel left without a
# group is predicted into one with certainty. Prints what differs.
import json
import sys

kernel = {}
for line in open(sys.argv[1]):
    _, g, bdf = line.split()
    kernel[bdf] = g
pred = {}
certain_ungrouped = []
for g in json.load(open(sys.argv[2]))["groups"]:
    for d in g["devices"]:
        pred[d["address"]] = g["group"]
        if d["address"] not in kernel and not d["prediction"]["uncertain"]:
            certain_ungrouped.append(d["address"])
part = lambda m, keys: sorted(sorted(k for k in keys if m.get(k) == v) for v in {m.get(k) for k in keys})
a, b = part(kernel, kernel), part(pred, kernel)
if a != b or certain_ungrouped:
    print("kernel", a, "predicted", b, "certain but ungrouped", certain_ungrouped)
    sys.exit(1)
