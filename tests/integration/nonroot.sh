# SPDX-License-Identifier: GPL-2.0-or-later
# nonroot.sh - config space hidden beyond 64 bytes (not root): the facts that need it are
# unknown and said so once; nothing is guessed; the groups are unaffected.
. "$IC_SRCDIR/tests/lib/common.sh"

# A tree recorded without root: every config file holds only the first 64 bytes.
tree=$(unpack basic-q35 cut)
find "$tree/sys/devices" -name config -type f -exec truncate -s 64 {} +
run --sysroot "$tree" groups --json
check "cut config: exit 0, not partial" [ "$rc" -eq 0 ]
check "cut config: config_space_cut is true" jq_py 'sys.exit(0 if d["config_space_cut"] and not d["partial"] else 1)'
check "cut config: every pcie_type is null" jq_py \
	'sys.exit(0 if all(x["pcie_type"] is None for g in d["groups"] for x in g["devices"]) else 1)'
kernel_listing | sort >"$work/got"
check "cut config: the kernel's groups" sh -c "sort '$IC_SRCDIR/tests/fixtures/basic-q35.groups' | cmp -s - '$work/got'"
check "cut config: nothing on stderr" [ ! -s "$err" ]
run --sysroot "$tree" groups -o NAME,PCIE
check "cut config: the note is printed once" [ "$(grep -c 'config space is cut at 64 bytes' "$out")" -eq 1 ]
check "cut config: unknown PCIe types show as ?" grep -q '^`-0000:01:00.0 *?$' "$out"

# The full tree for comparison: types are known there.
run --sysroot "$(unpack basic-q35)" groups -o NAME,PCIE
check "full config: no note" sh -c "! grep -q 'config space is cut' '$out'"
check "full config: the root port is known" grep -q '0000:00:02.0 *root_port' "$out"

# metrics: what the cut tree states for certain, the full tree states the same.
run --sysroot "$tree" metrics
cp "$out" "$work/cut.prom"
run --sysroot "$(unpack basic-q35)" metrics
check "cut config: metrics' groups, functions, fingerprint, IOMMU and interrupt remapping stand" \
	"$IC_PYTHON" -c 'import re, sys
keep = re.compile(r"^iso_check_(groups|functions|pci_functions|groups_fingerprint|iommu_enabled|interrupt_remapping)[{ ]")
cut, full = ({l.rsplit(" ", 1)[0]: l.rsplit(" ", 1)[1] for l in open(p) if keep.match(l)} for p in sys.argv[1:3])
sys.exit(0 if cut and all(v == "NaN" or full.get(k) == v for k, v in cut.items()) else 1)' "$work/cut.prom" "$out"

# Live, as an unprivileged user, when this machine can show that.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && [ -d /sys/bus/pci/devices ] &&
	[ -n "$(ls /sys/bus/pci/devices)" ]; then
	rc=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$IC_BIN" groups --json >"$work/out" 2>"$work/err" || rc=$?
	out="$work/out"
	check "live as nobody: exit 0 or 3 (got $rc)" sh -c "[ $rc -eq 0 ] || [ $rc -eq 3 ]"
	check "live as nobody: config_space_cut is true" jq_py 'sys.exit(0 if d["config_space_cut"] else 1)'
else
	echo "# skipped the live unprivileged run: needs root, setpriv and PCI devices"
fi
finish
