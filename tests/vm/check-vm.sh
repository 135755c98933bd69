#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# check-vm.sh [--update-fixtures] [NAME...] - the real-kernel suite: boots the Debian kernel
# under QEMU with an emulated IOMMU on every topology in tests/vm/topologies (or those named),
# runs iso-check live in the guest and checks it against the kernel's own groups, and that
# replaying the guest's snapshot gives the same answers. With --update-fixtures, also writes
# each guest's recorded tree and group listing to tests/fixtures/NAME.{tar.gz,groups} (or to
# the topology's fixture_dir: tests/bench holds the benchmark's).
# A topology is a shell fragment: iommu (intel, intel-noir (a unit without interrupt
# remapping), intel-noxlate (one that remaps interrupts but does not translate DMA), intel-cm
# (in Caching Mode), virtio (virtio-iommu-pci, ACPI VIOT), amd or none: the emulated unit),
# kernel_suite (bookworm-backports: Debian's 6.12 instead of the host's kernel), append (the kernel command line), firmware (bios
# or uefi), disks (names of empty disk images, drives for the devices), devices (QEMU -device
# options), setup (run in the guest first), expect_functions, expect_driver and expect_type
# (what the set-up must have built: functions, a driver bound, every group's default domain
# type, a regular expression; DMA or DMA-FQ unless given), expect_sriov with expect_sriov_check
# (what live `sriov --json` must say, and a Python test of it, d being the document), and
# expect_groups with expect_groups_check (the same for live `groups --json`), and expect_audit
# with expect_audit_check (the same for live `audit --json`; v(id, subject) is a check's
# verdict, t(id, subject) its text).
# Environment: IC_VM_JOBS (guests at once, default: the number of CPUs), IC_VM_ACCEL (tcg or
# kvm; default tcg), IC_VM_KERNEL (default: the newest /boot/vmlinuz-*).
ic_name=check-vm
. "$IC_SRCDIR/tests/lib/common.sh"
update=false
if [ "${1:-}" = --update-fixtures ]; then
	update=true
	shift
fi
vmdir="$IC_SRCDIR/tests/vm"
names=${*:-$(for f in "$vmdir"/topologies/*.conf; do basename "$f" .conf; done)}
kernel=${IC_VM_KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$kernel" ] || ! command -v qemu-system-x86_64 >/dev/null; then
	echo "check-vm: needs qemu-system-x86 and linux-image-amd64 (./dev.sh test installs them)" >&2
	exit 77
fi
release=${kernel#*/vmlinuz-}
jobs=${IC_VM_JOBS:-$(nproc)}
echo "# kernel $release, $jobs guests at once, accel ${IC_VM_ACCEL:-tcg}"
"$vmdir/mkinitrd.sh" "$IC_BIN" "$release" "$work/common.cpio.gz" || exit 1
# Topologies that need another kernel (kernel_suite=bookworm-backports: 6.12, for virtio-iommu)
# get it from the archive (fetch-kernel.sh), with a common initramfs of their own.
# An arm64 or ppc64el guest (arch=arm64, arch=ppc64el: PowerNV, machine=powernv9 or powernv8)
# runs Debian's kernel and busybox of that architecture; iso-check is not cross-built, so the
# guest only records its tree and the host analyses it (said in each check).
for name in $names; do
	suite=$(kernel_suite="" arch="" && . "$vmdir/topologies/$name.conf" &&
		echo "${kernel_suite:-${arch:+bookworm}}${arch:+-$arch}")
	[ -z "$suite" ] || [ -e "$work/kernel-$suite" ] && continue
	karch=amd64 flavour=amd64 ksuite=$suite bin=$IC_BIN tty=/dev/ttyS1
	case $suite in
	*-arm64) karch=arm64 flavour=arm64 ksuite=${suite%-arm64} bin=- tty=/dev/ttyAMA0 ;;
	*-ppc64el) karch=ppc64el flavour=powerpc64le ksuite=${suite%-ppc64el} bin=- tty=/dev/hvc0 ;;
	esac
	if kdir=$(sh "$vmdir/fetch-kernel.sh" "$ksuite" "$flavour" "$karch") &&
		krel=$(ls "$kdir/root/lib/modules" | sort -V | tail -n 1) &&
		"$vmdir/mkinitrd.sh" "$bin" "$krel" "$work/common-$suite.cpio.gz" "$kdir/root" "$tty"; then
		# vmlinuz on x86 and arm64, an uncompressed vmlinux on ppc64el
		ls "$kdir/root/boot/vmlinuz-$krel" "$kdir/root/boot/vmlinux-$krel" 2>/dev/null | head -n 1 >"$work/kernel-$suite"
		echo "# $suite: kernel $krel"
	else
		echo "# $suite: no kernel could be fetched; its topologies fail"
	fi
