#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# mk-dma-alias-quirks.py DMA-ALIAS.tsv > dma-alias-quirks.tsv - regenerate data/dma-alias-quirks.tsv
# from the kernel reference table (shared/docs/kernel-isolation-dma-alias-quirks.tsv, read from
# Linux 6.12.117 drivers/pci/quirks.c DECLARE_PCI_FIXUP_* entries).
import csv
import sys

rules = {
    "quirk_dma_func0_alias": "FUNC0",
    "quirk_dma_func1_alias": "FUNC1",
    "quirk_fixed_dma_alias": "FIXED_01_0",
    "quirk_use_pcie_bridge_dma_alias": "PCIE_BRIDGE_ALIAS",
    "quirk_mic_x200_dma_alias": "MIC_X200",
    "quirk_pex_vca_alias": "PEX_VCA",
    "quirk_bridge_cavm_thrx2_pcie_root": "XLATE_ROOT",
    "quirk_plx_ntb_dma_alias": "PLX_NTB_ALL",
    "quirk_switchtec_ntb_dma_alias": "SWITCHTEC_RUNTIME",
}
print("# iso-check DMA alias quirk table, format 1")
print("# Source: Linux 6.12.117 drivers/pci/quirks.c, the DECLARE_PCI_FIXUP_* entries of the DMA")
print("# alias quirks (pci_add_dma_alias() and the bridge flags). Each line cites its function.")
print("#   alias VENDOR DEVICE RULE FUNCTION")
print("# RULE is one of the codes documented in iso-check-groups(8).")
for q in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    print("\t".join(["alias", q["vendor_id"].lower(), q["device_id"].lower(), rules[q["quirk_function"]], q["quirk_function"]]))
