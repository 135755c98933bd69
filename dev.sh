#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# dev.sh - the quick start: install missing build dependencies (Debian 12), build, then run
# iso-check on this host (`./dev.sh run [ARGS...]`) or run every test (`./dev.sh test`).
set -euo pipefail
cd "$(dirname "$0")"
top=$PWD
jobs=$(nproc 2>/dev/null || echo 2)

# Debian packages: build tools, libraries, and what the tests use.
packages=(autoconf automake make gcc clang libclang-rt-dev pkg-config libpci-dev libkmod-dev libjson-c-dev
	libsmartcols-dev libcmocka-dev scdoc pci.ids python3 python3-jsonschema strace
	bash-completion zsh tmux jq xz-utils util-linux kmod binutils pciutils
	prometheus prometheus-node-exporter systemd ansible-core)	# the fleet tests: the real components
# The real-kernel suite (make check-vm): QEMU (x86, arm64 and POWER), the Debian kernel, a busybox
# initramfs, UEFI (x86 and arm64); tests/vm/fetch-kernel.sh downloads the 6.12 and arm64 kernels.
vm_packages=(qemu-system-x86 linux-image-amd64 busybox-static cpio ovmf qemu-system-arm qemu-efi-aarch64
	qemu-system-ppc)

ensure_deps() {
	local missing=() p
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "dev.sh: missing packages; as root, run:" >&2
		echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
		exit 1
	fi
	echo "dev.sh: installing ${missing[*]}" >&2
	# another apt (unattended-upgrades, a first boot) may hold the lock: wait for it
	apt-get -o DPkg::Lock::Timeout=600 update -qq
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
		"${missing[@]}" >/dev/null
}

# Configures and builds DIR (out of tree) only as far as needed; extra configure flags follow.
build() {
	local dir=$1
	shift
	if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ]; then
		autoreconf -fi
	fi
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ] || [ configure -nt "$dir/Makefile" ]; then
		(cd "$dir" && "$top/configure" -q --enable-werror "$@")
	fi
	make -C "$dir" -j"$jobs" -s
}

# The closing line of ./dev.sh test, on every path: test programs and VM checks passed,
# failed and skipped so far; a run that stopped early counts as one more failure.
closing() {
	local rc=$?
	trap - EXIT
	cat build/test-suite.log build-asan/test-suite.log build/check-vm.log 2>/dev/null | awk -v rc="$rc" '
		/^# PASS:/ {p += $3} /^# FAIL:/ {f += $3} /^# ERROR:/ {f += $3} /^# SKIP:/ {s += $3}
		/^# check-vm: [0-9]+ checks, [0-9]+ failed/ {p += $3 - $5; f += $5}
		END {if (rc != 0 && f == 0) f = 1; printf "%d passed, %d failed, %d skipped\n", p, f, s}'
	exit "$rc"
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case $cmd in
run)
	ensure_deps
	build build >&2
	[ $# -eq 0 ] && set -- groups
	exec build/iso-check "$@"
	;;
test)
	packages+=("${vm_packages[@]}")
	trap closing EXIT
	rm -f build/test-suite.log build-asan/test-suite.log build/check-vm.log
	ensure_deps
	build build
	echo "== unit and integration tests"
	make -C build -j"$jobs" check || { cat build/test-suite.log; exit 1; }
	echo "== the same tests built with -fsanitize=address,undefined"
	build build-asan --enable-sanitizers
	ASAN_OPTIONS=detect_leaks=1 make -C build-asan -j"$jobs" check ||
		{ cat build-asan/test-suite.log; exit 1; }
	echo "== the libFuzzer harnesses, ${FUZZ_SECONDS:-60} s each (make fuzz)"
	make -C build -s fuzz || exit 1
	echo "== the real-kernel suite under QEMU (make check-vm)"
	make -C build check-vm >build/check-vm.log 2>&1 ||
		{ grep -v '^ok' build/check-vm.log; exit 1; }
	grep '^# check-vm:\|^# .*booting it again' build/check-vm.log
	echo "== make distcheck"
	if ! make -C build distcheck >build/distcheck.log 2>&1; then
		grep -h -B2 -A20 '^FAIL\|^not ok\|rror' build/distcheck.log build/iso-check-*/_build/sub/test-suite.log 2>/dev/null | tail -60
		echo "dev.sh: make distcheck failed (build/distcheck.log)" >&2
		exit 1
	fi
	;;
-h | --help)
	echo "usage: ./dev.sh run [ISO-CHECK ARGS...] | ./dev.sh test"
	exit 0
	;;
*)
	echo "usage: ./dev.sh run [ISO-CHECK ARGS...] | ./dev.sh test" >&2
	exit 2
	;;
esac
