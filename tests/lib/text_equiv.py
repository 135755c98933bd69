# SPDX-License-Identifier: GPL-2.0-or-later
# text_equiv.py TREE.json TEXT.json [MIN]: `groups --predict --json` of a recorded tree against
# that of the lspci text printed for it. Every function the text predicts for certain must be
# in the tree's group with the same certain members and the same reason (why), or be one the
# tree's firmware tables (IORT, VIOT, IVRS) keep from every IOMMU: a dump holds none of them.
# With MIN, at least that many functions must be certain. Prints the counts; exit 1 on a
# difference.
import json
import sys


def load(path):
    d = json.load(open(path))
    why, group, certain = {}, {}, set()
    for g in d['groups']:
        for x in g['devices']:
            why[x['address']] = x['prediction']['why']
            group[x['address']] = g['group']
            if not x['prediction']['uncertain']:
                certain.add(x['address'])
    firmware = {x['address'] for x in d['ungrouped'] if x['prediction']['why'] in ('no_iommu', 'iommu_itself')}
    return d, why, group, certain, firmware


_, twhy, tgroup, _, tfirm = load(sys.argv[1])
_, xwhy, xgroup, xcertain, _ = load(sys.argv[2])
members = {}
for a, g in tgroup.items():
    members.setdefault(('t', g), set()).add(a)
for a, g in xgroup.items():
    members.setdefault(('x', g), set()).add(a)
bad = []
for a in sorted(xcertain):
    if a not in tgroup:
        if a not in tfirm:
            bad.append(f'{a}: certain in the text, in no predicted group of the tree')
        continue
    if xwhy[a] != twhy[a]:
        bad.append(f'{a}: why {xwhy[a]} from the text, {twhy[a]} from the tree')
    want = members[('t', tgroup[a])] & set(xgroup)
    if members[('x', xgroup[a])] != want:
        bad.append(f'{a}: group {sorted(members[("x", xgroup[a])])} from the text, {sorted(want)} from the tree')
print(f'certain {len(xcertain)} of {len(tgroup) + len(tfirm)}')
for b in bad:
    print('differs:', b)
if len(sys.argv) > 3 and len(xcertain) < int(sys.argv[3]):
    print(f'fewer than {sys.argv[3]} certain')
    sys.exit(1)
sys.exit(1 if bad else 0)
