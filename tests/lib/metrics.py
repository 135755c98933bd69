# SPDX-License-Identifier: GPL-2.0-or-later
# metrics.py - check `iso-check metrics` of a recorded tree against what the kernel recorded
# and against the audit of the same tree: every family named iso_check_* with HELP and TYPE
# before its samples; the groups counted are the kernel's (its "group N BDF" listing); the
# functions by state add up to the tree's functions, the VFs to its virtfn links; the audit
# counts are those of `audit --json`.
# usage: metrics.py METRICS KERNEL_GROUPS TREE AUDIT.json; prints what differs, exits 1.
import collections
import json
import math
import os
import re
import sys

metrics_path, groups_path, tree, audit_path = sys.argv[1:5]
bad = []
samples = collections.defaultdict(dict)  # family -> {labels: value}
helped, typed = set(), {}
sample_re = re.compile(r'^([a-z_:][a-z0-9_:]*)(\{(.*)\})? (\S+)$')
for n, line in enumerate(open(metrics_path), 1):
    line = line.rstrip("\n")
    if line.startswith("# HELP "):
        helped.add(line.split()[2])
        continue
    if line.startswith("# TYPE "):
        typed[line.split()[2]] = line.split()[3]
        continue
    m = sample_re.match(line)
    if not m:
        bad.append("line %d does not parse: %s" % (n, line))
        continue
    name, labels, value = m.group(1), m.group(3) or "", m.group(4)
    family = re.sub(r"_(bucket|sum|count)$", "", name) if re.sub(r"_(bucket|sum|count)$", "", name) in typed else name
    if not name.startswith("iso_check_"):
        bad.append("%s: not prefixed iso_check_" % name)
    if family not in helped or family not in typed:
        bad.append("%s: a sample before its HELP and TYPE" % name)
    key = (name,) + tuple(sorted(re.findall(r'([a-z_]+)="((?:[^"\\]|\\.)*)"', labels)))
    samples[family][key] = float(value)


def value(name, **labels):
    """The value of the sample NAME (a family's, or a histogram's _count) with LABELS."""
    for family in samples.values():
        for key, v in family.items():
            if key[0] == name and dict(key[1:]) == labels:
                return v
    return None


def total(family):
    return sum(v for v in samples[family].values() if not math.isnan(v))


kernel_groups = {line.split()[1] for line in open(groups_path) if line.startswith("group ")}
if total("iso_check_groups") != len(kernel_groups):
    bad.append("iso_check_groups adds up to %d, the kernel formed %d" % (total("iso_check_groups"), len(kernel_groups)))
if value("iso_check_iommu_enabled") != (1 if kernel_groups else value("iso_check_iommu_enabled")):
    bad.append("groups, but iso_check_iommu_enabled is not 1")
if value("iso_check_group_size_count") != len(kernel_groups):
    bad.append("iso_check_group_size_count differs from the kernel's groups")
devices = os.listdir(os.path.join(tree, "sys/bus/pci/devices"))
if value("iso_check_pci_functions") != len(devices):
    bad.append("iso_check_pci_functions %s, the tree has %d" % (value("iso_check_pci_functions"), len(devices)))
if total("iso_check_functions") != len(devices):
    bad.append("iso_check_functions adds up to %d of %d functions" % (total("iso_check_functions"), len(devices)))
vfs = sum(os.path.lexists(os.path.join(tree, "sys/bus/pci/devices", d, "physfn")) for d in devices)
if value("iso_check_sriov_vfs") != vfs:
    bad.append("iso_check_sriov_vfs %s, the tree has %d VFs" % (value("iso_check_sriov_vfs"), vfs))
audit = json.load(open(audit_path))
counts = collections.Counter((c["id"], c["verdict"]) for c in audit["checks"])
for key, v in samples["iso_check_audit_checks"].items():
    labels = dict(key[1:])
    if counts[(labels["check"], labels["verdict"])] != v:
        bad.append("iso_check_audit_checks%s %s, audit --json has %d" % (labels, v, counts[(labels["check"], labels["verdict"])]))
if sum(counts.values()) != total("iso_check_audit_checks"):
    bad.append("audit checks missing from iso_check_audit_checks")
for b in bad[:10]:
    print("%s: %s" % (metrics_path, b))
sys.exit(1 if bad else 0)
