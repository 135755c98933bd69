# SPDX-License-Identifier: GPL-2.0-or-later
# lspci-dump.sh - `--lspci-dump FILE groups --predict`: pasted hex dumps read through libpci's
# dump method, topology from bridge bus numbers; the kernel's groups where a real machine's are
# known (from ../shared/realdata, when present: those files are not ours to commit).
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
dumps="$IC_SRCDIR/tests/fixtures/lspci"

for name in tree-asus-p6t6 PCI-X-bridges-and-domains cap-vc-and-rcl; do
	run --lspci-dump "$dumps/$name" groups --predict --json
	check "$name: exit 0" [ "$rc" -eq 0 ]
	cp "$out" "$work/$name.json"
	check "$name: validates" validate "$work/$name.json"
	# decoded lines naming drivers (cap-vc-and-rcl is lspci -vvvxxx) make every driver known
	drivers=False
	grep -q 'Kernel driver in use' "$dumps/$name" && drivers=True
	check "$name: kernel groups are unknown, not absent; drivers too unless the file names them" jq_py \
		"sys.exit(0 if d['source']['lspci_dump'] and all((x['vfio'] != 'unknown') == $drivers and x['prediction']['kernel_group'] is None for g in d['groups'] for x in g['devices']) else 1)"
	# the whole predicted view, against tests/expected/
	run --lspci-dump "$dumps/$name" groups --predict -l -o GROUP,DEVICE,ID,PCIE,WHY
	expected="$IC_SRCDIR/tests/expected/lspci_$(echo "$name" | tr -c 'A-Za-z0-9\n' '_')_predict"
	[ "${IC_UPDATE:-}" = 1 ] && cp "$out" "$expected"
	check "$name: predicted groups as expected" diff -u "$expected" "$out"
done

# What the predictions say, checked by hand against the kernel's rules.
run --lspci-dump "$dumps/tree-asus-p6t6" groups --predict --json
grp() { jq_py "print([g['group'] for g in d['groups'] for x in g['devices'] if x['address'] == '$1'][0])"; }
check "p6t6: an endpoint below a switch port without ACS joins the port" sh -c "[ '$(grp 0000:04:00.0)' = '$(grp 0000:03:00.0)' ]"
check "p6t6: the X58 root ports with ACS are apart" sh -c "[ '$(grp 0000:00:01.0)' != '$(grp 0000:00:03.0)' ]"
check "p6t6: ICH10 root ports without ACS share a group with what is below them" sh -c \
	"[ '$(grp 0000:00:1c.0)' = '$(grp 0000:00:1c.2)' ] && [ '$(grp 0000:07:00.0)' = '$(grp 0000:00:1c.0)' ]"
check "p6t6: the GPU and its audio function share a group" sh -c "[ '$(grp 0000:06:00.0)' = '$(grp 0000:06:00.1)' ]"
check "p6t6: bus 00 and all below it are numbered before root bus ff" sh -c "[ '$(grp 0000:02:00.0)' -lt '$(grp 0000:ff:00.0)' ]"
run --lspci-dump "$dumps/PCI-X-bridges-and-domains" groups --predict --json
check "PCI-X: devices behind a conventional bridge take its group" sh -c "[ '$(grp 0001:62:00.0)' = '$(grp 0001:61:01.0)' ]"
check "PCI-X: five domains, none merged" sh -c "[ '$(grp 0001:00:02.0)' != '$(grp 0002:00:02.0)' ]"

run --lspci-dump "$dumps/broken-ecaps" groups --predict
check "broken extended capabilities: exit 4, naming the file and the function" sh -c \
	"[ $rc -eq 4 ] && grep -q '^iso-check: $dumps/broken-ecaps: 0000:00:00.0: extended capability pointer' '$err'"

