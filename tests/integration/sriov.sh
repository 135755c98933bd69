# SPDX-License-Identifier: GPL-2.0-or-later
# sriov.sh - iso-check sriov over the recorded trees, with the kernel as referee: every PF and
# VF agrees with sysfs (NumVFs, virtfnN links, each VF's group), routing IDs hold, the JSON
# validates; without root an answer is the same or unknown; page size and usage errors.
. "$IC_SRCDIR/tests/lib/common.sh"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$IC_SRCDIR/data/schemas" "$@"; }

# the kernel's view of a tree (tests/lib/sriov_ref.py)
referee() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/sriov_ref.py" "$@"; }

npf=0
for name in $(fixtures); do
	tree=$(unpack "$name")
	run --sysroot "$tree" sriov --json
	cp "$out" "$work/$name.json"
	check "$name: sriov --json exit 0, validates" sh -c "[ $rc -eq 0 ] && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/validate.py' '$IC_SRCDIR/data/schemas' '$work/$name.json'"
	check "$name: every PF and VF as sysfs has it, each VF in the kernel's group" referee "$tree" "$work/$name.json"
	n=$(jq_py 'print(len(d["pfs"]))')
	npf=$((npf + n))
	# 64 bytes of config (not root): every answer is the same, or unknown
	cut=$(unpack "$name" "$name-cut")
	find "$cut/sys/devices" -name config -type f -exec truncate -s 64 {} +
	run --sysroot "$cut" sriov --json
	check "$name: without root, each PF's answers are the full tree's or unknown" "$IC_PYTHON" -c '
import json, sys
full = {p["address"]: p for p in json.load(open(sys.argv[1]))["pfs"]}
cut = json.load(open(sys.argv[2]))["pfs"]
ok = len(cut) == len(full)
for p in cut:
    f = full[p["address"]]
    ok &= p["enable"]["max_num_vfs"] in (None, f["enable"]["max_num_vfs"])
    ok &= p["isolation"]["verdict"] in ("unknown", f["isolation"]["verdict"])
    ok &= p["vf_groups"] in ("unknown", f["vf_groups"])
sys.exit(0 if ok else 1)' "$work/$name.json" "$out"
done
check "the recorded trees hold SR-IOV PFs ($npf)" [ "$npf" -ge 3 ]

tree=$(unpack sriov-vfs)
run --sysroot "$tree" sriov
check "text: a tree of PFs and their VFs, page size, summary" sh -c \
	"[ $rc -eq 0 ] && grep -q '^0000:01:00.0 ' '$out' && grep -q '^[|\`]-0000:01:00.1 ' '$out' && grep -q '^Page size: ' '$out' && grep -q ' functions, [0-9]* findings\.$' '$out'"
run --sysroot "$tree" sriov -s 01:00.3 -o NAME,VF,GROUP
check "-s a VF: its PF and VFs" sh -c "[ $rc -eq 0 ] && grep -q '^0000:01:00.0' '$out' && ! grep -q '04:00.0' '$out'"
run --sysroot "$tree" sriov --page-size 64K --json
check "--page-size 64K: VF BARs below 64K cannot be enabled, said why" jq_py \
	'sys.exit(0 if any(r["code"] == "vf_bar_not_page_multiple" for p in d["pfs"] for r in p["enable"]["reasons"]) and all(p["enable"]["max_num_vfs"] in (0, None) for p in d["pfs"] if any(b["per_vf_size"] and int(b["per_vf_size"], 16) % 65536 for b in p["vf_bars"])) else 1)'
run --sysroot "$tree" --fail-on=fail sriov
check "--fail-on=fail: exit 7 exactly when a PF's VFs are not isolated" sh -c \
	"if grep -q not_isolated '$out'; then [ $rc -eq 7 ]; else [ $rc -eq 0 ]; fi"
# PowerNV (a tree given PE group names): VFs get PEs of their own whatever ACS says, and only
# 64-bit prefetchable VF BARs (M64) work. The nvme VF BARs are 64-bit, not prefetchable.
pnv=$(unpack sriov-vfs pnv)
pe_names "$pnv"
run --sysroot "$pnv" sriov --json
check "PowerNV PEs: VF BARs outside M64 (not 64-bit prefetchable) disable SR-IOV, said why" jq_py \
	'sys.exit(0 if d["pfs"] and all(p["enable"]["max_num_vfs"] == 0 and "vf_bar_not_m64" in [r["code"] for r in p["enable"]["reasons"]] for p in d["pfs"]) else 1)'
run --lspci-dump "$IC_SRCDIR/tests/fixtures/lspci/tree-asus-p6t6" sriov
check "--lspci-dump: a usage error that says why" sh -c "[ $rc -eq 2 ] && grep -q 'no sysfs view of SR-IOV' '$err'"
run --sysroot "$tree" sriov --page-size 3K
check "--page-size 3K: a usage error naming sriov" sh -c "[ $rc -eq 2 ] && grep -q 'iso-check sriov: --page-size 3K' '$err'"
finish
