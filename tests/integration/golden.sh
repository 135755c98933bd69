# SPDX-License-Identifier: GPL-2.0-or-later
# golden.sh - whole outputs (text and JSON) over the recorded trees, against tests/expected/.
# Each expected file records the command line, standard output, then standard error (after
# "--- stderr", when there is any) and the exit status; the tree's location reads SYSROOT. IC_UPDATE=1 rewrites them (then review the diff).
. "$IC_SRCDIR/tests/lib/common.sh"

# NAME|ARGS: the cases; every tree gets the three basic views.
cases=()
for name in $(fixtures); do
	cases+=("$name|groups" "$name|groups -l" "$name|groups --json" "$name|bridges" "$name|bars")
done
cases+=(
	"basic-q35|groups -s 03:00.0"
	"basic-q35|groups -d 8086:10d3 -l"
	"basic-q35|groups -d ::0604 -l -o GROUP,DEVICE,PCIE"
	"basic-q35|groups -g 6 -o NAME,PCIE,NUMA,MODULES,RESERVED"
	"basic-q35|-n groups -l"
	"vfio-bound|groups -g 6 --json"
	"sriov-nvme|groups -s 01:00 -o NAME,ID,PCIE,VIABLE"
	"no-iommu|groups --json -s 00:1f"
	"basic-q35|groups --predict"
	"vfio-bound|groups --predict -l -o GROUP,DEVICE,KERNEL,WHY"
	"no-iommu|groups --predict --json -s 01:00.0"
	"basic-q35|groups --explain --config-acs=00000@0000:00:03.0 -s 03:00.0"
	"basic-q35|groups --explain --acs-override=downstream -s 04:00.0"
	"acs-switch-bridge|bridges --json"
	"acs-switch-bridge|bridges -s 05:00.0"
	"acs-switch-bridge|bars --page-size 64K"
	"acs-switch-bridge|bars --segments 0xfe000000:32M:16 -s 00:"
	"sriov-vfs|bars --json -s 01:00"
	"sriov-vfs|sriov"
	"sriov-vfio|sriov --json"
	"sriov-nvme|sriov -o +OFFSET,STRIDE,VFBARS,RID"
	"sriov-vfs|sriov --page-size 64K -s 04:00.0"
	"iommu-off|bars --json"
)

for c in "${cases[@]}"; do
	name=${c%%|*}
	args=${c#*|}
	tree=$(unpack "$name")
	slug=$(echo "$name $args" | tr -c 'A-Za-z0-9\n' '_' | sed 's/__*/_/g; s/_$//')
	expected="$IC_SRCDIR/tests/expected/$slug"
	# shellcheck disable=SC2086
	run --sysroot "$tree" $args
	{
		echo "\$ iso-check --sysroot SYSROOT $args"
		sed "s|$tree|SYSROOT|g" "$out"
		# standard error apart, after a line of its own
		[ -s "$err" ] && echo "--- stderr" && sed "s|$tree|SYSROOT|g" "$err"
		echo "exit: $rc"
	} >"$work/$slug"
	if [ "${IC_UPDATE:-}" = 1 ]; then
		cp "$work/$slug" "$expected"
	fi
	if diff -u "$expected" "$work/$slug"; then
		ok "$name: iso-check $args"
	else
		fail "$name: iso-check $args"
	fi
done
finish
