# SPDX-License-Identifier: GPL-2.0-or-later
# hostile.sh - trees, archives and dumps made to attack iso-check: nothing is written outside
# the destination, nothing read outside the root, nothing blocks, nothing is left behind.
. "$IC_SRCDIR/tests/lib/common.sh"
dev="sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"	# an e1000e below a root port
export ISO_CHECK_DATADIR="$IC_SRCDIR/data"

# --- snapshot and report write nothing through a link of the tree ------------------------
victim="$work/victim"
mkdir -p "$victim"
echo ORIGINAL >"$victim/type"
tree=$(unpack basic-q35 escape)
rm -rf "$tree/sys/kernel/iommu_groups/7"
ln -s "$victim" "$tree/sys/kernel/iommu_groups/7"
tar czf "$work/escape.tar.gz" -C "$tree" .
untouched() { [ "$(cat "$victim/type")" = ORIGINAL ] && [ "$(ls "$victim")" = type ]; }
run --sysroot "$tree" snapshot "$work/snap-dir"
check "escape, snapshot DIR: exit 4" [ "$rc" -eq 4 ]
check "escape, snapshot DIR: the link is named, not copied" \
	one_line_naming "iommu_groups/7: a link to $victim leaves the tree: not copied"
check "escape, snapshot DIR: nothing written outside" untouched
check "escape, snapshot DIR: no link in the copy" [ ! -L "$work/snap-dir/sys/kernel/iommu_groups/7" ]
run --sysroot "$work/escape.tar.gz" snapshot "$work/snap.tar.gz"
check "escape, .tar.gz to snapshot .tar.gz: exit 4, nothing written outside" \
	eval '[ "$rc" -eq 4 ] && untouched'
run --sysroot "$work/escape.tar.gz" report "$work/report.tar.gz"
check "escape, report of a .tar.gz: exit 4, nothing written outside" eval '[ "$rc" -eq 4 ] && untouched'
check "escape, report: the problem names the archive" grep -q "escape.tar.gz:/sys/kernel/iommu_groups/7: a link" "$err"
# a relative link that climbs out is the same as an absolute one
tree=$(unpack basic-q35 climb)
ln -sfn ../../../../../../../../../../etc "$tree/$dev/driver"
run --sysroot "$tree" snapshot "$work/snap-climb"
check "climbing driver link: not copied, exit 4" eval '[ "$rc" -eq 4 ] && [ ! -e "$work/snap-climb/$dev/driver" ]'

# --- reads stay inside the root ----------------------------------------------------------
tree=$(unpack basic-q35 config-outside)
outside="$work/outside-config"
head -c 256 /dev/zero | tr '\0' '\377' >"$outside"	# a function with vendor ffff
ln -sfn "$outside" "$tree/$dev/config"
run --sysroot "$tree" groups --json -s 01:00.0
check "config linked outside the root: the host file is not read" \
	jq_py 'sys.exit(0 if d["groups"][0]["devices"][0]["pcie_type"] is None else 1)'
check "config linked outside the root: exit 4, named" \
	eval '[ "$rc" -eq 4 ] && one_line_naming "$dev/config: a link to $outside that is not in the tree"'
tree=$(unpack basic-q35 devlink-host)
ln -sfn "/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0" "$tree/sys/bus/pci/devices/0000:01:00.0"
run --sysroot "$tree" groups --json -s 01:00.0
check "absolute device link: resolved inside the tree (the tree's own e1000e)" \
	jq_py 'sys.exit(0 if d["groups"][0]["devices"][0]["pcie_type"] == "endpoint" else 1)'

# --- nothing blocks, nothing floods ------------------------------------------------------
tree=$(unpack basic-q35 fifo)
rm "$tree/$dev/config"
mkfifo "$tree/$dev/config"
for args in "groups" "snapshot $work/fifo-snap" "snapshot $work/fifo-snap.tar.gz" "report $work/fifo-report.tar.gz"; do
	rc=0
	# shellcheck disable=SC2086
	timeout 60 "$IC_BIN" --sysroot "$tree" $args >"$work/out" 2>"$work/err" || rc=$?
	check "FIFO config, $args: returns (exit 4), names it" \
		eval '[ "$rc" -eq 4 ] && grep -q "$dev/config: unreadable: not a regular file" "$work/err"'
done
# an attribute read without fstat() first (a page at a time), a FIFO or a directory: refused
# as what it is, once the read comes back empty
for what in fifo dir; do
	tree=$(unpack basic-q35 "attr-$what")
	rm "$tree/$dev/vendor"
	if [ $what = fifo ]; then mkfifo "$tree/$dev/vendor"; else mkdir "$tree/$dev/vendor"; fi
	rc=0
	timeout 60 "$IC_BIN" --sysroot "$tree" groups >"$work/out" 2>"$work/err" || rc=$?
	check "$what as an attribute (vendor): returns (exit 4), names it, not a regular file" \
		eval '[ "$rc" -eq 4 ] && grep -q "$dev/vendor: .*not a regular file" "$work/err"'