done

# boot NAME: boots one topology; its guest's results end up in $work/NAME/out.
boot() {
	dir="$work/$1"
	mkdir -p "$dir/init"
	(
		iommu=intel firmware=bios append="" devices="" disks="" kernel_suite="" arch="" machine=""
		. "$vmdir/topologies/$1.conf"
		common=$work/common.cpio.gz vmlinuz=$kernel
		suite="${kernel_suite:-${arch:+bookworm}}${arch:+-$arch}"
		if [ -n "$suite" ]; then
			common=$work/common-$suite.cpio.gz
			vmlinuz=$(cat "$work/kernel-$suite" 2>/dev/null) || exit 0
		fi
		cp "$vmdir/topologies/$1.conf" "$dir/init/topology.conf"
		(cd "$dir/init" && echo topology.conf | cpio -o -H newc --quiet | gzip -1) >"$dir/topology.cpio.gz"
		cat "$common" "$dir/topology.cpio.gz" >"$dir/initrd.gz"
		# the IOMMU last: the AMD one is a PCI function and takes the first free slot
		case $iommu in
		virtio) set -- -device virtio-iommu-pci,bus=pcie.0 ;;	# QEMU builds an ACPI VIOT table
		intel) [ -n "$arch" ] && set -- || set -- -device intel-iommu,intremap=on ;;
		intel-noir) set -- -device intel-iommu,intremap=off ;;	# a unit that cannot remap
		intel-noxlate) set -- -device intel-iommu,intremap=on,dma-translation=off ;;	# remaps only
		intel-cm) set -- -device intel-iommu,intremap=on,caching-mode=on ;;	# as hypervisors set it
		amd) set -- -device amd-iommu,intremap=on ;;
		*) set -- ;;
		esac
		[ "$firmware" = uefi ] && [ -z "$arch" ] && set -- "$@" -bios /usr/share/ovmf/OVMF.fd
		# disks: an empty 16 MiB image each, a drive the topology's devices name (drive=NAME)
		for disk in $disks; do
			rm -f "$dir/$disk.img"
			truncate -s 16M "$dir/$disk.img"
			set -- "$@" -drive "file=$dir/$disk.img,if=none,id=$disk,format=raw"
		done
		# A kernel that dies before init (under load TCG's timer can look broken: "timer doesn't
		# work through Interrupt-remapped IO-APIC") is booted once more; no_timer_check makes
		# that rarer. A guest that reached init and then failed is not retried.
		outfile=$dir/out.b64
		for attempt in 1 2; do
			if [ "$arch" = ppc64el ]; then
				# PowerNV: skiboot (from qemu-system-data) and its six PHBs; never -nodefaults,
				# which removes the PHBs and the BMC that lets OPAL power the machine off. The
				# one console (hvc0) carries the results too.
				outfile=$dir/console.log
				# shellcheck disable=SC2086 # $devices is a list of words
				timeout 300 qemu-system-ppc64 -accel tcg -machine "${machine:-powernv9}" -m 3G -smp 1 \
					-display none -monitor none -no-reboot -net none $devices "$@" \
					-kernel "$vmlinuz" -initrd "$dir/initrd.gz" \
					-append "console=hvc0 panic=-1 loglevel=4 $append" \
					-serial "file:$dir/console.log" >"$dir/qemu.log" 2>&1
			elif [ "$arch" = arm64 ]; then
				# virt with an SMMUv3; a device tree (acpi=off) or UEFI with ACPI IORT. One
				# PL011: console and results channel at once (the guest mutes the kernel first).
				fw="-machine acpi=off"
				if [ "$firmware" = uefi ]; then
					cp /usr/share/AAVMF/AAVMF_CODE.fd "$dir/code.fd"
					cp /usr/share/AAVMF/AAVMF_VARS.fd "$dir/vars.fd"
					fw="-drive if=pflash,format=raw,readonly=on,file=$dir/code.fd -drive if=pflash,format=raw,file=$dir/vars.fd"
				fi
				outfile=$dir/console.log
				# shellcheck disable=SC2086 # $devices and $fw are lists of words
				timeout 300 qemu-system-aarch64 -machine virt,iommu=smmuv3 -accel tcg \
					-cpu max,pauth-impdef=on -m 1024 -smp 1 -display none -monitor none -no-reboot \
					-net none $fw $devices "$@" -kernel "$vmlinuz" -initrd "$dir/initrd.gz" \
					-append "console=ttyAMA0 panic=-1 loglevel=4 $append" \
					-serial "file:$dir/console.log" >"$dir/qemu.log" 2>&1
			else
				# shellcheck disable=SC2086 # $devices is a list of words
				timeout 300 qemu-system-x86_64 -machine q35,kernel-irqchip=split -accel "${IC_VM_ACCEL:-tcg}" \
					-cpu max -m 1024 -smp 1 -display none -monitor none -no-reboot -net none $devices "$@" \
					-kernel "$vmlinuz" -initrd "$dir/initrd.gz" \
					-append "console=ttyS0 panic=-1 loglevel=4 no_timer_check $append" \
					-serial "file:$dir/console.log" -serial "file:$dir/out.b64" >"$dir/qemu.log" 2>&1
			fi
			echo $? >"$dir/qemu.rc"
			grep -q '^iso-check-vm: init started' "$dir/console.log" && break
			[ "$attempt" = 1 ] || break
			echo "# ${dir##*/}: the guest's kernel died before init ($(grep -m1 -o 'Kernel panic.*' "$dir/console.log" || echo 'no panic line')); booting it again"
			cp "$dir/console.log" "$dir/console-1.log"
		done
		# firmware may write to the port too: take what lies between the guest's markers
		tr -d '\r' <"$outfile" | sed -n '/^iso-check-vm-begin$/,/^iso-check-vm-end$/{//!p}' |
			base64 -d 2>/dev/null | tar -xzf - -C "$dir" 2>/dev/null
	)
}

