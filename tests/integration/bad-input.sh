# SPDX-License-Identifier: GPL-2.0-or-later
# bad-input.sh - broken trees: one line naming the path, a documented exit status, a partial
# result marked as such; never a crash and never the wrong groups.
. "$IC_SRCDIR/tests/lib/common.sh"
want="$IC_SRCDIR/tests/fixtures/basic-q35.groups"
dev="sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"	# an e1000e below a root port

# same_groups: the groups printed still equal the kernel's.
same_groups() {
	kernel_listing | sort >"$work/got"
	sort "$want" | grep -v "${1:-^$}" >"$work/want"
	cmp -s "$work/want" "$work/got"
}
partial_marked() { jq_py 'sys.exit(0 if d["partial"] and d["problems"] else 1)'; }

run --sysroot "$work/does-not-exist" groups
check "missing sysroot: exit 1" [ "$rc" -eq 1 ]
check "missing sysroot: one line naming it" one_line_naming "$work/does-not-exist"
mkdir -p "$work/empty"
run --sysroot "$work/empty" groups
check "empty sysroot: exit 1" [ "$rc" -eq 1 ]
check "empty sysroot: names sys/bus/pci/devices" one_line_naming "$work/empty/sys/bus/pci/devices"

tree=$(unpack basic-q35 short-config)
truncate -s 40 "$tree/$dev/config"
run --sysroot "$tree" groups --json
check "config cut to 40 bytes: exit 4" [ "$rc" -eq 4 ]
check "config cut to 40 bytes: names the file" one_line_naming "$tree/$dev/config: truncated: 40 bytes"
check "config cut to 40 bytes: marked partial" partial_marked
check "config cut to 40 bytes: groups still the kernel's" same_groups
check "config cut to 40 bytes: the device says partial" jq_py \
	'sys.exit(0 if [x for g in d["groups"] for x in g["devices"] if x["address"]=="0000:01:00.0" and x["partial"] and x["pcie_type"] is None] else 1)'

tree=$(unpack basic-q35 odd-config)
truncate -s 100 "$tree/$dev/config"
run --sysroot "$tree" groups
check "config of 100 bytes: exit 4" [ "$rc" -eq 4 ]
check "config of 100 bytes: names the file" one_line_naming "$dev/config: truncated: 100 bytes"
check "config of 100 bytes: says partial" grep -q '^Partial result' "$out"

tree=$(unpack basic-q35 garbage-resource)
printf '0x00000000fea00000 0x00000000fea1ffff 0x0000000000040200\nhello world\n' >"$tree/$dev/resource"
run --sysroot "$tree" groups --json
check "garbage in resource: exit 4" [ "$rc" -eq 4 ]
check "garbage in resource: names the file and line" one_line_naming "$dev/resource: line 2 is not three hexadecimal numbers"
check "garbage in resource: groups still the kernel's" same_groups

tree=$(unpack basic-q35 dangling-group)
ln -sfn ../../../../kernel/iommu_groups/99 "$tree/$dev/iommu_group"
run --sysroot "$tree" groups --json
check "dangling iommu_group link: exit 4" [ "$rc" -eq 4 ]
check "dangling iommu_group link: names it" one_line_naming "$dev/iommu_group: dangling link to group 99"
check "dangling iommu_group link: the device is left out of group 7, not guessed" same_groups '0000:01:00.0'

# A capability list that loops: point the last standard capability back at the first.
tree=$(unpack basic-q35 cap-loop)
"$IC_PYTHON" - "$tree/$dev/config" <<'PY'
import sys
p = sys.argv[1]; c = bytearray(open(p, 'rb').read())
first = ptr = c[0x34] & 0xfc
while c[ptr + 1] & 0xfc:
    ptr = c[ptr + 1] & 0xfc
c[ptr + 1] = first
open(p, 'wb').write(c)
PY
run --sysroot "$tree" groups --json
check "capability loop: exit 4" [ "$rc" -eq 4 ]
check "capability loop: names the file" one_line_naming "$dev/config: capability pointer 0x.. loops back"
check "capability loop: groups still the kernel's" same_groups

tree=$(unpack basic-q35 ext-cap-loop)
"$IC_PYTHON" - "$tree/$dev/config" <<'PY'
import sys, struct
p = sys.argv[1]; c = bytearray(open(p, 'rb').read())
off = 0x100
hdr = struct.unpack_from('<I', c, off)[0]
struct.pack_into('<I', c, off, (hdr & 0xfffff) | (0x100 << 20))	# next -> itself
open(p, 'wb').write(c)
PY
run --sysroot "$tree" groups
check "extended capability loop: exit 4" [ "$rc" -eq 4 ]
check "extended capability loop: names the file" one_line_naming "$dev/config: extended capability pointer 0x100 loops back"

# A function removed during the scan: its link is listed, its directory is gone.
tree=$(unpack basic-q35 vanished)
rm -rf "${tree:?}/sys/devices/pci0000:00/0000:00:03.0/0000:02:00.0/0000:03:01.0/0000:05:00.0"
run --sysroot "$tree" groups --json
check "vanished device: exit 4" [ "$rc" -eq 4 ]
check "vanished device: names it" one_line_naming "sys/bus/pci/devices/0000:05:00.0: the device disappeared during the scan"
check "vanished device: the rest is the kernel's" same_groups '0000:05:00.0'

