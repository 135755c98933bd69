#!/bin/sh
# mkinitrd.sh BIN RELEASE OUT.cpio.gz [MODROOT [TTY]] - the VM suite's common initramfs:
# busybox, the kernel modules the topologies load (with their index), iso-check with every
# library it links, its data files and the pinned pci.ids, and the guest scripts. Each topology
# adds its own small archive with topology.conf; the kernel unpacks both. MODROOT holds
# lib/modules/RELEASE of a kernel the host does not run (fetch-kernel.sh; with a busybox of its
# architecture in MODROOT/bin), default: the host's own. BIN - : no iso-check (a foreign
# architecture: the guest only records). TTY: where the guest sends its results (/dev/ttyS1).
set -eu
bin=$1 release=$2 out=$3 modroot=${4:-} tty=${5:-/dev/ttyS1}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/root
mkdir -p "$root/bin" "$root/usr/bin" "$root/usr/share/iso-check" "$root/proc" "$root/sys" \
	"$root/dev" "$root/tmp" "$root/lib/modules/$release"

if [ -n "$modroot" ] && [ -x "$modroot/bin/busybox" ]; then
	cp "$modroot/bin/busybox" "$root/bin/busybox"
else
	cp /bin/busybox "$root/bin/busybox"
fi
cp "$here/init" "$here/record.sh" "$root/"
echo "out_tty=$tty" >"$root/platform.env"
cp "$src/tests/data/pci.ids" "$src"/data/*.tsv "$root/usr/share/iso-check/"
if [ "$bin" != - ]; then
	cp "$bin" "$root/usr/bin/iso-check"
	# iso-check's libraries and the dynamic loader, at the paths ldd names.
	ldd "$bin" | awk '/=> \// {print $3} /^\t\// {print $1}' | while read -r lib; do
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
fi
# The loader is also looked up through /lib64 on x86_64.
[ -e "$root/lib64" ] || ln -s lib "$root/lib64" 2>/dev/null || true

# Modules and everything they depend on, then their index (modules.dep, modules.alias).
# (a module this kernel lacks, such as virtio_iommu in 6.1, is left out)
for mod in nvme e1000e e1000 vfio-pci vfio_iommu_type1 vfio_iommu_spapr_tce pci-stub ext4 crc32c_generic virtio_iommu; do
	modprobe ${modroot:+-d "$modroot"} -S "$release" --show-depends "$mod" 2>/dev/null |
		awk '$1 == "insmod" {print $2}'
done | sort -u | while read -r ko; do
	ko=${ko#"$modroot"}
	mkdir -p "$root$(dirname "$ko")"
	cp "$modroot$ko" "$root$ko"
done
cp "$modroot/lib/modules/$release"/modules.order "$modroot/lib/modules/$release"/modules.builtin* \
	"$root/lib/modules/$release/"
depmod -b "$root" "$release"

(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
