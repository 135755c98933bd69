# SPDX-License-Identifier: GPL-2.0-or-later
# bench.sh - `make bench` still runs: one round on the recorded tree and one small synthetic
# host; every view and the floor finish without an error (no time is judged: a smoke test).
. "$IC_SRCDIR/tests/lib/common.sh"

bench="$IC_BUILDDIR/tests/bench" out="$work/out" err="$work/err"
IC_BENCH_ROUNDS=1 "$IC_PYTHON" "$IC_SRCDIR/tests/bench/bench.py" "$IC_BIN" "$bench/readfloor" \
	"$bench/measure" "$IC_SRCDIR/tests/bench/sriov-scale.tar.gz" 300 600 >"$out" 2>"$err"
rc=$?
check "bench.py runs (exit $rc)" [ "$rc" -eq 0 ]
for t in "1 function" "279 functions (recorded)" "558 functions" "837 functions" "growth from 558 to 837"; do
	check "it measures: $t" grep -qF "## $t" "$out"
done
check "every view, lspci and the floor are measured on every tree" sh -c \
	"[ \$(grep -c '^groups --predict --explain --json ' '$out') -eq 5 ] && [ \$(grep -c '^lspci -vvv ' '$out') -eq 5 ] &&
	 [ \$(grep -c '^read floor ' '$out') -eq 5 ]"
check "no run ended in an error" sh -c "! grep -q '(exit ' '$out'"
check "the synthetic host's groups are the copies' kernel groups" sh -c \
	"'$IC_PYTHON' '$IC_SRCDIR/tests/bench/mktree.py' '$IC_SRCDIR/tests/bench/sriov-scale.tar.gz' 600 '$work/t' >/dev/null &&
	 '$IC_BIN' --sysroot '$work/t' groups --predict | grep -q 'every predicted group matches the kernel'"
finish
