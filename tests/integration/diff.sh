# SPDX-License-Identifier: GPL-2.0-or-later
# diff.sh - `iso-check diff A B`: nothing for equal states (a tree and its snapshot included),
# and each kind of change found, named and counted; exit 0 equal, 5 changed.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
kinds() { jq_py 'print("\n".join(c["kind"] + " " + (c["device"] or "-") for c in d["changes"]))'; }

a=$(unpack basic-q35)
run diff "$a" "$a"
check "a tree against itself: exit 0, no changes" sh -c "[ $rc -eq 0 ] && grep -qx 'No changes.' '$out'"
run --sysroot "$a" snapshot "$work/snap.tar.gz"
run diff "$a" "$work/snap.tar.gz"
check "a tree against its snapshot: exit 0" [ "$rc" -eq 0 ]

b=$(unpack basic-q35 changed)
dev="sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"
ln -sfn ../../../../bus/pci/drivers/vfio-pci "$b/$dev/driver"
# 04:00.0 leaves group 9 for group 10: group 9 is split, group 10 merges two groups
nic="sys/devices/pci0000:00/0000:00:03.0/0000:02:00.0/0000:03:00.0/0000:04:00.0"
ln -sfn ../../../../../../kernel/iommu_groups/10 "$b/$nic/iommu_group"
mv "$b/sys/kernel/iommu_groups/9/devices/0000:04:00.0" "$b/sys/kernel/iommu_groups/10/devices/"
rm "$b/sys/bus/pci/devices/0000:07:02.0"
"$IC_PYTHON" - "$b/sys/devices/pci0000:00/0000:00:04.0/config" <<'PY'
import struct, sys
p = sys.argv[1]; c = bytearray(open(p, 'rb').read()); off = 0x100
while off:
    h = struct.unpack_from('<I', c, off)[0]
    if h & 0xffff == 0x0d:
        struct.pack_into('<H', c, off + 6, 0)
        break
    off = h >> 20 & 0xffc
open(p, 'wb').write(c)
PY
run diff --json "$a" "$b"
check "changes: exit 5" [ "$rc" -eq 5 ]
cp "$out" "$work/diff.json"
check "diff --json validates" validate "$work/diff.json"
kinds >"$work/kinds"
check "the driver change" grep -qx 'driver 0000:01:00.0' "$work/kinds"
check "the ACS control change" grep -qx 'acs_control 0000:00:04.0' "$work/kinds"
check "the removed function" grep -qx 'device_removed 0000:07:02.0' "$work/kinds"
check "group 9 split" grep -qx 'group_split 0000:03:00.0' "$work/kinds"
check "group 10 merged" grep -qx 'group_merged 0000:03:01.0' "$work/kinds"
check "nothing else" sh -c "[ \$(wc -l <'$work/kinds') -eq 5 ]"
check "before and after are said" jq_py \
	'sys.exit(0 if [c for c in d["changes"] if c["kind"] == "driver" and c["before"] == "none" and c["after"] == "vfio-pci"] else 1)'
run diff "$b" "$a"
check "the other way round: the function is added back" grep -q '^+ device_added *0000:07:02.0' "$out"

run diff "$IC_SRCDIR/tests/fixtures/vfio-bound.tar.gz" "$IC_SRCDIR/tests/fixtures/no-iommu.tar.gz"
check "IOMMU on -> off is a platform change" sh -c "[ $rc -eq 5 ] && grep -q '^~ iommu *platform: on -> off' '$out'"
check "the command line change is said" grep -q '^~ cmdline *platform: .*intel_iommu=on -> .*intel_iommu=off$' "$out"
check "windows named as bridges names them" grep -q '^~ windows *0000:00:02.0: io:0xd000-0xdfff memory:' "$out"
check "BARs named as bars names them" grep -q '^~ resources *0000:00:1f.2: bar4:0xe040-0xe05f bar5:' "$out"
run diff "$IC_SRCDIR/tests/fixtures/basic-q35.tar.gz" "$IC_SRCDIR/tests/fixtures/acs-switch-bridge.tar.gz"
check "a kernel release change is said" grep -q '^~ kernel_release *platform: 6.1.0-56-amd64 -> 6.1.0-57-amd64$' "$out"
run diff --json "$IC_SRCDIR/tests/fixtures/basic-q35.tar.gz" "$IC_SRCDIR/tests/fixtures/acs-switch-bridge.tar.gz"
check "diff --json with kernel and command line changes validates" sh -c \
	"cp '$out' '$work/kdiff.json' && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/validate.py' '$IC_SRCDIR/data/schemas' '$work/kdiff.json'"
run diff "$a"
check "one state: exit 2" [ "$rc" -eq 2 ]
run --sysroot "$a" diff "$a" "$a"
check "--sysroot with diff: exit 2" [ "$rc" -eq 2 ]
run diff "$a" "$work/none"
check "a missing state: exit 1 naming it" sh -c "[ $rc -eq 1 ] && grep -q '$work/none' '$err'"
finish
