# SPDX-License-Identifier: GPL-2.0-or-later
# readme.sh - every "$ iso-check ..." example in README.md runs as written, against trees of
# this repository, and prints what the README shows (a "..." line stands for cut lines).
. "$IC_SRCDIR/tests/lib/common.sh"
mkdir -p "$work/cwd"
ln -sfn "$IC_SRCDIR/tests" "$work/cwd/tests"
PATH="$(dirname "$IC_BIN"):$PATH" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/readme.py" \
	"$IC_SRCDIR/README.md" "$work/cwd" >"$work/results" 2>&1
while IFS= read -r line; do
	case $line in
	"ok "*) ok "README: ${line#ok }" ;;
	"not ok "*) fail "README: ${line#not ok }" ;;
	*) echo "$line" ;;
	esac
done <"$work/results"
check "README has examples to run" grep -q '^ok\|^not ok' "$work/results"
finish
