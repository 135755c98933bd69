#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""bench.py ISO_CHECK READFLOOR MEASURE BASE [SIZES...] - `make bench`: the cost of every view.

Builds synthetic hosts from the recorded tree BASE (mktree.py: the tree copied into more PCI
domains) of about SIZES functions (default 1000 4000 16700), plus BASE itself and a tree of one
function, and on each runs every view, `lspci -vvv` over the same tree and READFLOOR (only the
reads iso-check needs), interleaved round by round so that the machine's noise falls on all of
them alike. Prints per tree and view the median CPU time (user + system) of the rounds, its
ratio to lspci's and to the floor's, and the peak RSS; then the growth of each view's CPU
time from the smallest synthetic tree to the largest. MEASURE runs each command (measure.c).
A benchmark, not a test: it never fails on a number. Environment: IC_BENCH_ROUNDS (default 5), TMPDIR."""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (label, arguments after --sysroot TREE); every view, as people run them
VIEWS = [
    ('groups', ['groups']),
    ('groups -n', ['groups', '-n']),
    ('groups --predict --explain --json', ['groups', '--predict', '--explain', '--json']),
    ('groups --jsonl', ['groups', '--jsonl']),
    ('bridges --json', ['bridges', '--json']),
    ('bars --json', ['bars', '--json']),
    ('sriov --json', ['sriov', '--json']),
    ('audit --json', ['audit', '--json']),
    ('metrics', ['metrics']),
    ('diff', ['diff']),		# the tree against a copy of itself
]


def run(measure, argv):
    """CPU seconds (user + system), peak RSS (MiB) and exit status of one run of ARGV."""
    out = subprocess.run([measure] + argv, check=True, capture_output=True, text=True).stdout
    user, system, rss, rc = out.split()
    return float(user) + float(system), int(rss) / 1024.0, int(rc)


def one_function(base, out):
    """BASE reduced to its first function (a host bridge) and that function's group."""
    shutil.copytree(base, out, symlinks=True, copy_function=os.link)
    bus = os.path.join(out, 'sys/bus/pci/devices')
    fns = sorted(os.listdir(bus))
    for f in fns[1:]:
        os.unlink(os.path.join(bus, f))
    groups = os.path.join(out, 'sys/kernel/iommu_groups')
    for g in os.listdir(groups) if os.path.isdir(groups) else []:
        if fns[0] not in os.listdir(os.path.join(groups, g, 'devices')):
            shutil.rmtree(os.path.join(groups, g))


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    iso, floor, measure, base = sys.argv[1:5]
    sizes = [int(s) for s in sys.argv[5:]] or [1000, 4000, 16700]
    rounds = int(os.environ.get('IC_BENCH_ROUNDS', '5'))
    sys.stdout.reconfigure(line_buffering=True)	# each table as soon as it is measured
    lspci = shutil.which('lspci')
    work = tempfile.mkdtemp(prefix='iso-check-bench-')
    try:
        trees = []
        src = os.path.join(work, 'base')
        os.mkdir(src)
        subprocess.run(['tar', '-xzf', base, '-C', src], check=True)
        one = os.path.join(work, 'one')
        one_function(src, one)
        trees.append(('1 function', one))
        trees.append((f'{len(os.listdir(os.path.join(src, "sys/bus/pci/devices")))} functions (recorded)', src))
        for n in sizes:
            t = os.path.join(work, f't{n}')
            subprocess.run([sys.executable, os.path.join(HERE, 'mktree.py'), src, str(n), t],
                           check=True, stdout=subprocess.DEVNULL)
            trees.append((f'{len(os.listdir(os.path.join(t, "sys/bus/pci/devices")))} functions', t))
        print(f'# iso-check benchmark: {rounds} rounds, median CPU time (user + system) per run; '
              f'base {os.path.basename(base)}')
        growth = {}
        for label, tree in trees:
            cmds = [(v, [iso] + (a + [tree, tree] if v == 'diff' else ['--sysroot', tree] + a))
                    for v, a in VIEWS]
            if lspci:
                cmds.append(('lspci -vvv', [lspci, '-A', 'linux-sysfs', '-O',
                                            f'sysfs.path={tree}/sys/bus/pci', '-vvv']))
            cmds.append(('read floor', [floor, tree]))
            cpu = {v: [] for v, _ in cmds}
            rss = {v: 0.0 for v, _ in cmds}
            bad = {}
            for _ in range(rounds):
                for v, argv in cmds:
                    t, r, rc = run(measure, argv)
                    cpu[v].append(t)
                    rss[v] = max(rss[v], r)
                    if (rc in (1, 2) or rc >= 64) and v not in bad:  # 3-7: results
                        bad[v] = rc
            med = {v: statistics.median(x) for v, x in cpu.items()}
            print(f'\n## {label}')
            print(f'{"view":<36} {"cpu ms":>8} {"/lspci":>7} {"/floor":>7} {"rss MiB":>8}')
            for v, _ in cmds:
                ratio_l = f'{med[v] / med["lspci -vvv"]:.2f}' if lspci and med['lspci -vvv'] else '-'
                ratio_f = f'{med[v] / med["read floor"]:.2f}' if med['read floor'] else '-'
                note = f'  (exit {bad[v]})' if v in bad else ''
                print(f'{v:<36} {med[v] * 1000:8.1f} {ratio_l:>7} {ratio_f:>7} {rss[v]:8.1f}{note}')
            if label.endswith(' functions') and not label.startswith('1 '):
                growth[label] = med
        if len(growth) >= 2:
            (small, a), (large, b) = list(growth.items())[0], list(growth.items())[-1]
            n_a, n_b = int(small.split()[0]), int(large.split()[0])
            print(f'\n## growth from {n_a} to {n_b} functions ({n_b / n_a:.1f}x the functions)')
            for v in a:
                print(f'{v:<36} {b[v] / a[v] if a[v] else float("nan"):8.1f}x')
    finally:
        shutil.rmtree(work)


if __name__ == '__main__':
    main()