started=$(date +%s)
set -- $names
while [ $# -gt 0 ]; do
	batch=0
	while [ $# -gt 0 ] && [ "$batch" -lt "$jobs" ]; do
		boot "$1" &
		batch=$((batch + 1))
		shift
	done
	wait
done
echo "# guests ran in $(($(date +%s) - started)) s"

# The commands the guest's init runs live (tests/vm/init), by the name of their output file;
# command_args NAME prints its arguments. The host runs the same on a tree recorded without
# iso-check, and replays them on the guest's snapshot.
commands="groups predict explain text bridges bars sriov audit metrics jsonl"
command_args() {
	case $1 in
	groups) echo groups --json ;;
	predict) echo groups --predict --json ;;
	explain) echo groups --explain --json ;;
	text) echo groups ;;
	bridges) echo bridges --json ;;
	bars) echo bars --json ;;
	sriov) echo sriov --json ;;
	audit) echo audit --json ;;
	metrics) echo metrics ;;
	jsonl) echo groups --jsonl ;;
	esac
}
# partition FILE: a `groups --json` document as sorted "group N BDF" lines.
partition() { "$IC_PYTHON" "$vmdir/../lib/groups.py" "$1" | sort; }
for name in $names; do
	dir="$work/$name" o="$work/$name/out"
	expect_functions="" expect_driver="" expect_type='DMA(-FQ)?' iommu=intel expect_sriov="" expect_sriov_check=""
	expect_audit="" expect_audit_check="" expect_groups="" expect_groups_check="" expect_pending=""
	fixture_dir=tests/fixtures
	. "$vmdir/topologies/$name.conf"
	if ! [ -f "$o/kernel.groups" ]; then
		fail "$name: the guest finished (see $dir/console.log)"
		tail -n 20 "$dir/console.log" | sed 's/^/#   /'
		continue
	fi
	ok "$name: the guest finished"
	sort "$o/kernel.groups" >"$dir/kernel.sorted"
	# A guest without iso-check (arm64: not cross-built) recorded its tree only: the host runs
	# every command on that tree instead, and the checks of a live run (the snapshot, its
	# replay, the host's page size) are left out.
	live=yes
	if ! [ -f "$o/groups.rc" ]; then
		live=""
		echo "# $name: iso-check did not run in this guest; the host analyses its recorded tree"
		for cmd in $commands; do
			# shellcheck disable=SC2046 # the arguments are single words
			set -- $(command_args "$cmd")
			"$IC_BIN" -i "$IC_SRCDIR/tests/data/pci.ids" --sysroot "$o/tree" "$@" >"$o/$cmd.out" 2>"$o/$cmd.err"
			echo $? >"$o/$cmd.rc"
		done
	fi
	nfun=$(ls "$o/tree/sys/bus/pci/devices" | wc -l)
	check "$name: the guest has the $expect_functions functions the topology describes (has $nfun)" \
		[ "$nfun" -eq "$expect_functions" ]
	if [ -n "$expect_driver" ]; then
		check "$name: the set-up bound $expect_driver" sh -c "ls '$o/tree/sys/bus/pci/drivers/$expect_driver' | grep -q ."
	fi
	want_rc=0
	[ -s "$dir/kernel.sorted" ] || [ "$expect_pending" = yes ] || want_rc=3
	# ACPI VIOT or IORT, a device tree's iommu-map: the IOMMU driver forms a group when a
	# driver binds
	bind=""
	[ -e "$o/tree/sys/firmware/acpi/tables/VIOT" ] || [ -e "$o/tree/sys/firmware/acpi/tables/IORT" ] ||
		ls "$o"/tree/sys/firmware/devicetree/base/pci*@*/iommu-map >/dev/null 2>&1 && bind=yes
	check "$name: live groups exit status $want_rc (got $(cat "$o/groups.rc"))" [ "$(cat "$o/groups.rc")" -eq "$want_rc" ]
	check "$name: live groups --json validates" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" \
		"$IC_SRCDIR/data/schemas" "$o/groups.out"
	# What Debian's lspci prints for the guest's tree, read back as a paste: its group lines
	# are the kernel's groups, and it predicts no certain group the live prediction does not
	if command -v lspci >/dev/null; then
		lspci -A linux-sysfs -O "sysfs.path=$o/tree/sys/bus/pci" -vvnnDk >"$dir/lspci.txt" 2>/dev/null
		"$IC_BIN" -i "$IC_SRCDIR/tests/data/pci.ids" --lspci-dump "$dir/lspci.txt" groups --predict --json \
			>"$dir/lspci-predict.json" 2>/dev/null
		check "$name: lspci -vvnn text of the guest predicts no certain group the live prediction does not" \
			"$IC_PYTHON" "$IC_SRCDIR/tests/lib/text_equiv.py" "$o/predict.out" "$dir/lspci-predict.json"
		if [ "$want_rc" -eq 0 ]; then
			"$IC_BIN" --lspci-dump "$dir/lspci.txt" groups --json >"$dir/lspci-groups.json" 2>/dev/null
			partition "$dir/lspci-groups.json" >"$dir/lspci.sorted"
			check "$name: groups from the lspci text's IOMMU group lines = the kernel's groups" \
				diff -u "$dir/kernel.sorted" "$dir/lspci.sorted"
		fi
	fi
	if [ "$want_rc" -eq 0 ]; then
		partition "$o/groups.out" >"$dir/live.sorted"
		check "$name: live groups = the kernel's groups" diff -u "$dir/kernel.sorted" "$dir/live.sorted"
		out="$o/groups.out"
		check "$name: every group's default domain is $expect_type" jq_py \
			"import re; sys.exit(0 if all(re.fullmatch('$expect_type', g['type']) for g in d['groups']) else 1)"
		out="$o/predict.out"
		if [ -n "$bind" ]; then
			# groups form at bind, numbered in bind order: members match, numbers need not
			check "$name: live --predict matches every kernel group (groups form at bind)" jq_py \
				'sys.exit(0 if d["predicted"] and not [f for f in d["findings"] if f["code"] == "prediction_differs"] else 1)'
		else
			check "$name: live --predict matches every kernel group" jq_py \
				'sys.exit(0 if d["predicted"] and not [f for f in d["findings"] if f["code"] == "prediction_differs"] and all(g["kernel_group"] == g["group"] for g in d["groups"]) else 1)'
		fi
	else
		out="$o/groups.out"
		check "$name: live groups says the IOMMU is off, with evidence" jq_py \
			'sys.exit(0 if not d["iommu"]["enabled"] and d["iommu"]["evidence"] else 1)'
		check "$name: live text names the evidence" grep -q '^/sys/kernel/iommu_groups  *no groups' "$o/text.out"
	fi
	if [ "$expect_pending" = yes ]; then
		out="$o/groups.out"
		check "$name: live groups: no group yet, the IOMMU on, groups pending at bind" jq_py \
			'sys.exit(0 if not d["groups"] and d["iommu"]["enabled"] and d["iommu"]["groups_pending"] and d["iommu"]["evidence"] else 1)'
	fi
	# After the topology's later step bound drivers, the groups the kernel formed are those
	# the tree recorded before it predicts (numbers aside: the kernel numbers in bind order).
	if [ -f "$o/kernel-later.groups" ]; then
		sort "$o/kernel-later.groups" >"$dir/later.sorted"
		check "$name: the groups the kernel formed once drivers bound ($(wc -l <"$dir/later.sorted") functions) are the prediction from before" \
			sh -c "[ -s '$dir/later.sorted' ] && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/bind-partition.py' '$dir/later.sorted' '$o/predict.out'"
	fi
	[ -z "$live" ] || check "$name: snapshot exit 0" [ "$(cat "$o/snapshot.rc")" -eq 0 ]
	# The kernel laid out these windows and BARs: config space agrees and everything fits.
	out="$o/bridges.out"
	# (every bridge listed: as many as the tree's config headers of type 1)
	nbridges=$("$IC_PYTHON" -c 'import sys; print(sum(open(f, "rb").read(15)[14:15] in (b"\x01", b"\x81") for f in sys.argv[1:]))' "$o"/tree/sys/bus/pci/devices/*/config)
	check "$name: live bridges: all $nbridges bridges, no findings on the kernel's layout" jq_py \
		"sys.exit(0 if len(d['bridges']) == $nbridges and not d['findings'] else 1)"
	out="$o/bars.out"
	[ -z "$live" ] || check "$name: live bars: the host's page size, nothing shared at it" jq_py \
		'sys.exit(0 if d["page_size_source"] == "host" and not [f for f in d["findings"] if f["code"] == "page_shared"] else 1)'
	check "$name: live bridges, bars and sriov validate" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" \
		"$IC_SRCDIR/data/schemas" "$o/bridges.out" "$o/bars.out" "$o/sriov.out"
	# SR-IOV: every PF and VF as the kernel shows them, each VF in the kernel's group
	check "$name: live sriov = the kernel's PFs, VFs and their groups" \
		"$IC_PYTHON" "$IC_SRCDIR/tests/lib/sriov_ref.py" "$o/tree" "$o/sriov.out"
	if [ -n "${expect_sriov:-}" ]; then
		out="$o/sriov.out"
		check "$name: live sriov: $expect_sriov" jq_py "$expect_sriov_check"
	fi
	# audit live: valid, its exit the worst verdict's, iommu_enabled as the kernel's groups say
	out="$o/audit.out"
	check "$name: live audit validates" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$IC_SRCDIR/data/schemas" "$out"
	check "$name: live audit exits as its verdicts say, iommu_enabled as the kernel's groups" jq_py "
v = [c['verdict'] for c in d['checks']]
rc = 7 if 'fail' in v else 6 if 'warn' in v else 4 if 'unknown' in v or d['partial'] else 0
io = [c['verdict'] for c in d['checks'] if c['id'] == 'iommu_enabled']
sys.exit(0 if rc == $(cat "$o/audit.rc") and io == ['pass' if $want_rc == 0 else 'fail'] else 1)"
	# metrics and JSON lines live: promtool accepts the metrics; they count the kernel's groups,
	# the tree's functions and VFs, and the audit's checks; the lines are the groups document
	check "$name: live metrics: promtool accepts them" sh -c "promtool check metrics <'$o/metrics.out'"
	check "$name: live metrics count the kernel's groups, functions, VFs and the audit's checks" \
		"$IC_PYTHON" "$IC_SRCDIR/tests/lib/metrics.py" "$o/metrics.out" "$o/kernel.groups" "$o/tree" "$o/audit.out"
	check "$name: live groups --jsonl is live groups --json cut into lines" "$IC_PYTHON" \
		"$IC_SRCDIR/tests/lib/jsonl.py" "$IC_SRCDIR/data/schemas" groups groups "$o/jsonl.out" "$o/groups.out"
	if [ -n "$expect_groups" ]; then
		out="$o/groups.out"
		check "$name: live groups: $expect_groups" jq_py "$expect_groups_check"
	fi
	if [ -n "$expect_audit" ]; then
		out="$o/audit.out"
		check "$name: live audit: $expect_audit" jq_py "
c = {(k['id'], k['subject']): k for k in d['checks']}
v = lambda i, s: c[(i, s)]['verdict'] if (i, s) in c else None
t = lambda i, s: c[(i, s)]['text'] if (i, s) in c else ''
$expect_audit_check"
	fi
	# The kernel is the referee of the reset prediction: the recorded tree without its
	# reset_method files (as an old snapshot) predicts the methods the kernel listed.
	rm -rf "$dir/noreset"
	cp -a "$o/tree" "$dir/noreset"
	find "$dir/noreset/sys/devices" -name reset_method -delete
	printf 'iso-check snapshot, format 1\n' >"$dir/noreset/ISO_CHECK_SNAPSHOT"
	run --sysroot "$dir/noreset" audit --json
	check "$name: without reset_method, the predicted reset methods are the kernel's" \
		"$IC_PYTHON" "$IC_SRCDIR/tests/lib/resets.py" "$o/audit.out" "$out"
	# Replay: the snapshot gives byte for byte what the live run printed.
	for cmd in $commands; do
		[ -n "$live" ] || break
		# shellcheck disable=SC2046 # the arguments are single words
		set -- $(command_args "$cmd")
		run --sysroot "$o/snapshot.tar.gz" "$@"
		# Only the root's name differs: null (this host) against the archive's path.
		# (the text form pads its columns to the longer paths: squeeze the blanks)
		# (audit's evidence strings start with the path they name)
		# (metrics: the collection's time and duration are the run's own)
		sed 's|"sysroot": null|"sysroot": "ROOT"|; s|"sysroot":null|"sysroot":"ROOT"|; s|"path": "/|"path": "ROOT/|; s|"path":"/|"path":"ROOT/|g; s|^\( *\)"/|\1"ROOT/|; s|^/|ROOT/|; s/  */ /g; /^iso_check_collection_/d' \
			"$o/$cmd.out" >"$dir/live.$cmd"
		# (and the page size comes from the snapshot's PAGE_SIZE instead of the host)
		sed "s|$o/snapshot.tar.gz:|ROOT|g; s|$o/snapshot.tar.gz|ROOT|g; s/  */ /g; /^iso_check_collection_/d" "$out" |
			sed 's|"page_size_source": "snapshot"|"page_size_source": "host"|' >"$dir/replay.$cmd"
		check "$name: replayed '$*' = live (exit $rc)" sh -c \
			"cmp -s '$dir/live.$cmd' '$dir/replay.$cmd' && [ $rc -eq $(cat "$o/$cmd.rc") ]"
	done
	# The recorded tree (the fixtures' format) gives the kernel's groups; stripped of them,
	# the prediction gives them too.
	run --sysroot "$o/tree" groups --json
	kernel_listing | sort >"$dir/tree.sorted"
	check "$name: the recorded tree gives the kernel's groups" cmp -s "$dir/kernel.sorted" "$dir/tree.sorted"
	if [ "$want_rc" -eq 0 ]; then
		rm -rf "$dir/stripped"
		cp -a "$o/tree" "$dir/stripped"
		find "$dir/stripped/sys" -name iommu_group -type l -delete
		rm -rf "$dir/stripped/sys/kernel/iommu_groups/"*
		run --sysroot "$dir/stripped" groups --predict --json
		kernel_listing | sort >"$dir/predicted.sorted"
		if [ -n "$bind" ]; then
			# over the functions the kernel grouped, the same partition (numbers aside); none it
			# left without a group is predicted into one with certainty
			check "$name: without the kernel's groups, the prediction is the kernel's partition of what it grouped" \
				"$IC_PYTHON" "$IC_SRCDIR/tests/lib/bind-partition.py" "$dir/kernel.sorted" "$out"
		else
			check "$name: without the kernel's groups, the prediction is the kernel's" \
				diff -u "$dir/kernel.sorted" "$dir/predicted.sorted"
		fi
		# a domain type the prediction states (where the command line decides) is the kernel's
		check "$name: without the kernel's groups, a predicted domain type is the kernel's" "$IC_PYTHON" -c '
import json, sys
k = {x["address"]: g["type"] for g in json.load(open(sys.argv[1]))["groups"] for x in g["devices"]}
p = json.load(open(sys.argv[2]))
bad = [x["address"] for g in p["groups"] if g["type"] for x in g["devices"] if k.get(x["address"]) != g["type"]]
sys.exit(1 if bad else 0)' "$o/groups.out" "$out"
		# PowerNV: with every eeh_pe_config_addr removed too, the PE numbers are the kernel's
		if ls "$o"/tree/sys/bus/pci/devices/*/eeh_pe_config_addr >/dev/null 2>&1; then
			find "$dir/stripped/sys" -name eeh_pe_config_addr -delete
			run --sysroot "$dir/stripped" groups --predict --json
			check "$name: from the device tree alone, every PE number and group name is the kernel's" \
				"$IC_PYTHON" "$IC_SRCDIR/tests/lib/pe-numbers.py" "$o/tree" "$out"
		fi
	fi
	if $update; then
		tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -czf \
			"$IC_SRCDIR/$fixture_dir/$name.tar.gz" -C "$o/tree" . &&
			cp "$dir/kernel.sorted" "$IC_SRCDIR/$fixture_dir/$name.groups" &&
			{ ! [ -f "$dir/later.sorted" ] || cp "$dir/later.sorted" "$IC_SRCDIR/$fixture_dir/$name.later-groups"; } &&
			echo "# updated $fixture_dir/$name.tar.gz and $name.groups"
	fi
done
echo "# check-vm took $(($(date +%s) - started)) s"
finish
