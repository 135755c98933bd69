# SPDX-License-Identifier: GPL-2.0-or-later
# findings.sh - the finding registry (--list-findings) is the single source of every finding:
# the man pages and JSON schemas agree with it, and every finding every view reports on the
# recorded trees is registered, with its registered severity.
. "$IC_SRCDIR/tests/lib/common.sh"
export ISO_CHECK_DATADIR="$IC_SRCDIR/data"
run --list-findings --json
cp "$out" "$work/registry.json"
check "--list-findings --json: exit 0" [ "$rc" -eq 0 ]
check "--list-findings --json validates" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" \
	"$IC_SRCDIR/data/schemas/iso-check-findings.schema.json" "$work/registry.json"
run --list-findings
check "--list-findings: a heading and one row per finding" \
	[ "$(($(wc -l <"$out") - 1))" -eq "$(grep -c '"code"' "$work/registry.json")" ]
check "--list-findings: columns CODE SEVERITY VIEW HELP" grep -q '^CODE  *SEVERITY VIEW  *HELP$' "$out"
run --list-findings groups
check "--list-findings with a command: a usage error" [ "$rc" -eq 2 ]

# --fail-on: findings set the exit status only when asked, by the worst severity.
q35="$IC_SRCDIR/tests/fixtures/basic-q35.tar.gz" asb="$IC_SRCDIR/tests/fixtures/acs-switch-bridge.tar.gz"
for t in "0|$q35 groups --predict" "6|$q35 --fail-on=warn groups --predict" \
	"0|$q35 groups --predict --fail-on=fail" "6|$q35 groups --predict --fail-on=note" \
	"7|$asb bars --page-size 64K --fail-on=warn" "6|$asb bars --page-size 4K --fail-on=note" \
	"0|$asb bars --page-size 4K --fail-on=warn" "2|$q35 --fail-on=bogus groups"; do
	# shellcheck disable=SC2086
	run --sysroot ${t#*|}
	check "exit ${t%%|*}: $(basename "${t#*|}")" [ "$rc" -eq "${t%%|*}" ]
done

n=0
for name in $(fixtures); do
	tree=$(unpack "$name")
	for args in "groups --predict --explain --json" "groups --json --predict --acs-override=downstream,multifunction" \
		"bridges --json" "bars --json --page-size 64K --segments 3G:1G:128"; do
		# shellcheck disable=SC2086
		run --sysroot "$tree" $args
		n=$((n + 1))
		cp "$out" "$work/doc$n.json"
	done
done
for dump in "$IC_SRCDIR"/tests/fixtures/lspci/*; do
	case $dump in *.md) continue ;; esac
	run --lspci-dump "$dump" groups --predict --json
	n=$((n + 1))
	cp "$out" "$work/doc$n.json"
done
"$IC_PYTHON" "$IC_SRCDIR/tests/lib/findings.py" "$work/registry.json" "$IC_SRCDIR" "$work"/doc*.json >"$work/results" 2>&1
while IFS= read -r line; do
	case $line in
	"ok "*) ok "${line#ok }" ;;
	"not ok "*) fail "${line#not ok }" ;;
	*) echo "# $line" ;;
	esac
done <"$work/results"
finish
