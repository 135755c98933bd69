# SPDX-License-Identifier: GPL-2.0-or-later
# kernel-groups.sh - on every recorded tree, `groups --json` gives exactly the kernel's groups.
. "$IC_SRCDIR/tests/lib/common.sh"

for name in $(fixtures); do
	tree=$(unpack "$name")
	run --sysroot "$tree" groups --json
	expected_rc=0
	# no group and none formed later: the IOMMU is off (with groups the kernel formed once
	# drivers bound, NAME.later-groups, they were pending: exit 0)
	[ -s "$IC_SRCDIR/tests/fixtures/$name.groups" ] || [ -s "$IC_SRCDIR/tests/fixtures/$name.later-groups" ] ||
		expected_rc=3
	check "$name: exit status $expected_rc (got $rc)" [ "$rc" -eq "$expected_rc" ]
	kernel_listing | sort >"$work/$name.got"
	sort "$IC_SRCDIR/tests/fixtures/$name.groups" >"$work/$name.want"
	if diff -u "$work/$name.want" "$work/$name.got"; then
		ok "$name: partition and numbers equal $name.groups"
	else
		fail "$name: partition and numbers equal $name.groups"
	fi
	# The text tree holds the same members, one line each.
	run --sysroot "$tree" groups -l -o GROUP,DEVICE --noheadings
	awk '$1 ~ /^[0-9]+$/ && NF == 2 {print "group " $1 " " $2}' "$out" | sort >"$work/$name.text"
	check "$name: the text list holds the same members" cmp -s "$work/$name.text" "$work/$name.want"
done
finish
