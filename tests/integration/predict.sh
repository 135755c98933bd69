# SPDX-License-Identifier: GPL-2.0-or-later
# predict.sh - `groups --predict`: from the topology alone the kernel's groups come out, numbers
# included; every disagreement is a finding with a likely cause; nothing unknown is guessed.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/iso-check-groups.schema.json"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
findings() { jq_py "print('\n'.join(f['code'] + ' ' + f['device'] + ' ' + f['cause'] for f in d['findings']))"; }

for name in $(fixtures); do
	[ -s "$IC_SRCDIR/tests/fixtures/$name.groups" ] || continue
	# The acceptance test: without the kernel's groups, the prediction is the kernel's.
	tree=$(unpack "$name" "$name-stripped")
	find "$tree/sys" -name iommu_group -type l -delete
	rm -rf "${tree:?}/sys/kernel/iommu_groups/"*
	run --sysroot "$tree" groups --predict --json
	check "$name without groups: exit 0" [ "$rc" -eq 0 ]
	kernel_listing | sort >"$work/got"
	check "$name without groups: predicted partition and numbers = $name.groups" \
		sh -c "sort '$IC_SRCDIR/tests/fixtures/$name.groups' | cmp -s - '$work/got'"
	cp "$out" "$work/$name-stripped.json"
	check "$name without groups: validates" validate "$work/$name-stripped.json"
	# With the kernel's groups: every predicted group matches one, no findings.
	tree=$(unpack "$name")
	run --sysroot "$tree" groups --predict --json
	check "$name: every group matches the kernel's" jq_py \
		'sys.exit(0 if d["predicted"] and not [f for f in d["findings"] if f["code"] == "prediction_differs"] and all(g["kernel_group"] == g["group"] for g in d["groups"]) else 1)'
	run --sysroot "$tree" groups --predict
	check "$name: the text says the prediction matches" grep -q '^Prediction: every predicted group matches' "$out"
done

# Peer-to-peer the kernel's groups hide: basic-q35's switch has two downstream ports without
# ACS, each with a NIC below, in groups 9 and 10; no other tree has such a switch.
run --sysroot "$work/trees/basic-q35" groups --predict --json
findings >"$work/f"
check "switch ports without ACS: one finding each, naming the sibling" sh -c \
	"grep -qx 'peer_to_peer_across_groups 0000:03:00.0 0000:03:01.0' '$work/f' && grep -qx 'peer_to_peer_across_groups 0000:03:01.0 0000:03:00.0' '$work/f' && [ \$(grep -c peer_to_peer '$work/f') -eq 2 ]"
for name in multifunction sriov-nvme vfio-bound; do
	run --sysroot "$work/trees/$name" groups --predict --json
	check "$name: no peer-to-peer finding" sh -c "! grep -q peer_to_peer '$out'"
done
run --sysroot "$work/trees/basic-q35" groups --predict -s 00:1f.0
check "findings follow the selection" sh -c "! grep -q 'peer to peer' '$out'"
run --sysroot "$work/trees/basic-q35" groups --predict -g 10
check "findings follow -g" sh -c "grep -q 'port 0000:03:01.0 lacks ACS' '$out' && ! grep -q 'port 0000:03:00.0 lacks' '$out'"

# A kernel that grouped differently (here: 01:00.0 moved into its root port's group, as an
# ACS change after boot would): a finding, with the likely cause.
tree=$(unpack basic-q35 differs)
dev="sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"
ln -sfn ../../../../kernel/iommu_groups/2 "$tree/$dev/iommu_group"
mv "$tree/sys/kernel/iommu_groups/7/devices/0000:01:00.0" "$tree/sys/kernel/iommu_groups/2/devices/"
run --sysroot "$tree" groups --predict --json
check "a moved device: exit 0" [ "$rc" -eq 0 ]
findings >"$work/f"
check "a moved device: findings name both groups' members" sh -c "grep -q '^prediction_differs 0000:00:02.0 acs_changed_after_boot_or_unknown_quirk' '$work/f' && grep -q '^prediction_differs 0000:01:00.0' '$work/f'"
check "a moved device: the matching groups still match" jq_py \
	'sys.exit(0 if [g for g in d["groups"] if g["group"] == 9 and g["kernel_group"] == 9] else 1)'
