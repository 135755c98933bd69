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
check "--list-columns lists every column" sh -c "[ $rc -eq 0 ] && [ \$(wc -l <'$out') -eq 20 ]"
run groups --sysroot "$tree" -n -l --noheadings -o DESCRIPTION,CLASS
check "global options after the command; -n shows numbers only" sh -c "[ $rc -eq 0 ] && ! grep -q Intel '$out' && grep -q '^ *0604$' '$out'"
run --sysroot "$tree" groups -o group,device
check "-o is case-insensitive" sh -c "[ $rc -eq 0 ] && head -1 '$out' | grep -q 'GROUP DEVICE'"
# One line names the command and what is wrong (then the hint where to read more), for
# every kind of option getopt refuses.
usage_line() { [ "$rc" -eq 2 ] && [ "$(wc -l <"$err")" -eq 2 ] && head -n1 "$err" | grep -q -- "$1" && grep -q '^Try ' "$err"; }
for args in "groups -s|iso-check groups: option '-s' requires an argument" \
	"groups --isolate|iso-check groups: option '--isolate' requires an argument" \
	"groups -x|iso-check groups: invalid option '-x'" \
	"groups --frob|iso-check groups: unrecognized or ambiguous option '--frob'" \
	"groups --json=3|iso-check groups: '--json=3': an unknown option, or one that takes no argument" \
	"bars --page-size|iso-check bars: option '--page-size' requires an argument" \
	"diff -q|iso-check diff: invalid option '-q'" \
	"snapshot --redact=1|iso-check snapshot: '--redact=1'" \
	"--frobnicate groups|iso-check: unrecognized or ambiguous option '--frobnicate'"; do
	# shellcheck disable=SC2086
	run ${args%%|*}
	check "${args%%|*}: one usage line naming it" usage_line "${args#*|}"
done
run --sysroot "$tree" bars --page-size 64k --segments 3g:1g:128
check "lowercase size suffixes: 64k, 3g:1g:128" [ "$rc" -eq 0 ]
run --sysroot "$IC_SRCDIR/README.md" groups
check "--sysroot of a file that is no .tar.gz: says so, exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q 'README.md: neither a directory nor a .tar.gz snapshot' '$err'"
# Output for scripts: -r, -P, -o +LIST.
q35="$IC_SRCDIR/tests/fixtures/vfio-bound.tar.gz"
run --sysroot "$q35" groups -g 6 -P -o DEVICE,DRIVER
check "-P: KEY=\"value\" pairs, one row a member, nothing else" \
	sh -c "[ \$(wc -l <'$out') -eq 3 ] && grep -qx 'DEVICE=\"0000:03:02.0\" DRIVER=\"e1000\"' '$out'"
run --sysroot "$q35" groups -g 6 -r --noheadings -o DEVICE,DESCRIPTION
check "-r: one blank between columns, blanks in values escaped" \
	grep -qx '0000:03:01.0 Intel\\x20Corporation\\x2082540EM\\x20Gigabit\\x20Ethernet\\x20Controller' "$out"
run --sysroot "$q35" groups -g 6 -l -o +NUMA
check "-o +NUMA: the list defaults, then NUMA" sh -c "head -n1 '$out' | grep -q '^GROUP DEVICE .* DESCRIPTION *NUMA$'"
run --sysroot "$q35" groups -r -P
check "-r and -P together: a usage error" [ "$rc" -eq 2 ]
run --sysroot "$q35" groups -o +BOGUS
check "-o +BOGUS: unknown column named" grep -q "unknown column 'BOGUS'" "$err"
# bridges and bars are column tables too.
asb="$IC_SRCDIR/tests/fixtures/acs-switch-bridge.tar.gz"
run --sysroot "$asb" bridges -P -o BRIDGE,BUSES
check "bridges -P: pairs, one bridge a line, nothing else" \
	sh -c "[ \$(wc -l <'$out') -eq 7 ] && grep -qx 'BRIDGE=\"0000:03:01.0\" BUSES=\"05-05\"' '$out'"
run --sysroot "$asb" bridges -r --noheadings -o BRIDGE,DOMAINS -s 03:00.0
check "bridges -r: no tree, escaped blanks" grep -qx '0000:03:00.0 group\\x2010' "$out"
run --sysroot "$asb" bars -o +SHARES -s 00:05.0
check "bars -o +SHARES: the defaults, then SHARES" sh -c "head -n1 '$out' | grep -q '^DEVICE .*SHARES *SHARES$'"
run --sysroot "$asb" bars -o device,size --noheadings -s 00:05.0
check "bars -o device,size" grep -qx '0000:00:05.0  *16K' "$out"
for view in bridges bars; do
	run "$view" --list-columns --json
	cp "$out" "$work/$view-columns.json"
	check "$view --list-columns --json validates" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" \
		"$IC_SRCDIR/data/schemas" "$work/$view-columns.json"
	run --sysroot "$asb" "$view" -o BOGUS
	check "$view -o BOGUS: a usage error naming it" \
		sh -c "[ $rc -eq 2 ] && grep -q \"iso-check $view: -o BOGUS: unknown column 'BOGUS'\" '$err'"
done
# stdout write errors are not silent
if [ -w /dev/full ]; then
	rc=0
	"$IC_BIN" --sysroot "$tree" groups >/dev/full 2>"$work/err" || rc=$?
	check "write error on stdout: exit 1 with a message" sh -c "[ $rc -eq 1 ] && grep -q 'write error' '$work/err'"
fi
finish
