# SPDX-License-Identifier: GPL-2.0-or-later
# modules.sh - module alias look-ups through libkmod, from the module index inside the root,
# with libkmod confined to the root (it reads /proc/cmdline whatever it is told).
. "$IC_SRCDIR/tests/lib/common.sh"

tree=$(unpack basic-q35)
run --sysroot "$tree" groups --json
check "no module index in the tree: modules are null (unknown)" jq_py \
	'sys.exit(0 if all(x["modules"] is None for g in d["groups"] for x in g["devices"]) else 1)'

release=$(cat "$tree/KERNEL_RELEASE")
if ! sh "$IC_SRCDIR/tests/lib/mk-module-index.sh" "$tree" "$release" e1000e \
	'pci:v00008086d000010D3sv*sd*bc*sc*i*' 'pci:v00008086d000010D4sv*sd*bc*sc*i*'; then
	fail "depmod and objcopy are needed to build a module index (./dev.sh installs kmod)"
	finish
fi
sh "$IC_SRCDIR/tests/lib/mk-module-index.sh" "$tree" "$release" nvme 'pci:v*d*sv*sd*bc01sc08i02*' \
	'pci:v00001B36d00000010sv*sd*bc*sc*i*'	# two aliases of nvme match QEMU's NVMe: listed once
run --sysroot "$tree" groups --json
check "with the index: exit 0" [ "$rc" -eq 0 ]
check "82574L functions are claimed by e1000e" jq_py \
	'sys.exit(0 if sorted(x["address"] for g in d["groups"] for x in g["devices"] if x["modules"] == ["e1000e"]) == ["0000:01:00.0", "0000:04:00.0", "0000:05:00.0"] else 1)'
check "the NVMe controller by nvme (class match)" jq_py \
	'sys.exit(0 if [x for g in d["groups"] for x in g["devices"] if x["address"] == "0000:00:05.0" and x["modules"] == ["nvme"]] else 1)'
check "others: an empty list, known to match nothing" jq_py \
	'sys.exit(0 if [x for g in d["groups"] for x in g["devices"] if x["address"] == "0000:00:1f.2" and x["modules"] == []] else 1)'
run --sysroot "$tree" groups -l -o DEVICE,MODULES --noheadings
check "text column MODULES" grep -q '^0000:04:00.0 *e1000e$' "$out"

if command -v strace >/dev/null && [ "${IC_SANITIZERS:-no}" != yes ]; then
	# An absolute path counts against a process only until it has chrooted into the tree.
	# One file per process (-ff): with -f, calls of processes running at the same time are
	# split into "unfinished" and "resumed" lines, and the chroot's result would be on another.
	rm -f "$work"/strace.*
	strace -ff -qq -e trace=%file,chroot -o "$work/strace" "$IC_BIN" --sysroot "$tree" groups >/dev/null 2>&1
	for f in "$work"/strace.*; do
		awk -v tree="$tree" '
			/^chroot\(/ && index($0, "\"" tree "\"") && / = 0$/ { jailed = 1; next }
			!jailed && match($0, /"\/(lib\/modules|etc\/modprobe|run\/modprobe|usr\/lib\/modprobe|sys|proc)[^"]*"/) {
				print substr($0, RSTART, RLENGTH) }' "$f"
	done >"$work/leaks"
	check "libkmod reads neither the host's modules, modprobe.d nor /proc" [ ! -s "$work/leaks" ]
	check "libkmod ran confined to the tree" sh -c "cat '$work'/strace.* | grep -q 'chroot(\"$tree\") *= 0'"
fi
finish
