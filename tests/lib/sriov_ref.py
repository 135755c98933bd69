# SPDX-License-Identifier: GPL-2.0-or-later
"""sriov_ref.py TREE SRIOV.json: the kernel as referee for `iso-check sriov --json` on the
tree it recorded: per PF, sriov_numvfs and sriov_totalvfs, the virtfnN links (each VF's
number and address), each VF's iommu_group link, routing IDs where offset and stride put
them, and VFs that share a group (with their PF or each other) giving "shared" and
"not_isolated". Prints "# what differs" lines; exits 1 if anything does."""
import json, os, re, sys
tree, doc = sys.argv[1], json.load(open(sys.argv[2]))
devs = os.path.join(tree, "sys/bus/pci/devices")
bad = []
seen = set()
for name in sorted(os.listdir(devs)):
    d = os.path.join(devs, name)
    if not os.path.exists(os.path.join(d, "sriov_totalvfs")):
        continue
    seen.add(name)
    pf = [p for p in doc["pfs"] if p["address"] == name]
    if len(pf) != 1:
        bad.append("%s: not listed once" % name)
        continue
    pf = pf[0]
    num = int(open(os.path.join(d, "sriov_numvfs")).read())
    if pf["num_vfs"] != num:
        bad.append("%s: num_vfs %s, sysfs %d" % (name, pf["num_vfs"], num))
    if pf["total_vfs"] < int(open(os.path.join(d, "sriov_totalvfs")).read()):
        bad.append("%s: total_vfs below sriov_totalvfs" % name)
    links = sorted((int(l[6:]), os.path.basename(os.readlink(os.path.join(d, l))))
                   for l in os.listdir(d) if re.fullmatch(r"virtfn\d+", l))
    got = [(v["vf_id"], v["address"]) for v in pf["vfs"]]
    if got != links:
        bad.append("%s: vfs %s, links %s" % (name, got, links))
    for v in pf["vfs"]:
        g = os.path.join(devs, v["address"], "iommu_group")
        want = int(os.path.basename(os.readlink(g))) if os.path.lexists(g) else None
        if v["group"] != want:
            bad.append("%s: group %s, the kernel's %s" % (v["address"], v["group"], want))
        if v["rid_ok"] is not True:
            bad.append("%s: routing ID not where offset and stride put it" % v["address"])
    groups = [v["group"] for v in pf["vfs"]]
    if pf["vfs"] and None not in groups and pf["group"] is not None:
        shared = pf["group"] in groups or len(set(groups)) < len(groups)
        if shared != (pf["vf_groups"] == "shared"):
            bad.append("%s: vf_groups %s, the kernel's groups say %s" % (name, pf["vf_groups"], shared))
        if shared and pf["isolation"]["verdict"] != "not_isolated":
            bad.append("%s: VFs share a group, yet %s" % (name, pf["isolation"]["verdict"]))
if {p["address"] for p in doc["pfs"]} != seen:
    bad.append("PFs listed that sysfs does not have")
print("\n".join("# " + b for b in bad))
sys.exit(1 if bad else 0)
