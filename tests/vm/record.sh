#!/bin/sh
# record.sh DEST - records the PCI part of this guest's sysfs and procfs into DEST the way
# ../shared/docs/vm-testing.md describes, independently of iso-check: the fixtures' format.
set -u
dest=$1
mkdir -p "$dest"

# link PATH: copies a symbolic link with its target exactly as the kernel wrote it.
link() {
	mkdir -p "$dest/${1%/*}"
	ln -sf "$(readlink "$1")" "$dest$1"
}
# file PATH: copies a readable regular file's content (write-only attributes are skipped).
file() {
	mkdir -p "$dest/${1%/*}"
	cat "$1" >"$dest$1" 2>/dev/null || rm -f "$dest$1"
}
# devdir DIR: a device directory's attributes and links, not its children.
devdir() {
	for f in "$1"/* "$1"/.[!.]*; do
		[ -e "$f" ] || [ -L "$f" ] || continue
		case ${f##*/} in
		resource[0-9]* | rom | remove | rescan | reset | uevent) continue ;;
		esac
		if [ -L "$f" ]; then
			link "$f"
		elif [ -f "$f" ]; then
			file "$f"
		fi
	done
}

for l in /sys/bus/pci/devices/*; do
	[ -L "$l" ] || continue
	link "$l"
	dir=$(realpath "$l")
	devdir "$dir"
	# the host bridge's ACPI node: its instance number is the kernel's root bus order
	case ${dir%/*} in
	*/pci????:??) [ -L "${dir%/*}/firmware_node" ] && link "${dir%/*}/firmware_node" ;;
	esac
done
for l in /sys/bus/pci/drivers/*/????:??:??.?; do
	[ -L "$l" ] && link "$l"
done
for d in /sys/bus/pci/drivers/*; do
	[ -d "$d" ] && mkdir -p "$dest$d"
done
for g in /sys/kernel/iommu_groups/*; do
	[ -d "$g" ] || continue
	for l in "$g"/devices/*; do
		[ -L "$l" ] && link "$l"
	done
	file "$g/type"
	file "$g/reserved_regions"
	[ -f "$g/name" ] && file "$g/name"	# PowerNV: domainD-peN
done
for l in /sys/class/iommu/*; do
	[ -L "$l" ] || continue
	link "$l"
	find "$(realpath "$l")/" -type f | while read -r f; do file "$f"; done
done
# the vfio modules' directories even without parameters: a missing option is then proved absent
for d in /sys/module/vfio* /sys/module/vfio*/parameters; do
	[ -d "$d" ] && mkdir -p "$dest$d"
done
for f in /sys/module/vfio*/parameters/* /sys/bus/pci/slots/*/address \
	/sys/firmware/acpi/tables/DMAR /sys/firmware/acpi/tables/IVRS /sys/firmware/acpi/tables/VIOT \
	/sys/firmware/acpi/tables/IORT /proc/cmdline /proc/modules; do
	[ -f "$f" ] && file "$f"
done
# device-tree host bridges and SMMUs (arm64 booted without ACPI; PowerNV's pciex@ PHBs with
# ibm,opal-num-pes, ibm,opal-m64-window, ...): their properties, not children
for p in /sys/firmware/devicetree/base/pcie@* /sys/firmware/devicetree/base/smmuv3@* \
	/sys/firmware/devicetree/base/pciex@*; do
	[ -d "$p" ] || continue
	for f in "$p"/*; do [ -f "$f" ] && file "$f"; done
done
uname -r >"$dest/KERNEL_RELEASE"
