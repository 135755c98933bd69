# SPDX-License-Identifier: GPL-2.0-or-later
# pe-numbers.py TREE JSON - the kernel as referee for PowerNV PE numbers: JSON is `groups
# --predict --json` over TREE with the kernel's groups and every eeh_pe_config_addr removed.
# Every function's predicted PE must be the one the kernel gave it (TREE's eeh_pe_config_addr),
# and every predicted group's name the kernel's name of its members' group (domainD-peN).
# Prints what differs; exit 0 when nothing does and there was something to compare.
import json
import os
import sys

tree, doc = sys.argv[1], json.load(open(sys.argv[2]))
devs = os.path.join(tree, "sys/bus/pci/devices")
bad = compared = 0


def kernel_pe(addr):
    try:
        return open(os.path.join(devs, addr, "eeh_pe_config_addr")).read().strip()
    except OSError:
        return None


def kernel_group_name(addr):
    link = os.path.join(devs, addr, "iommu_group")
    try:
        return open(os.path.join(os.path.realpath(link), "name")).read().strip()
    except OSError:
        return None


for dev in [d for g in doc["groups"] for d in g["devices"]] + doc["ungrouped"]:
    want = kernel_pe(dev["address"])
    if want is None:
        continue
    compared += 1
    got = dev["prediction"]["pe"]
    if got is None or int(got, 16) != int(want, 16):
        bad += 1
        print(f"{dev['address']}: predicted PE {got}, the kernel's {want}")
for g in doc["groups"]:
    names = {kernel_group_name(d["address"]) for d in g["devices"]} - {None}
    if names and names != {g["name"]}:
        bad += 1
        print(f"predicted group {g['group']}: name {g['name']}, the kernel's {sorted(names)}")
print(f"{compared} functions compared, {bad} differences")
sys.exit(0 if compared and not bad else 1)
