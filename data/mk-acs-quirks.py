#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# mk-acs-quirks.py QUIRKS.tsv IDSETS.tsv > acs-quirks.tsv - regenerate data/acs-quirks.tsv from
# the kernel reference tables (shared/docs/kernel-isolation-acs-{quirks,idsets}.tsv, read from
# Linux 6.12.117 drivers/pci/quirks.c). Run it again when those tables are refreshed.
import csv
import sys

quirks = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
idsets = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
print("# iso-check ACS quirk table, format 1")
print("# Source: Linux 6.12.117 drivers/pci/quirks.c: pci_dev_acs_enabled[] in table order (the")
print("# first entry whose function decides wins), and the device ID sets used inside the quirk")
print("# functions. Each line cites the kernel function it comes from.")
print("#   quirk ORDER VENDOR DEVICE RULE FUNCTION    DEVICE is 4 hex digits or ANY")
print("#   idset SET VENDOR FIRST LAST FUNCTION       an inclusive device ID range")
print("# RULE is one of the rule codes documented in iso-check-groups(8).")
for q in quirks:
    dev = "ANY" if q["device_id"].upper() in ("ANY", "PCI_ANY_ID", "FFFF") else q["device_id"].lower()
    print("\t".join(["quirk", q["order"], q["vendor_id"].lower(), dev, q["rule_code"], q["quirk_function"]]))
for s in idsets:
    first, _, last = s["device_id_or_range"].lower().partition("-")
    fn = s["used_by"].split(" / ")[0]
    print("\t".join(["idset", s["set"], s["vendor_id"].lower(), first, last or first, fn]))
