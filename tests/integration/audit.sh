# SPDX-License-Identifier: GPL-2.0-or-later
# audit.sh - iso-check audit over every recorded tree (valid JSON, registered check ids, the
# exit status the verdicts call for), then on a tree given a host: a root file system on its
# NVMe, a default route on its NIC, interrupts remapped or not, unsafe interrupts allowed; the
# selection, --fail-on, snapshots that record it all, and an old snapshot that did not.
. "$IC_SRCDIR/tests/lib/common.sh"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$IC_SRCDIR/data/schemas" "$@"; }
"$IC_BIN" --list-findings --json >"$work/registry.json"

# verdicts.py DOC.json RC: every id registered for audit, the exit status the worst verdict gives
cat >"$work/verdicts.py" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
rc = int(sys.argv[2])
reg = {f["code"] for f in json.load(open(sys.argv[3]))["findings"] if f["view"] == "audit"}
v = [c["verdict"] for c in doc["checks"]]
want = 7 if "fail" in v else 6 if "warn" in v else 4 if "unknown" in v or doc["partial"] else 0
ok = all(c["id"] in reg for c in doc["checks"]) and rc == want and v
sys.exit(0 if ok else 1)
PY
verdicts() { "$IC_PYTHON" "$work/verdicts.py" "$1" "$2" "$work/registry.json"; }
# same_checks A.json B.json: every check of A has B's id, subject, verdict and text, in order
same_checks() {
	"$IC_PYTHON" -c 'import json, sys
a, b = (json.load(open(p))["checks"] for p in sys.argv[1:3])
key = lambda d: [(c["id"], c["subject"], c["verdict"], c["text"]) for c in d]
sys.exit(0 if key(a) == key(b) else 1)' "$@"
}
# verdict DOC ID SUBJECT: the verdict of one check
verdict() {
	"$IC_PYTHON" -c 'import json, sys
print(" ".join(c["verdict"] for c in json.load(open(sys.argv[1]))["checks"] if c["id"] == sys.argv[2] and c["subject"] == sys.argv[3]))' "$@"
}

for name in $(fixtures); do
	tree=$(unpack "$name")
	run --sysroot "$tree" audit --json
	cp "$out" "$work/$name.json"
	jrc=$rc
	check "$name: audit --json validates" validate "$work/$name.json"
	check "$name: every check registered, exit $jrc as the verdicts say" verdicts "$work/$name.json" "$jrc"
	run --sysroot "$tree" audit
	check "$name: text exits as JSON does, one line a check" sh -c "[ $rc -eq $jrc ] &&
		[ \$(grep -c '^\(pass\|note\|unknown\|warn\|fail\) ' '$out') -eq \$('$IC_PYTHON' -c 'import json,sys; print(len(json.load(open(sys.argv[1]))[\"checks\"]))' '$work/$name.json') ]"
	# every group of the kernel's listing is audited
	check "$name: every kernel group has its three checks" "$IC_PYTHON" -c '
import json, sys
groups = {l.split()[1] for l in open(sys.argv[2]) if l.startswith("group ")}
doc = json.load(open(sys.argv[1]))
for g in groups:
    ids = {c["id"] for c in doc["checks"] if c["scope"] == "group" and c["group"] == int(g)}
    if ids != {"group_viable", "group_host_critical", "reserved_region_direct"}:
        sys.exit(1)' "$work/$name.json" "$IC_SRCDIR/tests/fixtures/$name.groups"
done

# The kernel is the referee of the reset prediction: with reset_method taken away (and the tree
# marked as a format-1 snapshot, which did not record it), the methods predicted from config
# space and the reset quirks are the kernel's own list, on every tree.
for name in $(fixtures); do
	tree=$(unpack "$name" resets)
	printf 'iso-check snapshot, format 1\n' >"$tree/ISO_CHECK_SNAPSHOT"
	find "$tree/sys/devices" -name reset_method -delete
	run --sysroot "$tree" audit --json
	check "$name: predicted reset methods are the kernel's reset_method" "$IC_PYTHON" "$IC_SRCDIR/tests/lib/resets.py" "$work/$name.json" "$out"
done

