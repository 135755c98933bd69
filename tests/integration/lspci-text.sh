# SPDX-License-Identifier: GPL-2.0-or-later
# lspci-text.sh - `--lspci-dump` of the text lspci prints. For every recorded tree, the text
# Debian's own lspci prints for it (-vvnnDk, and without group lines, without -nn, with -v only,
# mixed with -x hex rows) predicts no certain group the tree does not; with group lines, the
# groups listed are the kernel's. The messy-paste corpus, and real machines' text with the
# kernel's groups as the referee (../shared/realdata, not ours to commit).
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
equiv() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/text_equiv.py" "$@"; }
command -v lspci >/dev/null || { echo "1..0 # SKIP no lspci (pciutils)"; exit 0; }

trees=$(fixtures)
cp "$IC_SRCDIR/tests/bench/sriov-scale.tar.gz" "$IC_SRCDIR/tests/bench/sriov-scale.groups" "$work/" 2>/dev/null
for name in $trees sriov-scale; do
	if [ "$name" = sriov-scale ]; then
		tree="$work/trees/sriov-scale"
		mkdir -p "$tree" && tar --no-same-owner -xzf "$work/sriov-scale.tar.gz" -C "$tree"
		groups="$work/sriov-scale.groups"
	else
		tree=$(unpack "$name")
		groups="$IC_SRCDIR/tests/fixtures/$name.groups"
	fi
	lspci="lspci -A linux-sysfs -O sysfs.path=$tree/sys/bus/pci"
	$lspci -vvnnDk >"$work/$name.vvnn" 2>/dev/null
	grep -v 'IOMMU group' "$work/$name.vvnn" >"$work/$name.nogroups"
	$lspci -vvDk >"$work/$name.names" 2>/dev/null
	$lspci -vnnDk >"$work/$name.v" 2>/dev/null
	$lspci -vvnnDkx >"$work/$name.x" 2>/dev/null
	run --sysroot "$tree" groups --predict --json
	cp "$out" "$work/$name.tree.json"
	for form in vvnn nogroups names v x; do
		run --lspci-dump "$work/$name.$form" groups --predict --json
		cp "$out" "$work/$name.$form.json"
		check "$name, lspci -$form: exit 0 or 4 (got $rc), JSON that validates" \
			sh -c "[ $rc -eq 0 -o $rc -eq 4 ] && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/validate.py' '$schema' '$out'"
		if equiv "$work/$name.tree.json" "$out" >"$work/$name.$form.equiv"; then
			ok "$name, lspci -$form: every certain group is the tree's, for the same reason ($(head -1 "$work/$name.$form.equiv"))"
		else
			fail "$name, lspci -$form: every certain group is the tree's, for the same reason"
			sed 's/^/#   /' "$work/$name.$form.equiv"
		fi
	done
	# shown more of the machine, no certain answer changes, and none is lost: -x adds the
	# headers (multifunction bits) to the text
	n_vvnn=$(sed -n 's/^certain \([0-9]*\) .*/\1/p' "$work/$name.vvnn.equiv")
	n_x=$(sed -n 's/^certain \([0-9]*\) .*/\1/p' "$work/$name.x.equiv")
	check "$name: the text with hex rows (-x) is no less certain ($n_x) than the text alone ($n_vvnn)" [ "$n_x" -ge "$n_vvnn" ]
	out="$work/$name.vvnn.json"
	check "$name: the text says what it was read as" jq_py \
		"sys.exit(0 if d['source']['lspci_dump_form'].startswith('lspci -vvnn') else 1)"
	# the kernel's groups, from the text's IOMMU group lines
	if [ -s "$groups" ]; then
		run --lspci-dump "$work/$name.vvnn" groups --json
		kernel_listing | sort >"$work/$name.got"
		sort "$groups" >"$work/$name.want"
		check "$name: groups from the text's IOMMU group lines are the kernel's" diff -u "$work/$name.want" "$work/$name.got"
		out="$work/$name.vvnn.json"
		check "$name: --predict from the text differs from the kernel only where firmware tables decide" jq_py \
			"sys.exit(0 if all(f['cause'] == 'firmware_maps_no_iommu' for f in d['findings'] if f['code'] == 'prediction_differs') else 1)"
	fi
done

# What the text leaves open is said, with what would settle it.
run --lspci-dump "$work/basic-q35.vvnn" groups --predict
check "basic-q35: a lone upstream port's multifunction bit is named as what is missing" \
	grep -q "does not print whether a lone function 0 is multifunction: add its hex dump" "$out"
