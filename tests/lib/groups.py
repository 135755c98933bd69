# SPDX-License-Identifier: GPL-2.0-or-later
# groups.py - print a `groups --json` document as the kernel's listing: "group N BDF" lines.
import json
import sys

doc = json.load(open(sys.argv[1]))
for g in doc["groups"]:
    for dev in g["devices"]:
        print(f"group {g['group']} {dev['address']}")