# Usage and bad input.
run --lspci-dump "$dumps/tree-asus-p6t6" groups
check "a dump without --predict: exit 2" sh -c "[ $rc -eq 2 ] && grep -q 'use --predict' '$err'"
run --lspci-dump "$dumps/tree-asus-p6t6" --sysroot / groups --predict
check "--lspci-dump with --sysroot: exit 2" [ "$rc" -eq 2 ]
run --lspci-dump "$work/none" groups --predict
check "a missing dump: exit 1 naming it" sh -c "[ $rc -eq 1 ] && grep -q '$work/none' '$err'"
printf '00:00.0 Host bridge\n00: zz zz\n' >"$work/garbage"
run --lspci-dump "$work/garbage" groups --predict --json
check "garbage: exit 1, a JSON error object, no crash" sh -c "[ $rc -eq 1 ] && grep -q '\"error\"' '$out'"
: >"$work/empty"
run --lspci-dump "$work/empty" groups --predict
check "an empty dump: exit 1" sh -c "[ $rc -eq 1 ] && grep -q 'no device' '$err'"

# Real machines with the kernel's groups from the same boot (not committed: no licence).
real="$IC_SRCDIR/../shared/realdata"
if [ -d "$real/hcl-lspci-xxxx" ]; then
	run --lspci-dump "$real/hcl-lspci-xxxx/ecs-h310ch5/lspci.replay" groups --predict --json
	kernel_listing | sort >"$work/ecs.got"
	sed -n 's/.*pci \([0-9a-f:.]*\): Adding to iommu group \([0-9]*\).*/group \2 \1/p' \
		"$real/hcl-lspci-xxxx/ecs-h310ch5/dmesg.log" | sort >"$work/ecs.want"
	check "ecs-h310ch5 (Coffee Lake + H310, SPT quirk): the kernel's groups and numbers" \
		diff -u "$work/ecs.want" "$work/ecs.got"
	check "ecs-h310ch5: the PCH root port is isolated by the SPT quirk" jq_py \
		'sys.exit(0 if [x for g in d["groups"] for x in g["devices"] if x["address"] == "0000:00:1c.0" and x["prediction"]["quirk"] == "pci_quirk_intel_spt_pch_acs"] else 1)'
	run --lspci-dump "$real/lkml-x99-pch-acs-quirk/rootports.lspci-xxxx.txt" groups --predict --json
	check "X99: as Linux 5.8 grouped it, each root port alone, the PCH one through an uncertain quirk" jq_py \
		'sys.exit(0 if len(d["groups"]) == 3 and [f for f in d["findings"] if f["code"] == "uncertain_quirk" and f["devices"] == ["0000:00:1c.4"]] else 1)'
	# what people paste is lspci -vvvxxxx, decoded lines and all: the same as the hex alone
	for mach in ecs-h310ch5 huananzhi-x99-qd4 lenovo-t400; do
		run --lspci-dump "$real/hcl-lspci-xxxx/$mach/lspci.log" groups --predict -l -o GROUP,DEVICE
		grep '^ ' "$out" >"$work/$mach.raw"
		run --lspci-dump "$real/hcl-lspci-xxxx/$mach/lspci.replay" groups --predict -l -o GROUP,DEVICE
		grep '^ ' "$out" >"$work/$mach.hex"
		check "$mach: the pasted lspci -nnvvvxxxx log predicts as its hex rows alone" cmp -s "$work/$mach.raw" "$work/$mach.hex"
	done
	n=0
	for f in "$real"/pciutils-tests/* "$real"/hcl-lspci-xxxx/*/lspci.replay "$real"/lkml-x99-pch-acs-quirk/*.txt; do
		case $f in *iommu-groups*) continue ;; esac
		run --lspci-dump "$f" groups --predict --json
		n=$((n + 1))
		if [ "$rc" -eq 0 ] || [ "$rc" -eq 4 ]; then cp "$out" "$work/real$n.json"; else fail "$f: exit $rc"; fi
	done
	check "all $n real dumps read without a crash, and their JSON validates" validate "$work"/real*.json
else
	echo "# skipped the real machines: $real is not here"
fi
finish
