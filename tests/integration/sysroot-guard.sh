# SPDX-License-Identifier: GPL-2.0-or-later
# sysroot-guard.sh - with --sysroot, nothing of the host's /sys, /proc or /dev is opened:
# strace records every file system call, and any absolute path below them fails the test.
. "$IC_SRCDIR/tests/lib/common.sh"

if [ "${IC_SANITIZERS:-no}" = yes ]; then
	skip_all "the sanitizer runtime itself reads /proc/self; the plain build runs this guard"
fi
if ! command -v strace >/dev/null || ! strace -f -o /dev/null true 2>/dev/null; then
	fail "strace is needed (./dev.sh installs it) and must be allowed to trace"
	finish
fi
for name in $(fixtures); do
	tree=$(unpack "$name")
	for args in "groups" "groups --json -l" "groups -o NAME,MODULES,PCIE,NUMA" "bridges" "bars --json"; do
		log="$work/$name.strace"
		# shellcheck disable=SC2086
		strace -f -qq -e trace=%file,%desc -o "$log" "$IC_BIN" --sysroot "$tree" $args >/dev/null 2>&1
		# Absolute paths in the calls' arguments, outside the tree.
		grep -o '"/[^"]*"' "$log" | tr -d '"' | grep -v "^$tree" |
			grep -E '^/((sys|proc|dev)(/|$)|$)' >"$work/leaks" || true
		if [ -s "$work/leaks" ]; then
			fail "$name: iso-check $args reads the host: $(sort -u "$work/leaks" | head -3 | tr '\n' ' ')"
		else
			ok "$name: iso-check $args reads nothing of the host's /sys, /proc, /dev"
		fi
	done
done
# The guard itself works: a live run opens "/" as its root (caught above as a leak) and
# reads sys/ below it.
strace -f -qq -e trace=%file -o "$work/live.strace" "$IC_BIN" groups >/dev/null 2>&1
check "the guard sees a live run open / as its root" grep -q '"/", O_RDONLY|O_CLOEXEC|O_PATH' "$work/live.strace"
check "the guard sees a live run's sys/ reads" grep -q '"sys/bus/pci/devices"' "$work/live.strace"
finish
