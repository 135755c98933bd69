#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# fetch-kernel.sh SUITE FLAVOUR [ARCH] - a Debian kernel the host does not run, for the VM
# suite: the newest linux-image-FLAVOUR of SUITE for ARCH (default amd64; e.g. bookworm-backports
# amd64, whose 6.12 has the virtio-iommu driver Debian 12's 6.1 lacks, or bookworm arm64), and
# for a foreign ARCH its busybox-static too, downloaded from the archive this machine already
# uses through a private apt configuration (nothing of the machine's apt set-up changes, no
# architecture is added), and extracted, never installed, with its modules unpacked and
# indexed. Prints the directory (root/boot/vmlinuz-RELEASE, root/lib/modules/RELEASE,
# root/bin/busybox). Cache: $IC_VM_CACHE (default ${TMPDIR:-/tmp}/iso-check-vm-kernels); a
# finished directory is reused.
set -eu
suite=$1 flavour=$2 arch=${3:-amd64}
dir=${IC_VM_CACHE:-${TMPDIR:-/tmp}/iso-check-vm-kernels}/$suite-$flavour-$arch
if [ -e "$dir/.done" ]; then
	echo "$dir"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/apt/lists/partial" "$dir/apt/cache/archives/partial" "$dir/dl" "$dir/root"
uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$uri" ] || uri=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$uri" ] || uri=http://deb.debian.org/debian
base=${suite%-backports}
printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$uri" "$base" >"$dir/apt/sources.list"
[ "$suite" = "$base" ] || printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$uri" "$suite" >>"$dir/apt/sources.list"
apt="-o Dir::Etc::SourceList=$dir/apt/sources.list -o Dir::Etc::SourceParts=/dev/null
	-o Dir::State::Lists=$dir/apt/lists -o Dir::Cache=$dir/apt/cache -o Debug::NoLocking=1
	-o APT::Architecture=$arch -o APT::Architectures=$arch"
# shellcheck disable=SC2086 # $apt is a list of options
apt-get $apt update -qq >&2
# the meta package of the suite's newest kernel names the versioned image package
# shellcheck disable=SC2086
pkg=$(apt-cache $apt -t "$suite" depends "linux-image-$flavour" 2>/dev/null |
	awk '/Depends: linux-image-[0-9]/ {print $2}' | sort -V | tail -n 1)
[ -n "$pkg" ] || { echo "fetch-kernel: no linux-image-$flavour in $suite" >&2; exit 1; }
# shellcheck disable=SC2086
(cd "$dir/dl" && apt-get $apt download "$pkg" >&2)
dpkg-deb -x "$dir/dl/$pkg"_*.deb "$dir/root"
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
	# shellcheck disable=SC2086
	(cd "$dir/dl" && apt-get $apt download busybox-static >&2)
	dpkg-deb -x "$dir"/dl/busybox-static_*.deb "$dir/root"
fi
release=$(ls "$dir/root/lib/modules" | sort -V | tail -n 1)
# compressed modules: unpacked, so that the guest's busybox modprobe needs no decompressor
find "$dir/root/lib/modules" -name '*.ko.xz' -exec xz -d {} +
PATH="$PATH:/sbin:/usr/sbin" depmod -b "$dir/root" "$release"
touch "$dir/.done"
echo "$dir"
