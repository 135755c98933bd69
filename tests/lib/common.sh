# SPDX-License-Identifier: GPL-2.0-or-later
# common.sh - helpers for the integration tests: unpacking recorded trees, running the built
# iso-check with pinned names, and counting checks. Sourced by tests/integration/*.sh.
set -u
: "${IC_BIN:?run through make check}" "${IC_SRCDIR:?}" "${IC_BUILDDIR:?}"
IC_PYTHON=${IC_PYTHON:-/usr/bin/python3}	# Debian's python3, which has python3-jsonschema
ic_name=$(basename "$0" .sh)
work="$IC_BUILDDIR/tests/output/$ic_name"
rm -rf "$work"
mkdir -p "$work"
checks=0
failures=0

# Names of the recorded trees in tests/fixtures.
fixtures() {
	for f in "$IC_SRCDIR"/tests/fixtures/*.tar.gz; do basename "$f" .tar.gz; done
}

# unpack NAME [COPY]: unpacks a tree into the work directory and prints its path.
unpack() {
	local dest="$work/trees/${2:-$1}"
	rm -rf "$dest"
	mkdir -p "$dest"
	tar --no-same-owner -xzf "$IC_SRCDIR/tests/fixtures/$1.tar.gz" -C "$dest"
	echo "$dest"
}

# pe_names TREE [OFFSET]: gives TREE's IOMMU groups the names PowerNV gives its PEs'
# groups, domain0-peN with N the group number plus OFFSET, in hex.
pe_names() {
	for g in "$1"/sys/kernel/iommu_groups/*; do
		printf 'domain0-pe%x\n' "$((${g##*/} + ${2:-0}))" >"$g/name"
	done
}

# run ARGS...: runs iso-check with names pinned to tests/data/pci.ids; sets $out, $err, $rc.
run() {
	out="$work/out" err="$work/err"
	rc=0
	"$IC_BIN" -i "$IC_SRCDIR/tests/data/pci.ids" "$@" >"$out" 2>"$err" || rc=$?
}

ok() { checks=$((checks + 1)); echo "ok $checks - $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok $checks - $*"; }
# check DESCRIPTION COMMAND...: one check that passes if COMMAND succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else fail "$desc"; fi
}
# The exit status is a number below 128: iso-check never dies of a signal.
no_crash() { [ "$rc" -lt 128 ]; }
# Every line on stderr names a path of the tree and says what is wrong with it.
one_line_naming() { [ "$(wc -l <"$err")" -ge 1 ] && grep -q -- "$1" "$err" && ! grep -qv '^iso-check: ' "$err"; }
# The groups of the JSON document in $out as the kernel lists them: "group N BDF".
kernel_listing() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/groups.py" "$out"; }
jq_py() { "$IC_PYTHON" -c "import json,sys; d=json.load(open(sys.argv[1])); $1" "$out"; }

# The TAP plan, last, and the script's own summary; exit 1 on any failure or no check at all.
finish() {
	if [ "$checks" -eq 0 ]; then
		echo "1..1"
		echo "not ok 1 - $ic_name ran no check"
		exit 1
	fi
	echo "1..$checks"
	echo "# $ic_name: $checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit
}
# skip_all REASON: nothing to check here (TAP's skip plan).
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}