echo "console=ttyS0 intel_iommu=on pcie_acs_override=downstream,multifunction" >"$tree/proc/cmdline"
run --sysroot "$tree" groups --predict
check "with an ACS override on the command line, that is the likely cause" grep -q 'likely cause: acs_override_on_cmdline' "$out"
check "the KERNEL column says differs" grep -q '^group 2 .*differs' "$out"

# Without root: what needs capabilities is unknown, and said so.
tree=$(unpack basic-q35 cut)
find "$tree/sys/devices" -name config -type f -exec truncate -s 64 {} +
run --sysroot "$tree" groups --predict --json
check "cut config: prediction_unknown findings, no guesses" jq_py \
	'sys.exit(0 if any(f["code"] == "prediction_unknown" and f["device"] == "0000:04:00.0" for f in d["findings"]) and all(x["address"] != "0000:04:00.0" for g in d["groups"] for x in g["devices"]) else 1)'
run --sysroot "$tree" groups --predict
check "cut config: the text names what cannot be predicted" grep -q 'cannot be predicted:.*0000:04:00.0' "$out"

# An Intel VMD domain: a function in domain 10000, below the VMD endpoint's directory (here
# 0000:00:05.0 stands in for the endpoint), DMAs as the endpoint and shares its group.
tree=$(unpack basic-q35 vmd)
find "$tree/sys" -name iommu_group -type l -delete
rm -rf "${tree:?}/sys/kernel/iommu_groups/"*
src="$tree/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"
dst="$tree/sys/devices/pci0000:00/0000:00:05.0/pci10000:00/10000:00:02.0"
mkdir -p "$dst"
for f in vendor device class revision subsystem_vendor subsystem_device config resource; do cp "$src/$f" "$dst/"; done
ln -s ../../../devices/pci0000:00/0000:00:05.0/pci10000:00/10000:00:02.0 "$tree/sys/bus/pci/devices/10000:00:02.0"
run --sysroot "$tree" groups --explain --json
check "VMD: the function in domain 10000 joins the VMD endpoint's group" jq_py \
	'sys.exit(0 if [x for g in d["groups"] for x in g["devices"] if x["address"] == "10000:00:02.0" and x["prediction"]["why"] == "vmd" and x["prediction"]["via"] == "0000:00:05.0" and x["prediction"]["explanation"][0]["code"] == "vmd_domain"] else 1)'

# --explain: the facts, in words and in JSON, for the selected groups only.
run --sysroot "$work/trees/basic-q35" groups --explain -s 04:00.0
check "--explain: the downstream port's missing ACS explains the NIC" sh -c \
	"grep -q 'switch downstream port 0000:03:00.0 has no ACS capability \[acs_missing\]' '$out' && grep -q '^group 9 (the kernel' '$out' && ! grep -q '^group 10' '$out'"
run --sysroot "$work/trees/basic-q35" groups --explain --json -g 11
cp "$out" "$work/explain.json"
check "--explain --json: validates" validate "$work/explain.json"
check "--explain --json: facts with codes and devices" jq_py \
	'sys.exit(0 if [f for x in d["groups"][0]["devices"] for f in x["prediction"]["explanation"] if f["code"] == "alias_bridge" and f["device"] == "0000:06:00.0"] else 1)'
run --sysroot "$work/trees/basic-q35" groups --predict --json
check "--predict alone has no explanation" jq_py \
	'sys.exit(0 if all("explanation" not in x["prediction"] for g in d["groups"] for x in g["devices"]) else 1)'

# The quirk table is data: a missing or broken one is an error naming the file.
run --sysroot "$(unpack basic-q35 nodata)" --data-dir "$work/nowhere" groups --predict
check "missing data directory: exit 1 naming the file" sh -c "[ $rc -eq 1 ] && grep -q '$work/nowhere/acs-quirks.tsv' '$err'"
mkdir -p "$work/baddata"
echo "# not the format" >"$work/baddata/acs-quirks.tsv"
ISO_CHECK_DATADIR="$work/baddata" run --sysroot "$work/trees/nodata" groups --predict --json
check "broken table via ISO_CHECK_DATADIR: exit 1, JSON error object" sh -c "[ $rc -eq 1 ] && grep -q 'line 1' '$out'"
finish
