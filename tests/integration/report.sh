# SPDX-License-Identifier: GPL-2.0-or-later
# report.sh - `iso-check report`: one .tar.gz with the snapshot, the JSON of every view computed
# from it (valid, and equal to running iso-check on the snapshot), and a text summary.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }

for name in basic-q35 no-iommu; do
	tree=$(unpack "$name")
	(cd "$work" && "$IC_BIN" -i "$IC_SRCDIR/tests/data/pci.ids" --sysroot "$tree" report "$name.tar.gz") >"$work/out" 2>"$work/err"
	rc=$?
	check "$name: report: exit 0" [ "$rc" -eq 0 ]
	check "$name: it says what it collected and where" grep -q "^Collected into $name.tar.gz:" "$work/out"
	mkdir -p "$work/$name"
	tar -xzf "$work/$name.tar.gz" -C "$work/$name"
	check "$name: snapshot, JSON views and summary are there" sh -c \
		"cd '$work/$name' && [ -d snapshot/sys ] && [ -s groups.json ] && [ -s groups-predict.json ] && [ -s bridges.json ] && [ -s bars.json ] && [ -s sriov.json ] && [ -s audit.json ] && [ -s summary.txt ] && [ ! -e .snapshot.out ]"
	check "$name: the JSON validates" validate "$work/$name/groups.json" "$work/$name/groups-predict.json" \
		"$work/$name/bridges.json" "$work/$name/bars.json" "$work/$name/sriov.json" "$work/$name/audit.json"
	out="$work/$name/groups-predict.json"
	check "$name: the prediction carries explanations" jq_py \
		'sys.exit(0 if all("explanation" in x["prediction"] for g in d["groups"] for x in g["devices"]) else 1)'
	# the report's JSON is what iso-check says about the snapshot it holds
	run --sysroot "$work/$name/snapshot" groups --json
	sed "s|$work/$name/snapshot|SNAP|g" "$out" >"$work/a"
	sed 's|"sysroot": "[^"]*snapshot"|"sysroot": "SNAP"|; s|"path": "[^"]*snapshot/|"path": "SNAP/|' "$work/$name/groups.json" >"$work/b"
	check "$name: groups.json equals iso-check on the included snapshot" cmp -s "$work/a" "$work/b"
	# the bundle itself is a --sysroot (its snapshot/), as a file and unpacked
	# (paths named the way each root is: SNAP for all three)
	for root in "$work/$name/snapshot" "$work/$name.tar.gz" "$work/$name"; do
		run --sysroot "$root" groups
		sed "s|$work/$name.tar.gz:||g; s|$work/$name/snapshot||g" "$out" >"$work/${root##*/}.txt"
	done
	check "$name: --sysroot of the bundle, packed or not, reads its snapshot" sh -c \
		"cmp -s '$work/snapshot.txt' '$work/$name.tar.gz.txt' && cmp -s '$work/snapshot.txt' '$work/$name.txt'"
	check "$name: the summary shows each command and its exit status" sh -c \
		"grep -qx '\$ iso-check groups' '$work/$name/summary.txt' && grep -qx '\$ iso-check groups --predict' '$work/$name/summary.txt' && grep -q '^(exit status' '$work/$name/summary.txt'"
	check "$name: no work directory is left" sh -c "! ls -d '$work'/*.tmp-* 2>/dev/null"
done
check "the IOMMU being off is in the report, not its failure" grep -qx '(exit status 3)' "$work/no-iommu/summary.txt"
check "the summary names paths inside the bundle, never a work directory" \
	sh -c "grep -q '^snapshot/sys/kernel/iommu_groups ' '$work/no-iommu/summary.txt' && ! grep -q 'tmp-' '$work/no-iommu/summary.txt'"
check "the views' source is the bundle's snapshot/" grep -q '"sysroot": "snapshot"' "$work/no-iommu/groups.json"

(cd "$work" && "$IC_BIN" --sysroot "$work/trees/basic-q35" report --redact red.tar.gz) >/dev/null 2>&1
mkdir -p "$work/red" && tar -xzf "$work/red.tar.gz" -C "$work/red"
check "report --redact: the snapshot is redacted" grep -qx 'redacted: yes' "$work/red/snapshot/ISO_CHECK_SNAPSHOT"
run --sysroot "$work/trees/basic-q35" report "$work/basic-q35.tar.gz"
check "an existing report is not overwritten: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'already exists' '$err'"
run --sysroot "$work/trees/basic-q35" report a.tar.gz b.tar.gz
check "two destinations: exit 2" [ "$rc" -eq 2 ]
# A bundle's snapshot/ that is a link (to this host's /) is not followed.
mkdir -p "$work/evil"
ln -s / "$work/evil/snapshot"
run --sysroot "$work/evil" groups
check "a bundle whose snapshot/ is a link: not followed, exit 1 naming the tree" sh -c \
	"[ $rc -eq 1 ] && grep -q '$work/evil/sys/bus/pci/devices' '$err'"
finish