done
mkfifo "$work/fifo-dump"
rc=0
timeout 60 "$IC_BIN" --lspci-dump "$work/fifo-dump" groups --predict >"$work/out" 2>"$work/err" || rc=$?
check "FIFO lspci dump: exit 1, not a regular file" eval '[ "$rc" -eq 1 ] && grep -q "not a regular file" "$work/err"'
tree=$(unpack basic-q35 huge)
head -c $((17 << 20)) /dev/zero | tr '\0' 'x' >"$tree/$dev/resource"
head -c 5000 /dev/zero >"$tree/$dev/config"
run --sysroot "$tree" groups
check "17 MiB resource: a problem, exit 4" eval '[ "$rc" -eq 4 ] && grep -q "$dev/resource: unreadable: larger than iso-check reads" "$err"'
check "config of 5000 bytes: not a config space" grep -q "$dev/config: larger than 4096 bytes" "$err"

# --- lspci dumps are checked before libpci parses them -----------------------------------
hdr='00:00.0 Host bridge: Intel Corporation Device
00: 86 80 40 2a 06 01 90 20 07 00 00 06 00 00 00 00'
dump_case() {	# NAME LINE WHAT TEXT: the dump is refused naming LINE
	printf '%s\n' "$4" >"$work/$1.txt"
	run --lspci-dump "$work/$1.txt" groups --predict
	want="$work/$1.txt: .*line $2: $3"
	check "dump $1: exit 1, names line $2" eval '[ "$rc" -eq 1 ] && one_line_naming "$want"'
}
dump_case negative-offset 3 "row at offset 0xeeeeeea0" "$hdr
EEEEEEa0: 41"
dump_case heap-write 3 "row at offset 0xfffffff0" "$hdr
fffffff0: 41 41 41 41 41 41 41 41"
dump_case past-the-end 3 "row at offset 0xff8" "$hdr
ff8: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
dump_case bad-slot 1 "3f:20.0 is not a PCI function address" "3f:20.0 Host bridge: x
00: 86 80 40 2a 06 01 90 20 07 00 00 06 00 00 00 00"
dump_case twice 4 "the function of line 1 again" "$hdr

$hdr"
printf '00:00.0 x\n00: 86 80 40 2a\0 06 01 90 20\n' >"$work/nul.txt"
run --lspci-dump "$work/nul.txt" groups --predict
check "dump with a NUL byte: exit 1, names line 2" one_line_naming "nul.txt: .*line 2: a NUL byte"

# --- archives ----------------------------------------------------------------------------
mkdir -p "$work/big"
head -c $((17 << 20)) /dev/zero >"$work/big/blob"
tar czf "$work/big.tar.gz" -C "$work/big" .
run --sysroot "$work/big.tar.gz" groups
check "archive with a 17 MiB member: refused before it is unpacked, exit 1" \
	eval '[ "$rc" -eq 1 ] && one_line_naming "big.tar.gz: a file of 17825792 bytes is larger than any iso-check reads"'
head -c 2000 /dev/urandom | gzip >"$work/random.tar.gz"
run --sysroot "$work/random.tar.gz" groups
check "gzip of random bytes: exit 1, named" eval '[ "$rc" -eq 1 ] && one_line_naming "random.tar.gz: a tar header is damaged"'
printf 'hello\n' >"$work/plain.tar.gz"
run --sysroot "$work/plain.tar.gz" groups
check "not gzip at all: exit 1, named" eval '[ "$rc" -eq 1 ] && one_line_naming "plain.tar.gz: neither a directory nor a .tar.gz snapshot"'
ls "$work/tmp" >/dev/null 2>&1 || mkdir -p "$work/tmp"
check "no unpack directory is left after errors" [ -z "$(TMPDIR=$work/tmp ls "$work/tmp")" ]

# Signals while a .tar.gz is being unpacked: a gzip that stalls keeps iso-check there.
mkdir -p "$work/bin" "$work/sig"
printf '#!/bin/sh\n%s "$@"\nexec sleep 30\n' "$(command -v gzip)" >"$work/bin/gzip"
chmod +x "$work/bin/gzip"
for cmd in groups "report r.tar.gz"; do
	# shellcheck disable=SC2086
	PATH="$work/bin:$PATH" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/signals.py" "$work/sig" \
		"$IC_BIN" --sysroot "$IC_SRCDIR/tests/fixtures/basic-q35.tar.gz" $cmd >"$work/signals"
	while read -r name status mode left; do
		num=$(kill -l "${name#SIG}")
		check "$name during $cmd: killed by it, unpacked at mode 0700, nothing left behind" \
			eval '[ "$status" = "-$num" ] && [ "$mode" = 0o700 ] && [ "$left" = - ]'
	done <"$work/signals"
done
finish