run --lspci-dump "$work/basic-q35.names" groups --predict
check "basic-q35 without -nn: the missing IDs are named, and -vvnn as the fix" grep -q "take lspci -vvnn" "$out"
run --lspci-dump "$work/powernv9.vvnn" groups --predict --json
check "powernv9: below a PowerNV PHB nothing is predicted, the PEs named as missing" jq_py \
	"sys.exit(0 if not d['groups'] and [f for f in d['findings'] if f['code'] == 'prediction_unknown' and 'PowerNV' in f['text']] else 1)"
run --lspci-dump "$work/acs-redir.nogroups" groups --predict --json
check "acs-redir without group lines: ports isolated by the enable step alone are uncertain_boot_acs" jq_py \
	"sys.exit(0 if [f for f in d['findings'] if f['code'] == 'uncertain_boot_acs'] else 1)"
run --lspci-dump "$work/acs-redir.nogroups" groups
check "a text without group lines and without --predict: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'use --predict' '$err'"
sed 's/^\tCapabilities: \[.*/\tCapabilities: <access denied>/' "$work/basic-q35.vvnn" | grep -v '^\t\t' >"$work/denied"
run --lspci-dump "$work/denied" groups --predict --json
check "not root (capabilities denied): config space counted cut, the root-port groups unknown" jq_py \
	"sys.exit(0 if d['config_space_cut'] and [f for f in d['findings'] if f['code'] == 'prediction_unknown' and 'as root' in f['text']] else 1)"

# The messy-paste corpus (tests/fixtures/lspci-text/README.md).
corpus="$IC_SRCDIR/tests/fixtures/lspci-text"
run --lspci-dump "$corpus/clean.txt" groups --predict -l -o GROUP,DEVICE,WHY
grep '^ ' "$out" >"$work/clean.rows"
for hazard in wrapped tabs stderr crlf session masked; do
	run --lspci-dump "$corpus/$hazard.txt" groups --predict -l -o GROUP,DEVICE,WHY
	grep '^ ' "$out" >"$work/$hazard.rows"
	check "corpus $hazard: exit 0, the groups of the clean text" sh -c "[ $rc -eq 0 ] && cmp -s '$work/clean.rows' '$work/$hazard.rows'"
done
run --lspci-dump "$corpus/two-machines.txt" groups --predict
check "corpus two-machines: refused, exit 1, naming the line" sh -c \
	"[ $rc -eq 1 ] && grep -q 'line [0-9]*: the function of line 1 again (several machines in one file?)' '$err'"
run --lspci-dump "$corpus/truncated.txt" groups --predict --json
check "corpus truncated: exit 4, a one-line problem naming the line" sh -c \
	"[ $rc -eq 4 ] && grep -q '^iso-check: .*truncated.txt: line [0-9]*: 09:00.0: the text may end in the middle of it' '$err'"
check "corpus truncated: JSON that validates" validate "$out"
check "corpus truncated: the rest are the tree's groups" equiv "$work/acs-redir.tree.json" "$out"
check "corpus truncated: the cut function is in no certain group" jq_py \
	"sys.exit(0 if not [x for g in d['groups'] for x in g['devices'] if x['address'] == '0000:09:00.0' and not x['prediction']['uncertain']] else 1)"

# Real machines' lspci -vvnn, with the kernel's IOMMU group lines (not committed: no licence).
real="$IC_SRCDIR/../shared/realdata/linuxhw-lspci-vvnn"
if [ -d "$real" ]; then
	for f in "$real"/*/lspci-vvnn.filtered.txt; do
		mach=$(basename "$(dirname "$f")")
		run --lspci-dump "$f" groups --predict --json
		cp "$out" "$work/$mach.json"
		check "$mach: exit 0 or 4 (got $rc), JSON that validates" sh -c "[ $rc -eq 0 -o $rc -eq 4 ] && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/validate.py' '$schema' '$out'"
		check "$mach: every predicted group is the kernel's, but where firmware tables decide" jq_py \
			"sys.exit(0 if all(f['cause'] == 'firmware_maps_no_iommu' for f in d['findings'] if f['code'] == 'prediction_differs') else 1)"
		check "$mach: most functions predicted for certain" jq_py \
			"n = [x for g in d['groups'] for x in g['devices']]; sys.exit(0 if len([x for x in n if not x['prediction']['uncertain']]) * 10 >= len(n) * 8 else 1)"
	done
else
	echo "# skipped the real machines: $real is not here"
fi
finish
