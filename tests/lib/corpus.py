# SPDX-License-Identifier: GPL-2.0-or-later
"""corpus.py FIXTURES OUT CANARY: write the malformed-input corpus into OUT, one case a
directory (a mutated recorded tree), .tar.gz (a crafted archive) or .txt (a crafted lspci
dump), and print their names. CANARY is a directory outside every case that links point at:
nothing of it may be read into a result, and nothing may be written into it."""
import gzip
import io
import os
import shutil
import sys
import tarfile

fixtures, out, canary = sys.argv[1:4]
DEV = "sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"	# basic-q35: an e1000e below a root port
PF = "sys/devices/pci0000:00/0000:00:02.0/0000:01:00.0"		# sriov-vfs: the PF
VF = "sys/devices/pci0000:00/0000:00:02.0/0000:01:00.1"
names = []


def tree(name, base="basic-q35"):
    d = os.path.join(out, name)
    os.makedirs(d)
    with tarfile.open(os.path.join(fixtures, base + ".tar.gz")) as t:
        t.extractall(d)
    names.append(name)
    return d


def put(d, rel, data, mode="wb"):
    p = os.path.join(d, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if os.path.lexists(p) and not os.path.isdir(p):
        os.unlink(p)
    with open(p, mode) as f:
        f.write(data)


def link(d, rel, target):
    p = os.path.join(d, rel)
    if os.path.lexists(p):
        shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.unlink(p)
    os.symlink(target, p)


def config(d, rel=DEV):
    return bytearray(open(os.path.join(d, rel, "config"), "rb").read())


def set_config(d, c, rel=DEV):
    put(d, rel + "/config", bytes(c))


# --- config space ---------------------------------------------------------------------------
for n, size in [("cfg-empty", 0), ("cfg-1", 1), ("cfg-63", 63), ("cfg-65", 65), ("cfg-100", 100),
                ("cfg-300", 300)]:
    d = tree(n)
    set_config(d, config(d)[:size])
d = tree("cfg-all-64")
for root, dirs, files in os.walk(os.path.join(d, "sys/devices")):
    if "config" in files:
        p = os.path.join(root, "config")
        open(p, "r+b").truncate(64)
d = tree("cfg-5000")
set_config(d, config(d) + bytes(904))
d = tree("cfg-ff")
set_config(d, b"\xff" * 4096)
d = tree("cfg-zero")
set_config(d, bytes(4096))
d = tree("cap-self-loop")
c = config(d)
c[c[0x34] + 1] = c[0x34]
set_config(d, c)
d = tree("cap-ptr-10")
c = config(d)
c[0x34] = 0x10
set_config(d, c)
d = tree("cap-ptr-ff")
c = config(d)
c[0x34] = 0xff
set_config(d, c)
d = tree("ecap-self-loop")
c = config(d)
c[0x100:0x104] = (0x0001 | 1 << 16 | 0x100 << 20).to_bytes(4, "little")
set_config(d, c)
d = tree("ecap-next-40")
c = config(d)
c[0x100:0x104] = (0x0001 | 1 << 16 | 0x040 << 20).to_bytes(4, "little")
set_config(d, c)
d = tree("ecap-acs-at-ffc")
c = config(d)
c[0x100:0x104] = (0x000d | 1 << 16 | 0xffc << 20).to_bytes(4, "little")
c[0xffc:0x1000] = (0x000d | 1 << 16).to_bytes(4, "little")
set_config(d, c)
d = tree("hdr-7f")
c = config(d)
c[0x0e] = 0x7f
set_config(d, c)
d = tree("bridge-own-bus", "basic-q35")
rp = "sys/devices/pci0000:00/0000:00:02.0"
c = config(d, rp)
c[0x19] = c[0x18]
c[0x1a] = 0xff
set_config(d, c, rp)
d = tree("cfg-fifo")
os.unlink(os.path.join(d, DEV, "config"))
os.mkfifo(os.path.join(d, DEV, "config"))
d = tree("cfg-dir")
os.unlink(os.path.join(d, DEV, "config"))
os.mkdir(os.path.join(d, DEV, "config"))
d = tree("cfg-to-canary")
link(d, DEV + "/config", os.path.join(canary, "config"))
d = tree("bridge-cfg-to-canary")
link(d, "sys/devices/pci0000:00/0000:00:02.0/config", os.path.join(canary, "config"))
d = tree("devlink-host-shadow")	# the tree holds a copy where the host has the canary
rp = "sys/devices/pci0000:00/0000:00:02.0"
shutil.copytree(os.path.join(d, rp), os.path.join(d, canary.lstrip("/")), symlinks=True)
link(d, "sys/bus/pci/devices/0000:00:02.0", canary)
d = tree("cfg-climb-out")
link(d, DEV + "/config", "../" * 12 + canary.lstrip("/") + "/config")
d = tree("cfg-mode-000")
os.chmod(os.path.join(d, DEV, "config"), 0)

# --- resource -----------------------------------------------------------------------------------
for n, data in [("res-binary", bytes(range(256)) * 4),
                ("res-17-digits", b"0x00000000000000000 0x1 0x200\n"),
                ("res-to-2-64", b"0xfffffffffffff000 0xffffffffffffffff 0x0000000000040200\n"),
                ("res-long-line", b"0x1" * 40000 + b"\n"),
                ("res-nul", b"0x00000000fea00000 0x00000000fea1ffff\x00 0x0000000000040200\n"),
                ("res-one-line", b"0x00000000fea00000 0x00000000fea1ffff 0x0000000000040200")]:
    d = tree(n)
    put(d, DEV + "/resource", data)

# --- links --------------------------------------------------------------------------------------
d = tree("group-dangling")
link(d, DEV + "/iommu_group", "../../../../kernel/iommu_groups/99")
d = tree("group-self-loop")
link(d, DEV + "/iommu_group", "iommu_group")
d = tree("group-to-canary")
link(d, "sys/kernel/iommu_groups/7", canary)
d = tree("group-minus-1")
link(d, DEV + "/iommu_group", "../../../../kernel/iommu_groups/-1")
d = tree("group-huge")
link(d, DEV + "/iommu_group", "../../../../kernel/iommu_groups/99999999999")
d = tree("driver-loop")
link(d, DEV + "/driver", "driver")
d = tree("driver-to-canary")
link(d, DEV + "/driver", canary)
d = tree("physfn-self", "sriov-vfs")
link(d, VF + "/physfn", "../0000:01:00.1")
d = tree("virtfn-dangling", "sriov-vfs")
link(d, PF + "/virtfn0", "../0000:01:09.9")
d = tree("numvfs-65535", "sriov-vfs")
put(d, PF + "/sriov_numvfs", b"65535\n")
d = tree("devlink-loop")
link(d, "sys/bus/pci/devices/0000:01:00.0", "0000:01:00.0")
d = tree("devlink-dangling")
link(d, "sys/bus/pci/devices/0000:01:00.0", "../../../devices/pci0000:00/nothing")
d = tree("devlink-to-canary")
link(d, "sys/bus/pci/devices/0000:01:00.0", canary)
d = tree("devdir-is-file")
shutil.rmtree(os.path.join(d, DEV))
put(d, DEV, b"not a directory\n")
d = tree("devices-is-file")
shutil.rmtree(os.path.join(d, "sys/bus/pci/devices"))
put(d, "sys/bus/pci/devices", b"x")
d = os.path.join(out, "empty-tree")
os.makedirs(d)
names.append("empty-tree")
d = tree("no-sys")
shutil.rmtree(os.path.join(d, "sys"))

# --- names and attributes ------------------------------------------------------------------
for n, bad in [("name-junk", "0000:00:00.0x"), ("name-ffff", "ffff:ff:1f.7"),
               ("name-non-utf8", "0000:0\xe9:00.0")]:
    d = tree(n)
    link(d, "sys/bus/pci/devices/" + bad, "../../../devices/pci0000:00/0000:00:02.0/0000:01:00.0")
for n, attr, data in [("vendor-junk", "vendor", b"junk\n"), ("class-junk", "class", b"0xZZ\n"),
                      ("numa-junk", "numa_node", b"junk\n"), ("numa-huge", "numa_node", b"9" * 20 + b"\n"),
                      ("attr-fifo", "modalias", None), ("attr-17M", "modalias", b"a" * (17 << 20))]:
    d = tree(n)
    if data is None:
        os.unlink(os.path.join(d, DEV, attr))
        os.mkfifo(os.path.join(d, DEV, attr))
    else:
        put(d, DEV + "/" + attr, data)
d = tree("resv-junk")
put(d, "sys/kernel/iommu_groups/7/reserved_regions", b"garbage\n")
d = tree("resv-200k")
put(d, "sys/kernel/iommu_groups/7/reserved_regions", b"0x00000000fee00000 0x00000000feefffff msi\n" * 5000)
d = tree("group-type-esc")
put(d, "sys/kernel/iommu_groups/7/type", b"\x1b[31mDMA\x1b]0;owned\x07\n")
d = tree("group-dir-ff")
os.rename(os.path.join(d, "sys/kernel/iommu_groups/7"), os.path.join(d, "sys/kernel/iommu_groups/\xff"))
d = tree("ivrs-40", "amd-iommu")
p = os.path.join(d, "sys/firmware/acpi/tables/IVRS")
open(p, "r+b").truncate(40)
d = tree("ivrs-len-ffffffff", "amd-iommu")
c = bytearray(open(p.replace("ivrs-40", "ivrs-len-ffffffff"), "rb").read())
c[4:8] = b"\xff\xff\xff\xff"
put(d, "sys/firmware/acpi/tables/IVRS", bytes(c))
d = tree("dmar-10")
put(d, "sys/firmware/acpi/tables/DMAR", b"DMAR\x0a\x00\x00\x00\x00\x00")
d = tree("cmdline-1M")
put(d, "proc/cmdline", b"pcie_acs_override=downstream " * 40000)
d = tree("release-ff")
put(d, "KERNEL_RELEASE", b"\xff" * 4096)
d = tree("page-size-3")
put(d, "PAGE_SIZE", b"3\n")
d = tree("osrelease-climb")
put(d, "proc/sys/kernel/osrelease", b"../../../../etc\n")


# --- archives -----------------------------------------------------------------------------------
def archive(name, members):
    """members: (tarinfo, bytes or None)"""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for ti, data in members:
            t.addfile(ti, io.BytesIO(data) if data is not None else None)
    write(name, gzip.compress(buf.getvalue()))


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    names.append(name)


def member(name, data=b"", kind=tarfile.REGTYPE, target=""):
    ti = tarfile.TarInfo(name)
    ti.type = kind
    ti.linkname = target
    ti.size = len(data) if kind == tarfile.REGTYPE else 0
    return ti, data if kind == tarfile.REGTYPE else None


good = open(os.path.join(fixtures, "basic-q35.tar.gz"), "rb").read()
write("tar-half.tar.gz", good[:len(good) // 2])
write("tar-random.tar.gz", os.urandom(4000))
write("tar-empty.tar.gz", b"")
write("tar-gzip-text.tar.gz", gzip.compress(b"hello\n" * 100))
archive("tar-dotdot.tar.gz", [member("../../escaped", b"x")])
archive("tar-absolute.tar.gz", [member(canary + "/absolute", b"x")])
archive("tar-link-then-file.tar.gz", [member("sys", kind=tarfile.SYMTYPE, target=canary),
                                      member("sys/written", b"x")])
archive("tar-hardlink.tar.gz", [member("config", kind=tarfile.LNKTYPE, target=canary + "/config")])
archive("tar-17M-member.tar.gz", [member("sys/blob", b"\0" * (17 << 20))])
shutil.make_archive(os.path.join(out, "tar-escape"), "gztar", os.path.join(out, "group-to-canary"))
names.append("tar-escape.tar.gz")

# --- lspci dumps --------------------------------------------------------------------------------
HDR = "00:00.0 Host bridge: Intel Corporation Device\n00: 86 80 40 2a 06 01 90 20 07 00 00 06 00 00 00 00\n"
for n, text in [("dump-negative-offset", HDR + "EEEEEEa0: 41\n"),
                ("dump-heap-write", HDR + "fffffff0: 41 41 41 41 41 41 41 41\n"),
                ("dump-past-4096", HDR + "ff8: 00 00 00 00 00 00 00 00 00 00\n"),
                ("dump-nul", HDR.replace("06 01", "06\0 01")),
                ("dump-twice", HDR + "\n" + HDR),
                ("dump-bad-slot", "00:3f.0 x\n00: 86 80\n"),
                ("dump-long-line", HDR + "10: " + "00 " * 300 + "\n"),
                ("dump-garbage", "".join(chr(32 + (i * 7) % 90) for i in range(5000))),
                ("dump-truncated", HDR + "10: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 0")]:
    write(n + ".txt", text.encode("latin-1"))

print("\n".join(names))
