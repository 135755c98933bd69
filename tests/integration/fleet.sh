#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fleet.sh - the fleet outputs with the real components: `metrics` over every recorded tree
# accepted by promtool and matching the kernel's groups; --jsonl of every table view put back
# together into its --json document; --textfile replaced atomically; a real node_exporter
# serving what it wrote; the alerting rules checked and unit-tested by promtool; the systemd
# units verified by systemd-analyze. The Ansible playbook has a test of its own (ansible.sh).
. "$IC_SRCDIR/tests/lib/common.sh"
schemas="$IC_SRCDIR/data/schemas"

# VIEW ROWS_KEY: the views with --jsonl and the key of their rows in --json
views="groups:groups bridges:bridges bars:bars sriov:pfs audit:checks"
for name in $(fixtures); do
	tree=$(unpack "$name")
	run --sysroot "$tree" metrics
	cp "$out" "$work/$name.prom"
	check "$name: metrics exits 0 or 4, quietly" sh -c "[ $rc -eq 0 ] || [ $rc -eq 4 ]"
	check "$name: promtool check metrics accepts it" sh -c "promtool check metrics <'$work/$name.prom'"
	run --sysroot "$tree" audit --json
	cp "$out" "$work/$name-audit.json"
	check "$name: the kernel's groups, the tree's functions and VFs, the audit's counts" \
		"$IC_PYTHON" "$IC_SRCDIR/tests/lib/metrics.py" "$work/$name.prom" \
		"$IC_SRCDIR/tests/fixtures/$name.groups" "$tree" "$work/$name-audit.json"
	for v in $views; do
		view=${v%%:*} key=${v#*:}
		run --sysroot "$tree" "$view" --json
		cp "$out" "$work/$name-$view.json"
		jrc=$rc
		run --sysroot "$tree" "$view" --jsonl
		cp "$out" "$work/$name-$view.jsonl"
		check "$name: $view --jsonl is --json cut into lines, the same exit status" sh -c \
			"[ $rc -eq $jrc ] && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/jsonl.py' '$schemas' $view $key \
			'$work/$name-$view.jsonl' '$work/$name-$view.json'"
	done
done

# Every family printed is in iso-check-metrics(8) and has a rule or a reason in the registry.
for fam in $(sed -n 's/^# TYPE \([a-z_]*\) .*/\1/p' "$work/sriov-vfs.prom" "$work/audit-host.prom" | sort -u); do
	check "$fam in iso-check-metrics(8)" grep -q "\*$fam\*" "$IC_SRCDIR/man/iso-check-metrics.8.scd"
done

# Selection, exclusive options and a fatal error.
tree=$(unpack sriov-vfs)
run --sysroot "$tree" groups --jsonl -s 01:00.0
check "groups --jsonl -s: the selection's rows, one host" sh -c \
	"[ $rc -eq 0 ] && [ \$(grep -c '\"record\":\"row\"' '$out') -eq 1 ]"
run --sysroot "$tree" groups --json --jsonl
check "--json with --jsonl: a usage error" sh -c "[ $rc -eq 2 ] && grep -q 'exclude each other' '$err'"
run --sysroot "$tree" metrics --json
check "metrics --json: a usage error" sh -c "[ $rc -eq 2 ] && grep -q 'Prometheus' '$err'"
run --sysroot "$tree" --sysroot /nonexistent groups --jsonl
check "a fatal error with --jsonl: one error line, exit 1" sh -c \
	"[ $rc -eq 1 ] && [ \$(wc -l <'$out') -eq 1 ] && grep -q '\"record\":\"error\"' '$out' && grep -q '\"view\":\"groups\"' '$out'"

# A host name the tree records reaches every line; the kernel's "(none)" is no name.
mkdir -p "$tree/proc/sys/kernel"
echo node-17.example >"$tree/proc/sys/kernel/hostname"
run --sysroot "$tree" bars --jsonl
check "the tree's host name on every line" sh -c \
	"[ $rc -eq 0 ] && [ \$(grep -vc '\"host\":\"node-17.example\"' '$out') -eq 0 ]"
echo '(none)' >"$tree/proc/sys/kernel/hostname"
mkdir -p "$tree/etc"
echo node-18 >"$tree/etc/hostname"
run --sysroot "$tree" bars --jsonl
check "(none): etc/hostname instead" sh -c "[ $rc -eq 0 ] && grep -q '\"host\":\"node-18\"' '$out'"
rm -f "$tree/etc/hostname" "$tree/proc/sys/kernel/hostname"

# --textfile: atomic, 0644, nothing else left in the directory; a link is replaced, not followed.
dir="$work/textfile"
mkdir -p "$dir"
run --sysroot "$tree" metrics --textfile "$dir/iso-check.prom"
check "--textfile: written, mode 0644, silent, no temporary file left" sh -c \
	"[ $rc -eq 0 ] && [ ! -s '$out' ] && [ \$(stat -c %a '$dir/iso-check.prom') = 644 ] && \
	[ \"\$(ls -A '$dir')\" = iso-check.prom ] && promtool check metrics <'$dir/iso-check.prom'"
echo precious >"$work/target"
ln -sf "$work/target" "$dir/link.prom"
run --sysroot "$tree" metrics --textfile "$dir/link.prom"
check "--textfile over a link: the link replaced, its target untouched" sh -c \
	"[ $rc -eq 0 ] && [ ! -L '$dir/link.prom' ] && [ \"\$(cat '$work/target')\" = precious ]"
rm -f "$dir/link.prom"
run --sysroot "$tree" metrics --textfile "$work/missing/iso-check.prom"
check "--textfile in a missing directory: exit 1, one line naming it" sh -c \
	"[ $rc -eq 1 ] && one_line_naming() { [ \$(wc -l <'$err') -eq 1 ] && grep -q 'missing/iso-check.prom' '$err'; }; one_line_naming"
chmod 0555 "$dir"
if [ "$(id -u)" -ne 0 ]; then
	run --sysroot "$tree" metrics --textfile "$dir/iso-check.prom"
	check "--textfile in a read-only directory: exit 1, the old file kept" sh -c \
		"[ $rc -eq 1 ] && promtool check metrics <'$dir/iso-check.prom'"
fi
chmod 0755 "$dir"

# A real node_exporter with only the textfile collector, on a free loopback port.
port=$("$IC_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
prometheus-node-exporter --web.listen-address="127.0.0.1:$port" --collector.disable-defaults \
	--collector.textfile --collector.textfile.directory="$dir" >"$work/node-exporter.log" 2>&1 &
pid=$!
"$IC_PYTHON" - "$port" "$work/scrape" <<'PY'
import sys, time, urllib.request
for _ in range(100):  # up to 10 s for it to listen
    try:
        open(sys.argv[2], "wb").write(urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=2).read())
        break
    except OSError:
        time.sleep(0.1)
PY
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "node_exporter serves the iso_check_ series, without a textfile error" sh -c \
	"grep -q '^iso_check_groups{vfio=\"viable\"} ' '$work/scrape' && grep -q '^iso_check_sriov_vfs 12' '$work/scrape' && \
	grep -q '^node_textfile_scrape_error 0' '$work/scrape'"

# The alerting rules: valid, and each alert fires on the series that mean it.
check "promtool check rules accepts the rules file" promtool check rules "$IC_SRCDIR/data/prometheus/iso-check.rules.yml"
check "promtool test rules: the alerts fire when they should, and only then" sh -c \
	"cd '$IC_SRCDIR/tests/data/prometheus' && promtool test rules iso-check.rules.test.yml"

# The systemd units: the service as built, verified with the program it names in place.
units="$work/units"
mkdir -p "$units"
sed "s|^ExecStart=[^ ]*|ExecStart=$IC_BIN|" "$IC_BUILDDIR/data/systemd/iso-check-metrics.service" \
	>"$units/iso-check-metrics.service"
cp "$IC_SRCDIR/data/systemd/iso-check-metrics.timer" "$units/"
check "the built service runs metrics --textfile into node_exporter's directory" grep -q \
	'^ExecStart=/.*/iso-check metrics --textfile /var/lib/prometheus/node-exporter/iso-check.prom$' \
	"$IC_BUILDDIR/data/systemd/iso-check-metrics.service"
check "systemd-analyze verify accepts the units" sh -c \
	"cd '$units' && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./iso-check-metrics.service ./iso-check-metrics.timer"
finish
