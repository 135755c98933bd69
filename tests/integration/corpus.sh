# SPDX-License-Identifier: GPL-2.0-or-later
# corpus.sh - the malformed-input corpus (tests/lib/corpus.py: mutated trees, crafted archives,
# crafted dumps) through every subcommand: no crash, no hang, documented exit statuses only,
# every message naming its path, no write outside the destination, nothing left in TMPDIR, and
# nothing of the canary directory (what the cases' links point at) in any result.
. "$IC_SRCDIR/tests/lib/common.sh"
export ISO_CHECK_DATADIR="$IC_SRCDIR/data"
cases="$work/cases" canary="$work/canary"
mkdir -p "$cases" "$canary"
printf 'CANARY-SECRET\n' >"$canary/type"
# a bridge whose memory window, 0xc0d00000-0xc0dfffff, shows in bridges if this is ever read
"$IC_PYTHON" -c 'import sys; c = bytearray(4096); c[0:4] = b"\x43\x43\x43\x43"; c[0x0e] = 1; c[0x20:0x24] = b"\xd0\xc0\xd0\xc0"; sys.stdout.buffer.write(c)' >"$canary/config"
(cd "$canary" && stat -c "%n %Y %s" . && ls -lA --time-style=+%s && md5sum type config) >"$work/canary.before"
"$IC_PYTHON" "$IC_SRCDIR/tests/lib/corpus.py" "$IC_SRCDIR/tests/fixtures" "$cases" "$canary" >"$work/names" ||
	{ fail "the corpus could not be made"; finish; }
base=$(unpack basic-q35 base)
tree_cmds=("groups" "groups --predict --explain --json" "groups --isolate 0000:01:00.0" "bridges"
	"bars --page-size 64K --segments 3G:1G:128" "sriov --json" "audit --json" "snapshot snap" "snapshot snap.tar.gz"
	"report rep.tar.gz" "diff")
dump_cmds=("groups --predict" "groups --predict --explain --json" "groups --isolate 00:00.0" "bridges" "audit")
# A message names a path, an archive member, a dump, or the PCI function it is about.
named='^iso-check( [a-z]+)?: ([^ ]*/|[^ ]*\.(tar\.gz|txt)|[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7])'
total=0
while read -r name; do
	src="$cases/$name"
	case $name in
	*.txt) how=(--lspci-dump "$src"); cmds=("${dump_cmds[@]}") ;;
	*) how=(--sysroot "$src"); cmds=("${tree_cmds[@]}") ;;
	esac
	bad=""
	for args in "${cmds[@]}"; do
		dir="$work/run/$name/$total"
		mkdir -p "$dir/tmp"
		total=$((total + 1))
		rc=0
		if [ "$args" = diff ]; then
			(cd "$dir" && TMPDIR="$dir/tmp" timeout 60 "$IC_BIN" diff "$src" "$base") >"$dir/out" 2>"$dir/err" || rc=$?
		else
			# shellcheck disable=SC2086
			(cd "$dir" && TMPDIR="$dir/tmp" timeout 60 "$IC_BIN" "${how[@]}" $args) >"$dir/out" 2>"$dir/err" || rc=$?
		fi
		case $rc in
		0 | 1 | 3 | 4 | 5) ;;
		6 | 7) [ "${args%% *}" = audit ] || bad="$bad; $args: exit $rc" ;;	# audit's verdicts
		124) bad="$bad; $args: hung" ;;
		*) bad="$bad; $args: exit $rc" ;;
		esac
		if grep -q 'Sanitizer\|runtime error' "$dir/err"; then
			bad="$bad; $args: $(grep -m1 'Sanitizer\|runtime error' "$dir/err")"
		elif grep -Evq "$named|^Try 'iso-check" "$dir/err"; then
			bad="$bad; $args: a message naming no path: $(grep -Ev "$named|^Try" "$dir/err" | head -n1)"
		fi
		[ -z "$(ls -A "$dir/tmp")" ] || bad="$bad; $args: left $(ls "$dir/tmp" | head -n1) in TMPDIR"
		for f in "$dir"/*.tar.gz; do
			[ -f "$f" ] && gzip -dc "$f" 2>/dev/null | grep -aq 'CANARY\|CCCC\|0xc0d0' &&
				bad="$bad; $args: the canary is in $(basename "$f")"
		done
		if grep -rlaq 'CANARY\|0xc0d0' "$dir"; then
			bad="$bad; $args: the canary was read into $(grep -rla 'CANARY\|0xc0d0' "$dir" | head -n1)"
		fi
	done
	if [ -z "$bad" ]; then
		ok "$name: every command returns as documented"
	else
		fail "$name:${bad#;}"
	fi
done <"$work/names"
(cd "$canary" && stat -c "%n %Y %s" . && ls -lA --time-style=+%s && md5sum type config) >"$work/canary.after"
check "nothing was written into the canary directory" cmp -s "$work/canary.before" "$work/canary.after"
check "the corpus has 40 cases or more ($(wc -l <"$work/names"), $total runs)" [ "$(wc -l <"$work/names")" -ge 40 ]
finish
