# SPDX-License-Identifier: GPL-2.0-or-later
# snapshot.sh - `iso-check snapshot`: replay is faithful (byte-identical JSON for every view of
# every recorded tree), directories and .tar.gz alike; non-root snapshots say config is cut;
# --redact blanks serial numbers; nothing is overwritten.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
views="groups|groups --json|groups --predict --json|groups --explain --json|groups -l --predict|bridges --json|bars --json"

for name in $(fixtures); do
	tree=$(unpack "$name")
	for form in dir tgz; do
		snap="$work/$name-snap"
		[ "$form" = tgz ] && snap="$snap.tar.gz"
		run --sysroot "$tree" snapshot "$snap"
		check "$name: snapshot to a $form: exit 0" [ "$rc" -eq 0 ]
		IFS='|'
		for view in $views; do
			unset IFS
			# shellcheck disable=SC2086
			run --sysroot "$tree" $view
			sed "s|$tree|ROOT|g" "$out" >"$work/orig"
			# shellcheck disable=SC2086
			run --sysroot "$snap" $view
			sed "s|$snap:|ROOT|g; s|$snap|ROOT|g" "$out" >"$work/replay"
			check "$name ($form): '$view' replays byte-identical" cmp -s "$work/orig" "$work/replay"
			IFS='|'
		done
		unset IFS
	done
done

tree="$work/trees/basic-q35"
run --sysroot "$tree" snapshot --json "$work/json-snap"
cp "$out" "$work/snapshot.json"
check "snapshot --json validates" validate "$work/snapshot.json"
check "snapshot --json counts what it recorded" jq_py \
	'sys.exit(0 if d["snapshot"]["files"] > 100 and d["snapshot"]["links"] > 10 and not d["snapshot"]["config_space_cut"] else 1)'
check "the snapshot describes itself" sh -c "head -1 '$work/json-snap/ISO_CHECK_SNAPSHOT' | grep -qx 'iso-check snapshot, format 2' && grep -qx 'config_space_cut: no' '$work/json-snap/ISO_CHECK_SNAPSHOT'"
check "kernel release and command line are kept" sh -c "cmp -s '$tree/KERNEL_RELEASE' '$work/json-snap/KERNEL_RELEASE' && cmp -s '$tree/proc/cmdline' '$work/json-snap/proc/cmdline' && cmp -s '$tree/proc/modules' '$work/json-snap/proc/modules'"
check "links keep the kernel's relative targets" sh -c \
	"[ \"\$(readlink '$work/json-snap/sys/bus/pci/devices/0000:04:00.0')\" = '../../../devices/pci0000:00/0000:00:03.0/0000:02:00.0/0000:03:00.0/0000:04:00.0' ]"
check "what iso-check does not read is not copied" sh -c "[ ! -e '$work/json-snap/sys/devices/pci0000:00/0000:00:03.0/aer_dev_fatal' ]"

# --redact: the e1000e's Device Serial Number capability (at 0x140) is blanked.
cfg="sys/devices/pci0000:00/0000:00:03.0/0000:02:00.0/0000:03:00.0/0000:04:00.0/config"
run --sysroot "$tree" snapshot --redact "$work/redacted"
dsn() { od -An -tx1 -j $((0x144)) -N 8 "$1" | tr -d ' \n'; }
check "--redact: the serial number is zeros" sh -c "[ '$(dsn "$work/redacted/$cfg")' = 0000000000000000 ]"
check "without --redact it is kept" sh -c "[ '$(dsn "$work/json-snap/$cfg")' = '$(dsn "$tree/$cfg")' ] && [ '$(dsn "$tree/$cfg")' != 0000000000000000 ]"
check "--redact says so" grep -qx 'redacted: yes' "$work/redacted/ISO_CHECK_SNAPSHOT"

# A snapshot of a tree whose config space was cut (not root) says so, and so does its replay.
cut=$(unpack basic-q35 cut)
find "$cut/sys/devices" -name config -type f -exec truncate -s 64 {} +
run --sysroot "$cut" snapshot "$work/cut-snap"
check "cut config: the snapshot says config space is cut" sh -c \
	"grep -qx 'config_space_cut: yes' '$work/cut-snap/ISO_CHECK_SNAPSHOT' && grep -q 'config space is cut' '$out'"
run --sysroot "$work/cut-snap" groups --json
check "cut config: so does its replay" jq_py 'sys.exit(0 if d["config_space_cut"] else 1)'

# Live, as root and as an unprivileged user, when this machine can.
if [ -d /sys/bus/pci/devices ] && [ -n "$(ls /sys/bus/pci/devices)" ]; then
	run snapshot "$work/live"
	check "live snapshot: exit 0" [ "$rc" -eq 0 ]
	run groups --json
	sed 's|"sysroot": null|"sysroot": "ROOT"|; s|"path": "/|"path": "ROOT/|' "$out" >"$work/orig"
	run --sysroot "$work/live" groups --json
	sed "s|$work/live|ROOT|g" "$out" >"$work/replay"
	check "live snapshot replays the live groups" cmp -s "$work/orig" "$work/replay"
	if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
		chmod 777 "$work"
		rc=0
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$IC_BIN" snapshot "$work/live-user" >/dev/null 2>&1 || rc=$?
		check "live snapshot as nobody: recorded, config cut" sh -c "[ $rc -eq 0 ] && grep -qx 'config_space_cut: yes' '$work/live-user/ISO_CHECK_SNAPSHOT'"
	fi
fi

run --sysroot "$tree" snapshot "$work/json-snap"
check "an existing destination is not overwritten: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'already exists' '$err'"
run --sysroot "$tree" snapshot
check "no destination: exit 2" [ "$rc" -eq 2 ]
run --sysroot "$tree" snapshot "$work/nodir/deeper/snap"
check "an unwritable destination: exit 1 naming it" sh -c "[ $rc -eq 1 ] && grep -q 'nodir/deeper/snap' '$err'"
run --lspci-dump "$IC_SRCDIR/tests/fixtures/lspci/cap-vc-and-rcl" snapshot "$work/x"
check "a dump cannot be snapshotted: exit 2" [ "$rc" -eq 2 ]
finish
