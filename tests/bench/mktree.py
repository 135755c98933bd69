#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""mktree.py BASE FUNCTIONS OUT - a synthetic host for the benchmark: the recorded tree BASE
(a directory or .tar.gz with one PCI domain, 0000) copied into PCI domains 0001, 0002, ...
until OUT holds at least FUNCTIONS functions. Every copy renames its addresses (directories,
sys/bus/pci links, driver bindings, physfn and virtfn links) and renumbers its IOMMU groups
after the base's, so the kernel's groups of the copy are those of the base, moved. Files are
hard links to the base's (nothing is rewritten but names and links)."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ADDR = re.compile(r'(?<![0-9a-f])0000:(?=[0-9a-f]{2}(?:[:./]|$))')
GROUP = re.compile(r'(iommu_groups/)(\d+)')


def functions(tree):
    d = os.path.join(tree, 'sys/bus/pci/devices')
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    base, want, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    tmp = None
    if os.path.isfile(base):
        tmp = tempfile.mkdtemp(prefix='iso-check-bench-')
        subprocess.run(['tar', '-xzf', base, '-C', tmp], check=True)
        base = tmp
    try:
        build(base, want, out)
    finally:
        if tmp:
            shutil.rmtree(tmp)


def build(base, want, out):
    fns = functions(base)
    if not fns or any(not f.startswith('0000:') for f in fns):
        sys.exit(f'mktree: {base}: not a tree of PCI domain 0000 alone')
    groups_dir = os.path.join(base, 'sys/kernel/iommu_groups')
    groups = [int(g) for g in os.listdir(groups_dir)] if os.path.isdir(groups_dir) else []
    stride = max(groups) + 1 if groups else 0
    copies = -(-want // len(fns))
    if copies > 0xffff:
        sys.exit('mktree: more copies than PCI domains')
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(base, out, symlinks=True, copy_function=os.link)
    for k in range(1, copies):
        dom = f'{k:04x}:'

        def name(s):
            return ADDR.sub(dom, s)

        def group(s):
            return GROUP.sub(lambda mo: mo.group(1) + str(int(mo.group(2)) + k * stride), s)

        # the host bridges' directories and everything below them
        for host in sorted(os.listdir(os.path.join(base, 'sys/devices'))):
            if not host.startswith('pci0000:'):
                continue
            for dirpath, dirnames, filenames in os.walk(os.path.join(base, 'sys/devices', host)):
                rel = os.path.relpath(dirpath, base)
                dst = os.path.join(out, name(rel))
                os.makedirs(dst, exist_ok=True)
                for f in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
                    src = os.path.join(dirpath, f)
                    to = os.path.join(dst, name(f))
                    if os.path.islink(src):
                        os.symlink(group(name(os.readlink(src))), to)
                    else:
                        os.link(src, to)
        # links that name functions: the bus's list and the drivers' bindings
        for sub in ['sys/bus/pci/devices'] + [os.path.join('sys/bus/pci/drivers', d) for d in
                                              sorted(os.listdir(os.path.join(base, 'sys/bus/pci/drivers')))]:
            for f in sorted(os.listdir(os.path.join(base, sub))):
                src = os.path.join(base, sub, f)
                if os.path.islink(src) and f.startswith('0000:'):
                    os.symlink(name(os.readlink(src)), os.path.join(out, sub, name(f)))
        # the copy's groups: the base's, renumbered, with their members renamed
        for g in groups:
            src = os.path.join(groups_dir, str(g))
            dst = os.path.join(out, 'sys/kernel/iommu_groups', str(g + k * stride))
            os.makedirs(os.path.join(dst, 'devices'))
            for f in os.listdir(src):
                if f != 'devices':
                    os.link(os.path.join(src, f), os.path.join(dst, f))
            for f in os.listdir(os.path.join(src, 'devices')):
                os.symlink(name(os.readlink(os.path.join(src, 'devices', f))),
                           os.path.join(dst, 'devices', name(f)))
    print(f'{out}: {len(functions(out))} functions in {copies} PCI domains')


if __name__ == '__main__':
    main()
