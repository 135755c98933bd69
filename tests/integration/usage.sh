# SPDX-License-Identifier: GPL-2.0-or-later
# usage.sh - command-line behaviour: help, version, exact subcommands, usage errors (exit 2).
. "$IC_SRCDIR/tests/lib/common.sh"
tree=$(unpack basic-q35)

run --help
check "--help: exit 0, lists groups" sh -c "[ $rc -eq 0 ] && grep -q '^ groups ' '$out'"
run --version
check "--version: exit 0" sh -c "[ $rc -eq 0 ] && grep -q '^iso-check [0-9]' '$out'"
run groups --help
check "groups --help: exit 0, names the man page" sh -c "[ $rc -eq 0 ] && grep -q 'iso-check-groups(8)' '$out'"
run
check "no command: exit 2" [ "$rc" -eq 2 ]
check "no command: says so and points to --help" sh -c "grep -q 'no command specified' '$err' && grep -q -- '--help' '$err'"
run group
check "prefix of a command is not a command: exit 2" [ "$rc" -eq 2 ]
run --bogus groups
check "unknown global option: exit 2" [ "$rc" -eq 2 ]
run --sysroot "$tree" groups --bogus
check "unknown groups option: exit 2" [ "$rc" -eq 2 ]
run --sysroot "$tree" groups -s 'zz:zz'
check "bad -s: exit 2" sh -c "[ $rc -eq 2 ] && grep -q -- '-s zz:zz' '$err'"
run --sysroot "$tree" groups -d 'xyzzy'
check "bad -d: exit 2" [ "$rc" -eq 2 ]
run --sysroot "$tree" groups -g 'x'
check "bad -g: exit 2" [ "$rc" -eq 2 ]
run --sysroot "$tree" groups -o NAME,BOGUS
check "bad -o: exit 2 naming the column" sh -c "[ $rc -eq 2 ] && grep -q \"unknown column 'BOGUS'\" '$err'"
run --sysroot "$tree" groups extra
check "stray argument: exit 2" [ "$rc" -eq 2 ]
run groups --list-columns
check "--list-columns lists every column" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$out') -eq 16 ]"
run groups --sysroot "$tree" -n -l --noheadings -o DESCRIPTION,CLASS
check "global options after the command; -n shows numbers only" sh -c "[ $rc -eq 0 ] && ! grep -q Intel '$out' && grep -q '^ *0604$' '$out'"
run --sysroot "$tree" groups -o group,device
check "-o is case-insensitive" sh -c "[ $rc -eq 0 ] && head -1 '$out' | grep -q 'GROUP DEVICE'"
# stdout write errors are not silent
if [ -w /dev/full ]; then
	rc=0
	"$IC_BIN" --sysroot "$tree" groups >/dev/full 2>"$work/err" || rc=$?
	check "write error on stdout: exit 1 with a message" sh -c "[ $rc -eq 1 ] && grep -q 'write error' '$work/err'"
fi
finish
