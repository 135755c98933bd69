# SPDX-License-Identifier: GPL-2.0-or-later
# mmio.sh - `bridges` and `bars` over the recorded trees: the kernel's own layouts are
# contained and agree with config space; 4K BARs of different groups share pages at 64K; the
# segment checks; PowerNV PEs as domains; bad input and usage errors.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }
codes() { jq_py "print('\n'.join(f['code'] for f in d['findings']))"; }

for name in $(fixtures); do
	tree=$(unpack "$name")
	run --sysroot "$tree" bridges --json
	check "$name: bridges exit 0" [ "$rc" -eq 0 ]
	cp "$out" "$work/$name-bridges.json"
	check "$name: bridges --json validates" validate "$work/$name-bridges.json"
	# The kernel assigned these windows: config space says the same, everything fits.
	# (and every bridge listed: as many as the tree's config headers of type 1)
	nbridges=$("$IC_PYTHON" -c 'import sys; print(sum(open(f, "rb").read(15)[14:15] in (b"\x01", b"\x81") for f in sys.argv[1:]))' "$tree"/sys/bus/pci/devices/*/config)
	check "$name: bridges: all $nbridges bridges, no findings on the kernel's own layout" jq_py \
		"sys.exit(0 if not d['findings'] and len(d['bridges']) == $nbridges else 1)"
	check "$name: bridges: every window decoded from config space" jq_py \
		'sys.exit(0 if all(b["windows"][t]["config"]["state"] != "unknown" for b in d["bridges"] for t in ("io", "memory", "prefetchable")) else 1)'
	for ps in 4K 64K; do
		run --sysroot "$tree" bars --json --page-size "$ps"
		cp "$out" "$work/$name-bars-$ps.json"
		check "$name: bars --page-size $ps: exit 0, validates" sh -c \
			"[ $rc -eq 0 ] && $IC_PYTHON '$IC_SRCDIR/tests/lib/validate.py' '$schema' '$work/$name-bars-$ps.json'"
	done
	# x86 firmware gives every sub-page BAR a page of its own: nothing shared at 4K
	out="$work/$name-bars-4K.json"
	check "$name: bars at 4K: no page shared" jq_py \
		'sys.exit(0 if not [f for f in d["findings"] if f["code"] == "page_shared"] else 1)'
	# every page_shared finding at 64K names BARs of different domains in one 64K page
	out="$work/$name-bars-64K.json"
	check "$name: bars at 64K: each shared page holds two domains" jq_py '
bars = [b for b in d["bars"] if b["assigned"] and b["space"] != "io" and b["kind"] != "iov"]
for f in d["findings"]:
    if f["code"] != "page_shared":
        continue
    page = int(f["page"], 16)
    doms = {(b["domain"]["kind"], b["domain"]["id"]) for b in bars
            if int(b["start"], 16) // 65536 == page // 65536 or int(b["end"], 16) // 65536 == page // 65536}
    if len(doms) < 2:
        sys.exit(1)'
done

# pciutils as a second referee: its lspci decodes the same config space and resource files.
if command -v lspci >/dev/null; then
	for name in $(fixtures); do
		tree="$work/trees/$name"
		# PowerNV windows: lspci prints bus addresses (and the kernel's trimmed M64 limit),
		# iso-check CPU addresses, which differ by the PHB's offsets; the same on every other tree
		if ls "$tree"/sys/bus/pci/devices/*/eeh_pe_config_addr >/dev/null 2>&1; then
			echo "# $name: PowerNV, bus and CPU addresses differ: lspci is no referee here"
			continue
		fi
		lspci -D -A linux-sysfs -O "sysfs.path=$tree/sys/bus/pci" -vv >"$work/$name.lspci" 2>/dev/null
		check "$name: every window and BAR lspci shows is what bridges and bars say" \
			"$IC_PYTHON" "$IC_SRCDIR/tests/lib/lspci_ref.py" "$work/$name.lspci" \
			"$work/$name-bridges.json" "$work/$name-bars-4K.json"
	done
else
	echo "# lspci (pciutils) not installed: no second referee"
fi

# acs-switch-bridge: four root ports and the VGA keep 4K BARs side by side on the root bus.
tree="$work/trees/acs-switch-bridge"
run --sysroot "$tree" bars --page-size 64K --json
check "64K: the root bus BARs share page 0xfea10000" jq_py \
	'sys.exit(0 if [f for f in d["findings"] if f["code"] == "page_shared" and f["page"] == "0xfea10000" and len(f["devices"]) == 7] else 1)'
check "64K: 4K BARs are sub-page, refused when they share" jq_py \
	'sys.exit(0 if [b for b in d["bars"] if b["address"] == "0000:00:02.0" and b["vfio_mmap"] == "refused" and b["shares_page"]] else 1)'
run --sysroot "$tree" bars --json
check "default page size: assumed 4K for a tree without PAGE_SIZE" jq_py \
	'sys.exit(0 if d["page_size"] == "0x1000" and d["page_size_source"] == "assumed" else 1)'
echo 65536 >"$tree/PAGE_SIZE"
run --sysroot "$tree" bars --json
check "PAGE_SIZE in the tree: 64K from the snapshot" jq_py \
	'sys.exit(0 if d["page_size"] == "0x10000" and d["page_size_source"] == "snapshot" and "page_shared" in [f["code"] for f in d["findings"]] else 1)'
rm "$tree/PAGE_SIZE"

# Segments: the 32M below 0xfe000000+32M in 2M segments (root port windows are 2M-aligned).
run --sysroot "$tree" bars --segments 0xfe000000:32M:16 --json
codes >"$work/codes"
check "segments: the root bus segment is shared by seven groups" jq_py \
	'sys.exit(0 if [f for f in d["findings"] if f["code"] == "segment_shared" and f["segment"] == "0xfea00000" and len(f["devices"]) == 7] else 1)'
check "segments: the root bus BARs are behind no bridge" sh -c "[ \$(grep -c bar_not_behind_bridge '$work/codes') -eq 7 ]"
check "segments: the kernel's windows are 2M-aligned" sh -c "! grep -q window_not_segment_aligned '$work/codes'"
check "segments: every BAR in a shared segment says so" jq_py \
	'sys.exit(0 if [b for b in d["bars"] if b["address"] == "0000:00:05.0" and b["shares_segment"]] and not [b for b in d["bars"] if b["address"] == "0000:01:00.0" and b["shares_segment"]] else 1)'
run --sysroot "$tree" bars --segments 0xfe000000:32M:64 --json
codes >"$work/codes"
check "segments of 512K: the 2M-granular windows are still aligned, BARs split" sh -c \
	"! grep -q window_not_segment_aligned '$work/codes' && grep -q segment_shared '$work/codes'"
run --sysroot "$tree" bars --segments 0xfe000000:32M:8 --json
codes >"$work/codes"
check "segments of 4M: the 2M windows are not aligned to them" grep -q window_not_segment_aligned "$work/codes"

# Selection: the bridges above one function, and only its findings.
run --sysroot "$tree" bridges -s 05:00.0 --json
check "bridges -s: the path to 05:00.0" jq_py \
	'sys.exit(0 if [b["address"] for b in d["bridges"]] == ["0000:00:03.0", "0000:02:00.0", "0000:03:01.0"] else 1)'
run --sysroot "$tree" bars -d 8086:10d3 --json
check "bars -d: only the e1000e BARs" jq_py \
	'sys.exit(0 if d["bars"] and all(b["address"] in ("0000:01:00.0", "0000:04:00.0") for b in d["bars"]) else 1)'

# IOMMU off: the predicted groups own the BARs.
run --sysroot "$(unpack iommu-off)" bars --json
check "IOMMU off: BARs belong to predicted groups" jq_py \
	'sys.exit(0 if all(b["domain"]["kind"] == "predicted_group" for b in d["bars"]) else 1)'

# PowerNV: group names domainD-peN make PEs the domains.
tree=$(unpack basic-q35 powernv)
pe_names "$tree" 16
run --sysroot "$tree" bars --json
check "PowerNV group names: PEs own the BARs" jq_py \
	'sys.exit(0 if all(b["domain"]["kind"] == "pe" and b["domain"]["pci_domain"] == 0 for b in d["bars"]) else 1)'
run --sysroot "$tree" bars
check "PowerNV: the text names PEs" grep -q ' PE 0:1[0-9a-f] ' "$out"
tree=$(unpack basic-q35 eeh)
for f in "$tree"/sys/devices/pci0000:00/*/config; do
	printf '0x%x\n' 5 >"${f%/config}/eeh_pe_config_addr"
done
run --sysroot "$tree" bars --page-size 64K --json
check "eeh_pe_config_addr: one PE for the root bus, nothing shared between its BARs" jq_py \
	'sys.exit(0 if [b for b in d["bars"] if b["address"] == "0000:00:02.0" and b["domain"] == {"kind": "pe", "id": 5, "pci_domain": 0} and not b["shares_page"]] else 1)'

# Bad input: garbage in a resource file is a problem naming it, the rest still reported.
tree=$(unpack basic-q35 bad-resource)
echo garbage >"$tree/sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0/resource"
run --sysroot "$tree" bars --json
check "garbage resource: exit 4, partial" sh -c "[ $rc -eq 4 ]"
check "garbage resource: one line naming it" one_line_naming "0000:01:00.0/resource"
check "garbage resource: the other BARs are listed" jq_py \
	'sys.exit(0 if d["partial"] and len(d["bars"]) > 10 and not [b for b in d["bars"] if b["address"] == "0000:01:00.0"] else 1)'
run --sysroot "$tree" bridges
check "garbage resource: bridges exit 4, no crash" [ "$rc" -eq 4 ]

# PowerNV, segments from the device tree (no --segments): on the kernel's layout the PHBs' M32
# and M64 windows are cut one segment per PE and no two PEs share one; move a BAR into another
# PE's M32 segment and it is found; without the PE numbers read, predicted PEs own the BARs.
tree=$(unpack powernv9-m64 pnv-segments)
run --sysroot "$tree" bars --json
cp "$out" "$work/pnv-bars.json"
check "powernv9-m64: bars validates" validate "$work/pnv-bars.json"
check "powernv9-m64: 12 segment profiles from the device tree, M32 of PHB 0 in 512 of 4M" jq_py \
	'sys.exit(0 if len(d["segments"]) == 12 and all(s["source"] == "device_tree" for s in d["segments"]) and [s for s in d["segments"] if s["pci_domain"] == 0 and s["window"] == "m32" and s["segment_size"] == "0x400000" and s["count"] == 512] else 1)'
codes >"$work/codes"
check "powernv9-m64: the kernel's layout shares no segment, its windows are aligned" sh -c \
	"! grep -q -e segment_shared -e window_not_segment_aligned -e bar_not_behind_bridge '$work/codes'"
# 0000:04:00.0 (PE 0) bar0 into 0000:03:00.0's (PE 2) first 4M segment
dev=$tree/sys/bus/pci/devices/0000:04:00.0
sed -i '1s/^0x[0-9a-f]* 0x[0-9a-f]*/0x000600c000001000 0x000600c000001fff/' "$dev/resource"
run --sysroot "$tree" bars --json
check "powernv9-m64: a BAR moved into another PE's M32 segment: segment_shared, both named" jq_py \
	'sys.exit(0 if [f for f in d["findings"] if f["code"] == "segment_shared" and sorted(f["devices"]) == ["0000:03:00.0", "0000:04:00.0"]] else 1)'
run --sysroot "$tree" bars --segments 3G:1G:128 --json
check "powernv9-m64: --segments replaces the device tree's" jq_py \
	'sys.exit(0 if [s["source"] for s in d["segments"]] == ["option"] and not [f for f in d["findings"] if f["code"] == "segment_shared"] else 1)'
find "$tree/sys" -name eeh_pe_config_addr -delete
run --sysroot "$tree" bars --json
check "powernv9-m64: without eeh_pe_config_addr, bridges' BARs are owned by predicted PEs" jq_py \
	'sys.exit(0 if [b["domain"] for b in d["bars"] if b["address"] == "0001:01:00.0"] == [{"kind": "predicted_pe", "id": 253, "pci_domain": 1}] else 1)'
rm "$tree"/sys/firmware/devicetree/base/pciex@*/ibm,opal-num-pes
run --sysroot "$tree" bars --json
check "powernv9-m64: without ibm,opal-num-pes, no segments" jq_py 'sys.exit(0 if d["segments"] == [] else 1)'

# Usage errors.
for bad in "--page-size 3000" "--page-size 0" "--page-size 64Q" "--segments 3G:1G:0" \
	"--segments 3G:1G" "--segments 3G:1G:3" "--segments 0xffffffffffffffff:2:1" "extra"; do
	# shellcheck disable=SC2086
	run --sysroot "$work/trees/basic-q35" bars $bad
	check "bars $bad: usage error" sh -c "[ $rc -eq 2 ] && grep -q '^iso-check bars: ' '$err'"
done
run --sysroot "$work/trees/basic-q35" bridges --page-size 4K
check "bridges --page-size: usage error" [ "$rc" -eq 2 ]
run --lspci-dump "$IC_SRCDIR/tests/fixtures/lspci/tree-asus-p6t6" bars
check "bars on a dump: usage error" [ "$rc" -eq 2 ]

# A dump: windows from config space alone; zero registers are ambiguous, never guessed.
run --lspci-dump "$IC_SRCDIR/tests/fixtures/lspci/PCI-X-bridges-and-domains" bridges --json
cp "$out" "$work/dump-bridges.json"
check "dump: bridges validate" validate "$work/dump-bridges.json"
check "dump: zero prefetchable registers are ambiguous" jq_py \
	'sys.exit(0 if [b for b in d["bridges"] if b["windows"]["prefetchable"]["config"]["ambiguous"] and b["windows"]["prefetchable"]["kernel"]["state"] == "unknown"] else 1)'
finish
