# SPDX-License-Identifier: GPL-2.0-or-later
# predict.sh - `groups --predict`: from the topology alone the kernel's groups come out, numbers
# included; every disagreement is a finding with a likely cause; nothing unknown is guessed.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
# one line a finding: its code, the functions it concerns, its cause (if any)
findings() { jq_py "print('\n'.join(' '.join([f['code']] + f['devices'] + ([f['cause']] if f['cause'] else [])) for f in d['findings']))"; }

# Recorded before any driver bound (groups pending): the groups the kernel formed once drivers
# bound (NAME.later-groups) are the prediction from the tree as it was.
for f in "$IC_SRCDIR"/tests/fixtures/*.later-groups; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .later-groups)
	run --sysroot "$(unpack "$name")" groups --predict --json
	check "$name: the groups the kernel formed once drivers bound are the prediction from before" \
		sh -c "[ $rc -eq 0 ] && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/bind-partition.py' '$f' '$out'"
	check "$name: every function the kernel grouped later had no group yet, and says so (no_group_until_bound)" \
		"$IC_PYTHON" -c '
import json, sys
later = {l.split()[2] for l in open(sys.argv[2])}
noted = {x["devices"][0] for x in json.load(open(sys.argv[1]))["findings"] if x["code"] == "no_group_until_bound"}
sys.exit(0 if later and later <= noted else 1)' "$out" "$f"
done

# A device tree's iommu-map decides StreamIDs: masked to the bus number, the functions of a bus
# share one (all in doubt: arm-smmu-v3 takes the first to bind); a map that stops before bus 4
# leaves the functions there without any group.
tree=$(unpack smmuv3-dt smmuv3-dt-mask)
map=$tree/sys/firmware/devicetree/base/pcie@10000000
printf '\000\000\377\000' >"$map/iommu-map-mask"
run --sysroot "$tree" groups --predict --json
check "smmuv3-dt, iommu-map-mask 0xff00: the root ports of bus 0 share a StreamID (aliased), the NVMe alone on bus 2 does not" jq_py "
a = {x['address']: x['prediction']['at_bind'] for g in d['groups'] for x in g['devices']}
sys.exit(0 if all(a[f] == 'aliased' for f in ('0000:00:02.0', '0000:00:03.0', '0000:00:04.0')) and a['0000:02:00.0'] is None else 1)"
rm "$map/iommu-map-mask"
printf '\000\000\000\000\000\000\200\004\000\000\000\000\000\000\004\000' >"$map/iommu-map"
run --sysroot "$tree" groups --predict --json
check "smmuv3-dt, iommu-map of buses 0-3 only: the functions of buses 4 and up are behind no IOMMU (no group), those below in groups" jq_py "
u = {x['address']: x['prediction']['why'] for x in d['ungrouped']}
g = {x['address'] for g in d['groups'] for x in g['devices']}
sys.exit(0 if u and all(int(f[5:7], 16) >= 4 and w == 'no_iommu' for f, w in u.items()) and all(int(f[5:7], 16) < 4 for f in g) and '0000:03:00.0' in g else 1)"
printf '\000\000\000' >"$map/iommu-map"
run --sysroot "$tree" groups --predict --json
check "smmuv3-dt, a malformed iommu-map: no function is claimed to be behind no IOMMU" jq_py "
sys.exit(0 if not d['ungrouped'] else 1)"

for name in $(fixtures); do
	[ -s "$IC_SRCDIR/tests/fixtures/$name.groups" ] || continue
	# The acceptance test: without the kernel's groups, the prediction is the kernel's.
	tree=$(unpack "$name" "$name-stripped")
	find "$tree/sys" -name iommu_group -type l -delete
	rm -rf "${tree:?}/sys/kernel/iommu_groups/"*
	# ACPI VIOT or IORT, a device tree's iommu-map: groups form at bind, numbered in bind order
	# (bind-partition.py)
	bind=""
	[ -e "$tree/sys/firmware/acpi/tables/VIOT" ] || [ -e "$tree/sys/firmware/acpi/tables/IORT" ] ||
		ls "$tree"/sys/firmware/devicetree/base/pci*@*/iommu-map >/dev/null 2>&1 && bind=yes
	run --sysroot "$tree" groups --predict --json
	check "$name without groups: exit 0" [ "$rc" -eq 0 ]
	kernel_listing | sort >"$work/got"
	if [ -n "$bind" ]; then
		sort "$IC_SRCDIR/tests/fixtures/$name.groups" >"$work/want"
		check "$name without groups: the partition of what the kernel grouped = $name.groups (groups form at bind)" \
			"$IC_PYTHON" "$IC_SRCDIR/tests/lib/bind-partition.py" "$work/want" "$out"
	else
		check "$name without groups: predicted partition and numbers = $name.groups" \
			sh -c "sort '$IC_SRCDIR/tests/fixtures/$name.groups' | cmp -s - '$work/got'"
	fi
	cp "$out" "$work/$name-stripped.json"
	check "$name without groups: validates" validate "$work/$name-stripped.json"
	# PowerNV: the PE numbers and group names from the device tree alone are the kernel's
	if ls "$tree"/sys/bus/pci/devices/*/eeh_pe_config_addr >/dev/null 2>&1; then
		find "$tree/sys" -name eeh_pe_config_addr -delete
		run --sysroot "$tree" groups --predict --json
		check "$name without groups or eeh_pe_config_addr: PE numbers and names = the kernel's" \
			"$IC_PYTHON" "$IC_SRCDIR/tests/lib/pe-numbers.py" "$(unpack "$name")" "$out"
	fi
	# With the kernel's groups: every predicted group matches one, no findings.
	tree=$(unpack "$name")
	run --sysroot "$tree" groups --predict --json
	check "$name: every group matches the kernel's" jq_py \
		'sys.exit(0 if d["predicted"] and not [f for f in d["findings"] if f["code"] == "prediction_differs"] and ("'"$bind"'" or all(g["kernel_group"] == g["group"] for g in d["groups"])) else 1)'
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
	'sys.exit(0 if any(f["code"] == "prediction_unknown" and f["devices"] == ["0000:04:00.0"] for f in d["findings"]) and all(x["address"] != "0000:04:00.0" for g in d["groups"] for x in g["devices"]) else 1)'
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

# A tree recorded without config files (as some collectors do): nothing is guessed, and so
# nothing disagrees with the kernel; a missing groups directory is rebuilt from the links.
tree=$(unpack basic-q35 noconfig)
find "$tree/sys/devices" -name config -type f -delete
rm -rf "${tree:?}/sys/kernel"
run --sysroot "$tree" groups --predict --json
check "no config files: no wrong prediction, every unknown one reported" jq_py \
	'sys.exit(0 if d["config_space_missing"] == 18 and not [f for f in d["findings"] if f["code"] == "prediction_differs"] and len([f for f in d["findings"] if f["code"] == "prediction_unknown"]) + sum(len(g["devices"]) for g in d["groups"]) == 18 else 1)'
run --sysroot "$tree" groups --json
check "no groups directory: the kernel's groups from the links, types unknown, one problem" jq_py \
	'sys.exit(0 if len(d["groups"]) == 12 and all(g["type"] is None for g in d["groups"]) and len(d["problems"]) == 1 and d["problems"][0]["path"].endswith("sys/kernel/iommu_groups") else 1)'
kernel_listing | sort >"$work/links"
check "no groups directory: same partition as the kernel's listing" sh -c "sort '$IC_SRCDIR/tests/fixtures/basic-q35.groups' | cmp -s - '$work/links'"

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

# What-ifs.
run --sysroot "$work/trees/basic-q35" groups --acs-override=downstream --json
cp "$out" "$work/override.json"
check "--acs-override: validates" validate "$work/override.json"
check "--acs-override=downstream: the NICs below the switch ports get groups of their own" jq_py \
	'g = {x["address"]: gr["group"] for gr in d["groups"] for x in gr["devices"]}; sys.exit(0 if g["0000:04:00.0"] != g["0000:03:00.0"] and g["0000:05:00.0"] != g["0000:03:01.0"] else 1)'
check "--acs-override: exactly the four split groups are unsafe, each a finding" jq_py \
	'u = sorted(x["address"] for gr in d["groups"] if gr["unsafe"] for x in gr["devices"]); f = [x for x in d["findings"] if x["code"] == "isolation_rests_on_override"]; sys.exit(0 if u == ["0000:03:00.0", "0000:03:01.0", "0000:04:00.0", "0000:05:00.0"] and len(f) == 4 and d["whatif"]["acs_override"] == "downstream" else 1)'
check "--acs-override: differences blame the what-if" jq_py \
	'sys.exit(0 if all(f["cause"] == "whatif_settings" for f in d["findings"] if f["code"] == "prediction_differs") else 1)'
run --sysroot "$work/trees/basic-q35" groups --acs-override=multifunction -l -o GROUP,DEVICE,KERNEL
check "--acs-override=multifunction: the ICH9 functions stay together (conventional PCI)" sh -c \
	"[ \$(grep -c ' 0000:00:1f' '$out') -eq 3 ] && [ \$(awk '/ 0000:00:1f/ {print \$1}' '$out' | sort -u | wc -l) -eq 1 ] && ! grep -q UNSAFE '$out'"
run --sysroot "$work/trees/basic-q35" groups --config-acs='00000@0000:00:03.0' --json
check "--config-acs: a root port with ACS forced off takes everything below it" jq_py \
	'g = {x["address"]: gr["group"] for gr in d["groups"] for x in gr["devices"]}; sys.exit(0 if len({g[a] for a in ["0000:00:03.0", "0000:02:00.0", "0000:04:00.0", "0000:05:00.0"]}) == 1 and not any(gr["unsafe"] for gr in d["groups"]) else 1)'
run --sysroot "$work/trees/basic-q35" groups --config-acs='11011@pci:1b36:000c' --json
check "--config-acs by ID, RR forced off: the root ports no longer isolate" jq_py \
	'g = {x["address"]: gr["group"] for gr in d["groups"] for x in gr["devices"]}; sys.exit(0 if g["0000:01:00.0"] == g["0000:00:02.0"] else 1)'
for bad in "--acs-override=upstream" "--acs-override=id:xyz" "--config-acs=101" "--config-acs=12@00:01.0" "--config-acs=11111111@00:01.0" "--config-acs=1@zz:zz"; do
	run --sysroot "$work/trees/basic-q35" groups "$bad"
	check "$bad: usage error" [ "$rc" -eq 2 ]
done

# --isolate: obstacles, fixes and results.
run --sysroot "$work/trees/basic-q35" groups --isolate 04:00.0 --json
cp "$out" "$work/isolate.json"
check "--isolate: validates" validate "$work/isolate.json"
check "--isolate 04:00.0: the downstream port without ACS, an unsafe override, then alone" jq_py \
	'i = d["isolate"]; o = i["obstacles"]; sys.exit(0 if i["group_now"] == ["0000:03:00.0", "0000:04:00.0"] and len(o) == 1 and o[0]["device"] == "0000:03:00.0" and o[0]["why"] == "acs_missing" and o[0]["fix"] == {"kind": "acs_override", "setting": "id:104c:8233", "safe": False} and o[0]["group_after"] == ["0000:04:00.0"] and not i["all_fixes_safe"] else 1)'
run --sysroot "$work/trees/basic-q35" groups --isolate 0000:07:02.0
check "--isolate behind a PCIe-to-PCI bridge: no setting helps" sh -c "grep -q 'never_isolates' '$out' && grep -q 'no kernel setting changes this' '$out'"
run --sysroot "$work/trees/basic-q35" groups --isolate 00:02.0
check "--isolate of an isolated port: nothing to do" grep -qx 'Nothing to do.' "$out"
# A root port with ACS switched off: the fix is config_acs, which is real isolation.
tree=$(unpack basic-q35 acs-off)
"$IC_PYTHON" - "$tree/sys/devices/pci0000:00/0000:00:02.0/config" <<'PY'
import struct, sys
p = sys.argv[1]; c = bytearray(open(p, 'rb').read()); off = 0x100
while off:
    hdr = struct.unpack_from('<I', c, off)[0]
    if hdr & 0xffff == 0x0d:
        struct.pack_into('<H', c, off + 6, 0)	# ACS control: all off
        break
    off = hdr >> 20 & 0xffc
open(p, 'wb').write(c)
PY
run --sysroot "$tree" groups --isolate 01:00.0 --json
check "--isolate below a root port with ACS off: config_acs enables it, safely" jq_py \
	'i = d["isolate"]; o = i["obstacles"]; sys.exit(0 if len(o) == 1 and o[0]["why"] == "acs_disabled" and o[0]["fix"] == {"kind": "config_acs", "setting": "111x1@0000:00:02.0", "safe": True} and i["group_with_all_fixes"] == ["0000:01:00.0"] and i["all_fixes_safe"] else 1)'
run --sysroot "$tree" groups --isolate 09:00.0
check "--isolate of a missing function: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'no PCI function 09:00.0' '$err'"
run --sysroot "$tree" groups --isolate 01:00.0 --acs-override=downstream
check "--isolate with a what-if: usage error" [ "$rc" -eq 2 ]

# Platform findings from the command line and the firmware tables.
tree=$(unpack basic-q35 cmdline)
echo "console=ttyS0 intel_iommu=on pcie_acs_override=downstream pci=config_acs=x@00:02.0" >"$tree/proc/cmdline"
run --sysroot "$tree" groups --predict --json
check "pcie_acs_override and config_acs on the command line: platform findings" jq_py \
	'c = [f["code"] for f in d["findings"] if not f["devices"]]; sys.exit(0 if "acs_override_active" in c and "acs_options_on_cmdline" in c else 1)'
cp "$out" "$work/platform.json"
check "platform findings validate" validate "$work/platform.json"
: >"$tree/sys/firmware/acpi/tables/IVRS"
run --sysroot "$tree" groups --predict -g 0
check "an unreadable IVRS table: its aliases are unknown, said even with -g" grep -q 'ivrs_aliases_unknown' "$out"

# AMD: the recorded IVRS has no aliases; give 00:04.0 the requester ID of 00:03.0 (an IVHD
# alias entry, 42h), and the AMD driver's setup_aliases() puts both root ports in one group.
tree=$(unpack amd-iommu ivrs-alias)
run --sysroot "$tree" groups --predict --json
check "a readable IVRS without aliases: nothing unknown" sh -c "! grep -q ivrs_aliases_unknown '$out'"
"$IC_PYTHON" - "$tree/sys/firmware/acpi/tables/IVRS" <<'PY'
import struct, sys
path = sys.argv[1]
t = bytearray(open(path, "rb").read())
ivhd = 48
blen = struct.unpack_from("<H", t, ivhd + 2)[0]
entry = bytes([0x42]) + struct.pack("<H", 0x0020) + bytes([0, 0]) + struct.pack("<H", 0x0018) + bytes([0])
t[ivhd + blen:ivhd + blen] = entry
struct.pack_into("<H", t, ivhd + 2, blen + len(entry))
struct.pack_into("<I", t, 4, len(t))
open(path, "wb").write(t)
PY
find "$tree/sys" -name iommu_group -type l -delete
rm -rf "${tree:?}/sys/kernel/iommu_groups/"*
run --sysroot "$tree" groups --explain --json
check "an IVRS alias on the root bus: 00:04.0 joins 00:03.0, why ivrs_alias" jq_py '
g = {x["address"]: (grp["group"], x["prediction"]["why"]) for grp in d["groups"] for x in grp["devices"]}
sys.exit(0 if g["0000:00:04.0"] == (g["0000:00:03.0"][0], "ivrs_alias") else 1)'
cp "$out" "$work/ivrs-alias.json"
check "an IVRS alias: explained, and valid" sh -c "grep -q '\"ivrs_alias\"' '$work/ivrs-alias.json' && $IC_PYTHON '$IC_SRCDIR/tests/lib/validate.py' '$schema' '$work/ivrs-alias.json'"

# Root-bus order: expander's three root buses without the kernel's groups are numbered in their
# host bridges' ACPI order; without the firmware_node links that order is a guess, and said to be
# one, while the partition stays the kernel's.
tree=$(unpack expander order)
find "$tree/sys" -name iommu_group -type l -delete
rm -rf "${tree:?}/sys/kernel/iommu_groups/"*
run --sysroot "$tree" groups --predict --json
check "root buses in ACPI order: no guess to report" jq_py '
sys.exit(0 if "group_numbers_guessed" not in [f["code"] for f in d["findings"]] else 1)'
# partition OUT: one line per group, its members; the numbers left out
partition() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/groups.py" "$1" | awk '{m[$2] = m[$2] " " $3} END {for (g in m) print m[g]}' | sort; }
partition "$out" >"$work/order-acpi"
find "$tree/sys/devices" -maxdepth 2 -name firmware_node -delete
run --sysroot "$tree" groups --predict --json
check "no firmware_node: the group numbers are a guess, and said to be" jq_py '
sys.exit(0 if [f for f in d["findings"] if f["code"] == "group_numbers_guessed" and f["severity"] == "note"] else 1)'
partition "$out" >"$work/order-guess"
check "no firmware_node: the same partition" cmp -s "$work/order-acpi" "$work/order-guess"

# The quirk table is data: a missing or broken one is an error naming the file.
run --sysroot "$(unpack basic-q35 nodata)" --data-dir "$work/nowhere" groups --predict
check "missing data directory: exit 1 naming the file" sh -c "[ $rc -eq 1 ] && grep -q '$work/nowhere/acs-quirks.tsv' '$err'"
mkdir -p "$work/baddata"
echo "# not the format" >"$work/baddata/acs-quirks.tsv"
ISO_CHECK_DATADIR="$work/baddata" run --sysroot "$work/trees/nodata" groups --predict --json
check "broken table via ISO_CHECK_DATADIR: exit 1, JSON error object" sh -c "[ $rc -eq 1 ] && grep -q 'line 1' '$out'"
finish
