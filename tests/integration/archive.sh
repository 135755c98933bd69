# SPDX-License-Identifier: GPL-2.0-or-later
# archive.sh - --sysroot SNAPSHOT.tar.gz: the same answers as the unpacked tree, messages that
# name the archive, a private temporary directory that is gone afterwards, nothing of the host.
. "$IC_SRCDIR/tests/lib/common.sh"
tmp="$work/tmp"
mkdir -p "$tmp"
export TMPDIR="$tmp"

for name in $(fixtures); do
	archive="$IC_SRCDIR/tests/fixtures/$name.tar.gz"
	tree=$(unpack "$name")
	for args in "groups --json" "groups --predict --json" "groups -l"; do
		# shellcheck disable=SC2086
		run --sysroot "$tree" $args
		sed "s|$tree|ROOT|g" "$out" >"$work/dir.out"
		# shellcheck disable=SC2086
		run --sysroot "$archive" $args
		sed "s|$archive:|ROOT|g; s|$archive|ROOT|g" "$out" >"$work/tgz.out"
		check "$name: $args from the .tar.gz equals the unpacked tree" cmp -s "$work/dir.out" "$work/tgz.out"
	done
done
check "every temporary directory is removed" sh -c "[ -z \"\$(ls -A '$tmp')\" ]"

# Problems name the archive and the path inside it.
tree=$(unpack basic-q35 broken)
echo junk >"$tree/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0/resource"
tar -czf "$work/broken.tar.gz" -C "$tree" .
run --sysroot "$work/broken.tar.gz" groups
check "a problem inside an archive: exit 4, named ARCHIVE:/sys/..." sh -c \
	"[ $rc -eq 4 ] && grep -q '^iso-check: $work/broken.tar.gz:/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0/resource: line 1' '$err'"
echo "not gzip" >"$work/bad.tar.gz"
run --sysroot "$work/bad.tar.gz" groups --json
check "not an archive: exit 1, a JSON error naming it" sh -c "[ $rc -eq 1 ] && grep -q 'bad.tar.gz' '$out'"
check "no temporary directory left by failures either" sh -c "[ -z \"\$(ls -A '$tmp')\" ]"

if command -v strace >/dev/null && [ "${IC_SANITIZERS:-no}" != yes ]; then
	strace -f -qq -e trace=%file -o "$work/strace" "$IC_BIN" --sysroot "$IC_SRCDIR/tests/fixtures/basic-q35.tar.gz" groups >/dev/null 2>&1
	# the tar that unpacks the archive is a helper: its own start-up (SELinux) is not ours
	awk '/execve\("[^"]*\/tar"/ { helper[$1] = 1 } !helper[$1]' "$work/strace" |
		grep -o '"/[^"]*"' | tr -d '"' | grep -v "^$tmp" | grep -E '^/(sys|proc|dev)(/|$)' |
		grep -v '^/dev/null$' >"$work/leaks" || true
	check "an archive sysroot: iso-check reads nothing of the host's /sys, /proc, /dev" [ ! -s "$work/leaks" ]
	check "the guard sees the tar helper" grep -q 'execve(".*/tar"' "$work/strace"
fi
finish
