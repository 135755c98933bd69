# SPDX-License-Identifier: GPL-2.0-or-later
# reads.sh - what iso-check reads, counted by strace (deterministic, never timed): a name
# database only when a name is printed (the udev hwdb if there is one, pci.ids with -i or
# without it); each device's attributes through one handle on its directory, so the lookups
# per function stay few on the benchmark's 279-function tree (tests/bench).
. "$IC_SRCDIR/tests/lib/common.sh"

if [ "${IC_SANITIZERS:-no}" = yes ]; then
	skip_all "the sanitizers' runtime makes calls of its own; the plain build counts them"
fi
if ! command -v strace >/dev/null; then
	fail "strace is needed (./dev.sh installs it)"
	finish
fi
tree=$(unpack basic-q35)
cp "$IC_SRCDIR/tests/data/pci.ids" "$work/names.ids"

# trace ARGS...: iso-check's own file calls (not its children's) into $work/trace.
trace() {
	rc=0
	strace -qq -e trace=openat,openat2,readlinkat,newfstatat,getdents64 -o "$work/trace" \
		"$IC_BIN" -i "$work/names.ids" "$@" >"$work/out" 2>/dev/null || rc=$?
}
reads_names() { grep -q 'names\.ids' "$work/trace"; }

for args in "metrics" "groups -n" "groups --json -n" "groups -o DEVICE,DRIVER,VFIO" "groups -l -o GROUP,ID"; do
	# shellcheck disable=SC2086 # the arguments are single words
	trace --sysroot "$tree" $args
	check "'$args' prints no name: pci.ids is not read (exit $rc)" sh -c "[ $rc -eq 0 ] && ! grep -q 'names\.ids' '$work/trace'"
done
for args in "groups" "groups --json" "groups -o DEVICE,CLASS" "sriov --json"; do
	# shellcheck disable=SC2086
	trace --sysroot "$tree" $args
	check "'$args' prints names: pci.ids is read (exit $rc)" reads_names
done

# without -i, names come from the udev hwdb when the host has one (looked up, not parsed: the
# 5 ms pci.ids costs libpci is not spent), else from pci.ids
strace -qq -e trace=openat,openat2 -o "$work/trace" "$IC_BIN" --sysroot "$tree" groups >"$work/out" 2>/dev/null
if command -v systemd-hwdb >/dev/null && systemd-hwdb query 'pci:v00008086*' 2>/dev/null | grep -q '^ID_VENDOR_FROM_DATABASE='; then
	check "'groups' without -i: names from the udev hwdb, pci.ids is not opened" sh -c \
		"grep -q 'hwdb\.bin' '$work/trace' && ! grep -q 'pci\.ids' '$work/trace' && grep -q 'Intel Corporation' '$work/out'"
else
	check "'groups' without -i and no udev hwdb: names from pci.ids" grep -q 'pci\.ids' "$work/trace"
fi
trace --sysroot "$tree" groups
check "'groups -i FILE': names from that file alone, the hwdb is not opened" sh -c \
	"grep -q 'names\.ids' '$work/trace' && ! grep -q 'hwdb\.bin' '$work/trace'"

big="$work/trees/sriov-scale"
mkdir -p "$big"
tar --no-same-owner -xzf "$IC_SRCDIR/tests/bench/sriov-scale.tar.gz" -C "$big"
n=$(ls "$big/sys/bus/pci/devices" | wc -l)
trace --sysroot "$big" groups --predict --explain --json
check "the benchmark's tree has 279 functions ($n)" [ "$n" -eq 279 ]
check "no attribute of a device is opened by its full path" sh -c \
	"! grep -E '^openat2?\([^,]*, \"[^\"]*sys/devices/[^\"]*/(vendor|device|class|config|resource|numa_node)\"' '$work/trace'"
calls=$(wc -l <"$work/trace")
cp "$work/trace" "$work/trace.groups"
trace --sysroot "$big" audit --json
check "nor by the audit (reset_method, power_state, ...)" sh -c \
	"! grep -E '^openat2?\([^,]*, \"[^\"]*sys/devices/[^\"]*/(vendor|config|reset_method|power_state|d3cold_allowed|driver_override|removable)\"' '$work/trace'"
check "at most 40 file calls a function ($calls for $n)" [ "$calls" -le $((40 * n)) ]
groups=$(ls "$big/sys/kernel/iommu_groups" | wc -l)
dirs=$(grep -c "sys/kernel/iommu_groups/[0-9]*\"" "$work/trace.groups")
check "each group's directory is looked up once ($dirs for $groups groups)" [ "$dirs" -eq "$groups" ]
finish