doc="$work/no-iommu.json"
v=$(verdict "$doc" iommu_enabled host)
check "no-iommu: iommu_enabled fails ($v), the groups are predicted" sh -c "[ '$v' = fail ] &&
	'$IC_PYTHON' -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d[\"predicted_groups\"] and any(\"(predicted)\" in c[\"subject\"] for c in d[\"checks\"]) else 1)' '$doc'"
doc="$work/vfio-bound.json"
g1=$(grep 0000:01:00.0 "$IC_SRCDIR/tests/fixtures/vfio-bound.groups" | cut -d' ' -f2)
g2=$(grep 0000:03:01.0 "$IC_SRCDIR/tests/fixtures/vfio-bound.groups" | cut -d' ' -f2)
v1=$(verdict "$doc" group_viable "group $g1")
v2=$(verdict "$doc" group_viable "group $g2")
check "vfio-bound: the group vfio-pci owns alone is viable ($v1), the shared one is not ($v2, its e1000 named)" sh -c "
	[ '$v1' = pass ] && [ '$v2' = warn ] &&
	'$IC_PYTHON' -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(c[\"id\"] == \"group_viable\" and \"0000:03:02.0 (e1000)\" in c[\"text\"] and \"drivers/e1000/unbind\" in c[\"fix\"] for c in d[\"checks\"]) else 1)' '$doc'"
doc="$work/sriov-nvme.json"
pf=$(grep -l . "$work"/trees/sriov-nvme/sys/bus/pci/devices/*/sriov_numvfs | head -1 | xargs dirname | xargs basename)
v=$(verdict "$doc" device_assignable "$pf")
check "sriov-nvme: the PF with VFs enabled cannot be bound ($pf: $v), its VFs reset alone" sh -c "
	[ '$v' = fail ] &&
	'$IC_PYTHON' -c 'import json,sys; d=json.load(open(sys.argv[1])); r=[c for c in d[\"checks\"] if c[\"id\"] == \"reset_scope\" and \"a VF\" in c[\"text\"]]; t=[c for c in d[\"checks\"] if c[\"id\"] == \"vf_token\"]; sys.exit(0 if len(r) == 4 and len(t) == 4 else 1)' '$doc'"
doc="$work/sriov-pf-vfio.json"
check "sriov-pf-vfio: VFs of a PF vfio-pci owns need its VF token (note)" "$IC_PYTHON" -c '
import json, sys
t = [c for c in json.load(open(sys.argv[1]))["checks"] if c["id"] == "vf_token"]
sys.exit(0 if t and all(c["verdict"] == "note" for c in t) else 1)' "$doc"
# PowerNV, as the kernels recorded it: MSIs isolated per PE, the sPAPR TCE container; 6.1
# refused vfio-pci for the NIC it was asked for (driver_override, nothing bound), 6.12 bound it.
doc="$work/powernv9.json"
check "powernv9: no remapping asked for, spapr TCE modules, vfio-pci's refusal of 0001:02:01.0 warned" "$IC_PYTHON" -c '
import json, sys
c = {(k["id"], k["subject"]): k for k in json.load(open(sys.argv[1]))["checks"]}
a = c[("device_assignable", "0001:02:01.0")]
sys.exit(0 if c[("interrupt_remapping", "host")]["verdict"] == "pass" and
         c[("unsafe_interrupts", "host")]["verdict"] == "pass" and
         "vfio_iommu_spapr_tce loaded" in c[("vfio_modules", "host")]["text"] and
         a["verdict"] == "warn" and "did not bind" in a["text"] and
         any(e.endswith("driver_override: vfio-pci") for e in a["evidence"]) else 1)' "$doc"
doc="$work/powernv9-vfio.json"
check "powernv9-vfio: 6.12 binds vfio-pci, the two-function PE is viable" "$IC_PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = {(k["id"], k["subject"]): k for k in d["checks"]}
sys.exit(0 if all(c[("device_assignable", f)]["text"] == "bound to vfio-pci" for f in ("0001:01:00.0", "0001:01:00.1", "0002:02:01.0")) and
         not [k for k in d["checks"] if k["id"] == "device_assignable" and k["verdict"] != "pass"] else 1)' "$doc"

# A host around basic-q35: / on the NVMe 00:05.0, the default route on the NIC 01:00.0.
host=$(unpack basic-q35 host)
nvme=$(readlink -f "$host/sys/bus/pci/devices/0000:00:05.0")
nic=$(readlink -f "$host/sys/bus/pci/devices/0000:01:00.0")
mkdir -p "$nvme/nvme/nvme0/nvme0n1" "$nic/net/eth0" "$host/sys/dev/block" "$host/sys/class/net" "$host/proc/1/net"
ln -s "../../${nvme#"$host"/sys/}/nvme/nvme0/nvme0n1" "$host/sys/dev/block/259:0"
ln -s "../../${nic#"$host"/sys/}/net/eth0" "$host/sys/class/net/eth0"
# a framebuffer on the VGA device: fb0 is a link, and its device link is below its target
vga=$(readlink -f "$host/sys/bus/pci/devices/0000:00:01.0")
mkdir -p "$vga/graphics/fb0" "$host/sys/class/graphics"
ln -s ../../.. "$vga/graphics/fb0/device"
ln -s "../../${vga#"$host"/sys/}/graphics/fb0" "$host/sys/class/graphics/fb0"
printf '27 1 259:0 / / rw,relatime - ext4 /dev/nvme0n1 rw\n22 27 0:21 / /proc rw - proc proc rw\n' >"$host/proc/1/mountinfo"
printf 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\t0102000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n' >"$host/proc/1/net/route"
printf 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n' >"$host/proc/swaps"
printf '           CPU0\n 24:          1  IR-IO-APIC    2-edge      timer\n 28:          0  IR-PCI-MSIX-0000:00:05.0    0-edge      nvme0q0\n' >"$host/proc/interrupts"
run --sysroot "$host" audit --json
cp "$out" "$work/host.json"
check "host: validates, exit 7 as the verdicts say" sh -c "[ $rc -eq 7 ] && verdicts() { '$IC_PYTHON' '$work/verdicts.py' \"\$@\" '$work/registry.json'; } && verdicts '$work/host.json' 7 && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/validate.py' '$IC_SRCDIR/data/schemas' '$work/host.json'"
g_nvme=$(grep 0000:00:05.0 "$IC_SRCDIR/tests/fixtures/basic-q35.groups" | cut -d' ' -f2)
g_nic=$(grep 0000:01:00.0 "$IC_SRCDIR/tests/fixtures/basic-q35.groups" | cut -d' ' -f2)
check "host: the NVMe's group holds / (fail), the NIC's the default route (fail)" "$IC_PYTHON" -c '
import json, sys
c = {(x["id"], x["subject"]): x for x in json.load(open(sys.argv[1]))["checks"]}
a = c[("group_host_critical", "group " + sys.argv[2])]
b = c[("group_host_critical", "group " + sys.argv[3])]
sys.exit(0 if a["verdict"] == "fail" and "0000:00:05.0 holds / (nvme0n1)" in a["text"] and
         b["verdict"] == "fail" and "default route (eth0)" in b["text"] else 1)' "$work/host.json" "$g_nvme" "$g_nic"
# groups -o RESET,CRITICAL: the same checks' answers, as columns and as JSON
run --sysroot "$host" groups -l -o DEVICE,RESET,CRITICAL --noheadings
check "host: groups CRITICAL names / on the NVMe and the route on the NIC, RESET the kernel's methods" sh -c "
	grep -q '^0000:00:05.0 *flr */ (nvme0n1)\$' '$out' && grep -q '^0000:01:00.0 *pm bus *default route (eth0)\$' '$out'"
run --sysroot "$host" groups --json -o +RESET,CRITICAL
check "host: groups --json -o +RESET,CRITICAL validates" validate "$out"
check "host: every group's host_critical is the audit's group_host_critical, every reset the audit's" "$IC_PYTHON" -c '
import json, sys
g = json.load(open(sys.argv[1]))
a = {(c["id"], c["subject"]): c for c in json.load(open(sys.argv[2]))["checks"]}
for grp in g["groups"]:
    want = a[("group_host_critical", "group %d" % grp["group"])]["verdict"] == "fail"
    if grp["host_critical"] != want:
        sys.exit("group %d" % grp["group"])
    for d in grp["devices"]:
        c = a.get(("reset_available", d["address"]))
        if c and " ".join(d["reset"]["methods"]) != c["evidence"][0].split(": ", 1)[1].replace("absent (no method)", ""):
            sys.exit(d["address"])' "$out" "$work/host.json"
v1=$(verdict "$work/host.json" interrupt_remapping host)
v2=$(verdict "$work/host.json" group_host_critical "group 9")
check "host: interrupts remapped (IR- lines): $v1; other groups are not host-critical: $v2" sh -c "[ '$v1' = pass ] && [ '$v2' = pass ]"
# -s: the host, the function's group and the function alone; exit 4 (module state unknown)
run --sysroot "$host" audit -s 04:00.0 --json
check "host: -s 04:00.0 audits the host, group 9 and 04:00.0 only; exit 4 (unknowns)" sh -c "[ $rc -eq 4 ] && '$IC_PYTHON' -c '
import json, sys
d = json.load(open(sys.argv[1]))
subj = {c[\"subject\"] for c in d[\"checks\"]}
sys.exit(0 if subj == {\"host\", \"group 9\", \"0000:04:00.0\"} else 1)' '$out'"
# unsafe interrupts allowed: a warning (exit 6), which --fail-on=fail lets through (exit 4)
mkdir -p "$host/sys/module/vfio_iommu_type1/parameters"
echo Y >"$host/sys/module/vfio_iommu_type1/parameters/allow_unsafe_interrupts"
echo 'vfio_iommu_type1 45056 0 - Live 0x0000000000000000' >>"$host/proc/modules"
run --sysroot "$host" audit -s 04:00.0
check "host: allow_unsafe_interrupts=Y warns: exit 6" sh -c "[ $rc -eq 6 ] && grep -q '^warn  *unsafe_interrupts  *host' '$out'"
run --sysroot "$host" --fail-on=fail audit -s 04:00.0
check "host: --fail-on=fail: the warning exits 4 (unknowns left)" test "$rc" -eq 4
# no remapping: PCI MSI lines without IR- fail, and say why
printf '           CPU0\n 28:          0  PCI-MSIX-0000:00:05.0    0-edge      nvme0q0\n' >"$host/proc/interrupts"
run --sysroot "$host" audit -s 04:00.0
check "host: MSI lines without IR- fail interrupt_remapping: exit 7" sh -c "[ $rc -eq 7 ] && grep -q '^fail  *interrupt_remapping  *host  *interrupts are not remapped' '$out'"
# pcie_acs_override= names the groups resting on it (the override split the no-ACS switch)
sed -i 's/$/ pcie_acs_override=downstream/' "$host/proc/cmdline"
run --sysroot "$host" audit -s 04:00.0 --json
v=$(verdict "$out" acs_override host)
check "host: pcie_acs_override= on the command line fails acs_override ($v)" test "$v" = fail

# A snapshot records what the audit reads: the same verdicts from it
run --sysroot "$host" snapshot "$work/host-snap"
check "host: snapshot exit 0" test "$rc" -eq 0
run --sysroot "$host" audit --json
cp "$out" "$work/host2.json"
run --sysroot "$work/host-snap" audit --json
check "host: the snapshot's audit gives every check the tree's verdict and text" same_checks "$work/host2.json" "$out"
# The module index and modprobe.d (libkmod, confined to the tree): vfio modules installed but not
# loaded load on demand (note); an option in modprobe.d is the one in force when they load.
mods=$(unpack basic-q35 mods)
release=$(cat "$mods/KERNEL_RELEASE")
for m in vfio vfio_pci vfio_iommu_type1; do
	sh "$IC_SRCDIR/tests/lib/mk-module-index.sh" "$mods" "$release" "$m" 'pci:v0000FFFFd0000FFFFsv*sd*bc*sc*i*' ||
		fail "depmod and objcopy are needed to build a module index"
done
echo kernel/drivers/iommu/iommufd/iommufd.ko >"$mods/lib/modules/$release/modules.builtin"
PATH="$PATH:/sbin:/usr/sbin" depmod -b "$mods" "$release" 2>/dev/null
run --sysroot "$mods" audit --json
cp "$out" "$work/mods.json"
v=$(verdict "$work/mods.json" vfio_modules host)
check "index: vfio modules available, iommufd built in: vfio_modules $v" sh -c "[ '$v' = note ] &&
	grep -q 'vfio available, vfio_pci available, vfio_iommu_type1 available, iommufd built in' '$work/mods.json'"
v=$(verdict "$work/mods.json" unsafe_interrupts host)
check "index: nothing configures allow_unsafe_interrupts: the default, off ($v)" test "$v" = pass
mkdir -p "$mods/etc/modprobe.d"
echo 'options vfio_iommu_type1 allow_unsafe_interrupts=1' >"$mods/etc/modprobe.d/vfio.conf"
run --sysroot "$mods" audit --json
cp "$out" "$work/mods2.json"
v=$(verdict "$work/mods2.json" unsafe_interrupts host)
check "modprobe.d: allow_unsafe_interrupts=1 in force when it loads: $v, the file named" sh -c "[ '$v' = warn ] &&
	grep -q 'etc/modprobe.d: options vfio_iommu_type1 allow_unsafe_interrupts=1' '$work/mods2.json'"
run --sysroot "$mods" snapshot "$work/mods-snap"
check "modprobe.d: the snapshot records it" sh -c "[ $rc -eq 0 ] && grep -qx 'options vfio_iommu_type1 allow_unsafe_interrupts=1' '$work/mods-snap/etc/modprobe.d/vfio.conf'"
run --sysroot "$work/mods-snap" audit --json
check "modprobe.d: the snapshot's audit gives the same verdicts" same_checks "$work/mods2.json" "$out"

# Reset quirks (reset-quirks.tsv): an AMD Polaris GPU (the reset bug, vendor-reset) and an
# Atheros NIC the kernel never bus-resets, given the IDs of 00:01.0 and 01:00.0.
rq=$(unpack basic-q35 rq)
setid() { # setid BDF VENDOR DEVICE: the sysfs files and config bytes 0-3
	d=$(readlink -f "$rq/sys/bus/pci/devices/$1")
	echo "0x$2" >"$d/vendor"
	echo "0x$3" >"$d/device"
	printf "\\x${2#??}\\x${2%??}\\x${3#??}\\x${3%??}" | dd of="$d/config" conv=notrunc bs=1 count=4 2>/dev/null
}
setid 0000:00:01.0 1002 67df
setid 0000:01:00.0 168c 003c
run --sysroot "$rq" audit --json
cp "$out" "$work/rq.json"
v=$(verdict "$work/rq.json" reset_available 0000:00:01.0)
check "reset quirks: the Polaris GPU needs vendor-reset ($v), the table named" sh -c "[ '$v' = warn ] &&
	grep -q 'reset-quirks.tsv: 1002:67df, vendor-reset:polaris10' '$work/rq.json'"
v=$(verdict "$work/rq.json" reset_scope 0000:01:00.0)
check "reset quirks: no hot reset below the Atheros NIC's port ($v)" sh -c "[ '$v' = note ] &&
	grep -q 'no hot reset below 0000:00:02.0: the kernel refuses a bus reset there (quirk_no_bus_reset on 0000:01:00.0)' '$work/rq.json'"
printf 'iso-check snapshot, format 1\n' >"$rq/ISO_CHECK_SNAPSHOT"
find "$rq/sys/devices" -name reset_method -delete
run --sysroot "$rq" audit --json
check "reset quirks: without reset_method, no bus reset is predicted for the Atheros NIC" "$IC_PYTHON" -c '
import json, sys
c = [x for x in json.load(open(sys.argv[1]))["checks"] if x["id"] == "reset_available" and x["subject"] == "0000:01:00.0"]
sys.exit(0 if c and c[0]["text"].startswith("config space and the reset quirks offer pm;") else 1)' "$out"

# a format-1 snapshot did not record reset_method: never "no reset method", at most unknown
old=$(unpack basic-q35 old)
printf 'iso-check snapshot, format 1\n' >"$old/ISO_CHECK_SNAPSHOT"
find "$old/sys/devices" -name reset_method -delete
run --sysroot "$old" audit --json
check "old snapshot: no reset_method recorded is not a missing reset" "$IC_PYTHON" -c '
import json, sys
r = [c for c in json.load(open(sys.argv[1]))["checks"] if c["id"] == "reset_available"]
sys.exit(0 if r and all(c["verdict"] in ("note", "unknown") for c in r) else 1)' "$out"
run --sysroot "$old" snapshot "$work/old-snap"
check "old snapshot: a copy of it stays format 1" sh -c "[ $rc -eq 0 ] && head -1 '$work/old-snap/ISO_CHECK_SNAPSHOT' | grep -qx 'iso-check snapshot, format 1'"
# usage
run --sysroot "$work/trees/basic-q35" audit -g 99999
check "audit -g with no such group: exit 1" test "$rc" -eq 1
check "audit -g with no such group: one line naming it" one_line_naming 'no IOMMU group 99999'
finish