tree=$(unpack basic-q35 bad-vendor)
echo "0xzz" >"$tree/$dev/vendor"
run --sysroot "$tree" groups --json
check "garbage vendor: exit 4" [ "$rc" -eq 4 ]
check "garbage vendor: names it" one_line_naming "$dev/vendor: not a hexadecimal number"
check "garbage vendor: the ID is null, not a guess" jq_py \
	'sys.exit(0 if [x for g in d["groups"] for x in g["devices"] if x["address"]=="0000:01:00.0" and x["vendor_id"] is None] else 1)'

tree=$(unpack basic-q35 bad-resv)
echo "garbage" >"$tree/sys/kernel/iommu_groups/7/reserved_regions"
run --sysroot "$tree" groups --json
check "garbage reserved_regions: exit 4" [ "$rc" -eq 4 ]
check "garbage reserved_regions: names it" one_line_naming "iommu_groups/7/reserved_regions"
check "garbage reserved_regions: null, not empty" jq_py \
	'sys.exit(0 if [g for g in d["groups"] if g["group"]==7 and g["reserved_regions"] is None] else 1)'

tree=$(unpack basic-q35 nogroup)
run --sysroot "$tree" groups -g 42
check "-g of a missing group: exit 1" [ "$rc" -eq 1 ]
check "-g of a missing group: says so" grep -q 'group 42 does not exist' "$err"
run --sysroot "$tree" groups -g 42 --json
check "-g of a missing group with --json: stdout is an error object" jq_py 'sys.exit(0 if d["error"]["message"] else 1)'

for t in "$work"/trees/*; do
	run --sysroot "$t" groups -l
	check "$(basename "$t"): no crash" no_crash
done
# An IVRS table that is not one (or whose blocks run past its end): a problem naming the file,
# never a half-read list of IOMMU functions.
tree=$(unpack basic-q35 bad-ivrs)
printf 'IVRS\377\377\000\000garbage' >"$tree/sys/firmware/acpi/tables/IVRS"
run --sysroot "$tree" groups --predict --json
check "garbage IVRS: exit 4" [ "$rc" -eq 4 ]
check "garbage IVRS: one line naming it" one_line_naming "$tree/sys/firmware/acpi/tables/IVRS: not a valid IVRS table"
check "garbage IVRS: groups still the kernel's" same_groups

# Junk where a number should be is a problem, never a value.
tree=$(unpack basic-q35 numa-junk)
echo junk >"$tree/$dev/numa_node"
run --sysroot "$tree" groups --json -s 01:00.0
check "numa_node 'junk': a problem, exit 4" eval '[ "$rc" -eq 4 ] && one_line_naming "$dev/numa_node: not a NUMA node number"'
check "numa_node 'junk': null, not node 0" jq_py 'sys.exit(0 if d["groups"][0]["devices"][0]["numa_node"] is None else 1)'

# An ACS capability whose registers run past the end of config space.
tree=$(unpack acs-switch-bridge acs-at-end)
acsdev=$(cd "$tree" && find sys/devices -name config -size 4096c | head -n 1)
"$IC_PYTHON" - "$tree/$acsdev" <<'PY'
import sys
p = sys.argv[1]; c = bytearray(open(p, 'rb').read())
c[0x100:0x104] = (0x0d | 1 << 16 | 0xffc << 20).to_bytes(4, 'little')	# ACS, next at 0xffc
c[0xffc:0x1000] = (0x0d | 1 << 16).to_bytes(4, 'little')		# ACS header in the last dword
open(p, 'wb').write(c)
PY
run --sysroot "$tree" groups --predict
check "ACS capability at 0xffc: a problem naming it" grep -q "$acsdev: the ACS capability at 0xffc is cut by the end of config space" "$err"

# --isolate: an unknown prediction is a partial result naming what is missing; a bad address
# is a usage error.
tree=$(unpack acs-switch-bridge isolate-cut)
find "$tree/sys/devices" -name config -exec truncate -s 64 {} +
run --sysroot "$tree" groups --isolate 04:00.0
check "--isolate without root: exit 4" [ "$rc" -eq 4 ]
check "--isolate without root: names the function and says root reads more" \
	one_line_naming "0000:04:00.0: its group cannot be predicted: .*run as root"
run --sysroot "$tree" groups --isolate zz:zz
check "--isolate zz:zz: a usage error (2)" [ "$rc" -eq 2 ]
check "--isolate zz:zz: one line naming it" eval 'head -n1 "$err" | grep -q "iso-check groups: --isolate zz:zz: not a PCI address"'
# Without root the PCIe type is unknown: the RCiEP quirk that needs it is not claimed.
run --sysroot "$tree" groups --predict --json -s 00:00.0
check "config cut: no quirk claimed for the host bridge" \
	jq_py 'sys.exit(0 if d["groups"][0]["devices"][0]["prediction"]["quirk"] is None else 1)'
check "config cut: a root port above unknown functions is uncertain, with the reason" \
	eval 'run --sysroot "$tree" groups --predict --json -s 00:02.0 && jq_py "sys.exit(0 if d[\"groups\"][0][\"devices\"][0][\"prediction\"][\"uncertain\"] and [f for f in d[\"findings\"] if f[\"code\"] == \"prediction_uncertain\"] else 1)"'

finish
