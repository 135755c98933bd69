# SPDX-License-Identifier: GPL-2.0-or-later
# metamorphic.sh - a certain answer never changes when more of the same machine is shown:
# every recorded tree with each config cut to 64 bytes (what a user without root reads), and
# every -xxxx dump cut to its first 256 bytes (lspci -xxx), against the full input.
. "$IC_SRCDIR/tests/lib/common.sh"
export ISO_CHECK_DATADIR="$IC_SRCDIR/data"
# compare WHAT SHALLOW.json FULL.json: one check that every certain group of SHALLOW is FULL's.
compare() {
	if "$IC_PYTHON" "$IC_SRCDIR/tests/lib/metamorphic.py" "$2" "$3" >"$work/meta" 2>&1; then
		ok "$1: every certain group is the full input's ($(tail -n1 "$work/meta"))"
	else
		fail "$1: a certain group changed with the full input"
		head -n 5 "$work/meta" | sed 's/^/# /'
	fi
}

for name in $(fixtures); do
	full=$(unpack "$name" "$name-full")
	cut=$(unpack "$name" "$name-cut")
	find "$cut/sys/devices" -name config -size +64c -exec truncate -s 64 {} +
	# without the kernel's groups, as a host whose IOMMU is still off: then nothing is copied
	rm -rf "$full/sys/kernel/iommu_groups"/* "$cut/sys/kernel/iommu_groups"/*
	find "$full/sys" "$cut/sys" -name iommu_group -type l -delete
	run --sysroot "$full" groups --predict --json
	cp "$out" "$work/$name.full.json"
	run --sysroot "$cut" groups --predict --json
	cp "$out" "$work/$name.cut.json"
	compare "$name, config cut to 64 bytes" "$work/$name.cut.json" "$work/$name.full.json"
done

# Real -xxxx dumps: the same dump with each function cut to 256 bytes, as lspci -xxx gives it
# (rows at three-digit offsets are the extended space). The machines of ../shared/realdata carry
# no licence: read there when present, never copied here.
real="$IC_SRCDIR/../shared/realdata/hcl-lspci-xxxx"
for dump in "$IC_SRCDIR"/tests/fixtures/lspci/* "$real"/*/lspci.replay; do
	[ -f "$dump" ] || continue
	case $dump in *.md) continue ;; */lspci.replay) name=$(basename "$(dirname "$dump")") ;; *) name=$(basename "$dump") ;; esac
	grep -q '^[0-9a-f]\{3\}: ' "$dump" || continue	# only dumps with extended space
	grep -v '^[0-9a-f]\{3\}: ' "$dump" >"$work/$name.256"
	run --lspci-dump "$dump" groups --predict --json
	cp "$out" "$work/$name.full.json"
	run --lspci-dump "$work/$name.256" groups --predict --json
	cp "$out" "$work/$name.256.json"
	compare "dump $name cut to 256 bytes" "$work/$name.256.json" "$work/$name.full.json"
	check "dump $name cut to 256 bytes: an unknown group says to use lspci -xxxx" \
		eval 'grep -q "lspci -xxxx" "$work/$name.256.json" || ! grep -q prediction_unknown "$work/$name.256.json"'
done
finish
