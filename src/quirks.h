/* SPDX-License-Identifier: GPL-2.0-or-later */
/* quirks.h - the kernel's device-specific ACS quirks, loaded from data/acs-quirks.tsv. */
#ifndef IC_QUIRKS_H
#define IC_QUIRKS_H

#include "model.h"

/* What a quirk function decides for REQ_ACS_FLAGS; see iso-check-groups(8). */
enum ic_acs_rule {
	IC_RULE_AMD_SB_IVRS,		/* multifunction, root bus, ACPI IVRS present: isolated */
	IC_RULE_MF_ENDPOINT,		/* isolated */
	IC_RULE_RCIEP_ONLY,		/* RC integrated endpoint: isolated */
	IC_RULE_UNCOND,			/* isolated, whatever the device type */
	IC_RULE_INTEL_PCH_FLAG,		/* PCH root port: isolated iff the boot-time enable worked */
	IC_RULE_INTEL_SPT_DWORD_CTRL,	/* SPT root port: ACS control read as a dword at +8 */
	IC_RULE_CAVIUM_RP_RANGES,	/* Cavium root port in range: isolated */
	IC_RULE_ROOT_PORT_ONLY,		/* root port: isolated */
	IC_RULE_ZHAOXIN_PORTS,		/* listed ports isolated, other root/downstream ports not */
	IC_RULE_WANGXUN_NICS,		/* listed functions isolated, other Wangxun functions not */
};

struct ic_acs_quirk {
	unsigned int order;	/* position in pci_dev_acs_enabled[] */
	uint16_t vendor;
	int32_t device;		/* -1: any */
	enum ic_acs_rule rule;
	char *function;		/* the kernel function, for explanations */
};

/* What a DMA-alias fixup does (drivers/pci/quirks.c, Linux 6.12). */
enum ic_alias_rule {
	IC_ALIAS_FUNC0,		/* functions other than 0 alias function 0 of their slot */
	IC_ALIAS_FUNC1,		/* functions other than 1 alias function 1 (may be a ghost) */
	IC_ALIAS_FIXED_01_0,	/* Adaptec 3405/3805 (by subsystem): alias 01.0 */
	IC_ALIAS_PCIE_BRIDGE,	/* a bridge flag that changes the requester ID, not the owner */
	IC_ALIAS_MIC_X200,	/* alias 10.0, 11.0, 12.3 */
	IC_ALIAS_PEX_VCA,	/* alias functions 0-4 of every slot of the bus */
	IC_ALIAS_XLATE_ROOT,	/* the alias walk stops at this bridge */
	IC_ALIAS_PLX_NTB_ALL,	/* alias every devfn of the bus */
	IC_ALIAS_SWITCHTEC,	/* NTB function: aliases read from MMIO at run time */
};

struct ic_alias_quirk {
	uint16_t vendor, device;
	enum ic_alias_rule rule;
	char *function;
};

/* What a reset quirk does to the methods the kernel offers (drivers/pci/quirks.c). */
enum ic_reset_effect {
	IC_RESET_NO_BUS,	/* PCI_DEV_FLAGS_NO_BUS_RESET: no secondary bus reset (of it, or below it) */
	IC_RESET_NO_PM,		/* PCI_DEV_FLAGS_NO_PM_RESET */
	IC_RESET_NO_FLR,	/* PCI_DEV_FLAGS_NO_FLR_RESET: neither flr nor af_flr */
	IC_RESET_DEVICE_SPECIFIC, /* pci_dev_reset_methods[]: device_specific */
	IC_RESET_VENDOR_RESET,	/* an AMD GPU only the out-of-tree vendor-reset module resets */
};

/* Conditions of a reset quirk (IC_RQ_*): all must hold. */
enum {
	IC_RQ_VGA = 1 << 0,		/* class 0300 */
	IC_RQ_NVME = 1 << 1,		/* class 010802 */
	IC_RQ_NOT_ROOT_BUS = 1 << 2,	/* not on a root bus */
	IC_RQ_FLR = 1 << 3,		/* PCIe FLR capable (DevCap bit 28) */
	IC_RQ_REV = 1 << 4,		/* revision == rev */
};

struct ic_reset_quirk {
	uint16_t vendor, first, last;	/* device IDs first..last */
	enum ic_reset_effect effect;
	unsigned int cond;		/* IC_RQ_* */
	uint8_t rev;
	char *function;			/* the kernel function (or vendor-reset:FAMILY) */
};

struct ic_idrange {
	char *set;		/* INTEL_PCH_IDS, INTEL_SPT_RANGES, CAVIUM_RP, ZHAOXIN_PORTS, WANGXUN_NICS */
	uint16_t vendor, first, last;
};

struct ic_quirks {
	struct ic_acs_quirk *acs;	/* in table order */
	size_t nacs;
	struct ic_idrange *ids;
	size_t nids;
	struct ic_alias_quirk *alias;	/* DMA-alias fixups */
	size_t nalias;
	struct ic_reset_quirk *reset;	/* reset quirks */
	size_t nreset;
};

/* A quirk's decision for one function. */
struct ic_quirk_hit {
	const struct ic_acs_quirk *quirk;	/* the entry that decided */
	bool uncertain;				/* depends on something a tree cannot show */
};

#define IC_ACS_QUIRKS_FILE "acs-quirks.tsv"
#define IC_ALIAS_QUIRKS_FILE "dma-alias-quirks.tsv"
#define IC_RESET_QUIRKS_FILE "reset-quirks.tsv"

int ic_quirks_load(const char *datadir, struct ic_quirks **out, char **path, char **msg);
void ic_quirks_free(struct ic_quirks *q);
const char *ic_acs_rule_str(enum ic_acs_rule rule);
const struct ic_alias_quirk *ic_quirks_alias(const struct ic_quirks *q, const struct ic_dev *d);
bool ic_alias_has(const struct ic_alias_quirk *a, const struct ic_dev *d, unsigned int devfn);
/* 1: the quirk of EFFECT applies to D; 0: none does; -1: one might (a condition is unknown). */
int ic_quirks_reset(const struct ic_quirks *q, const struct ic_dev *d, enum ic_reset_effect effect,
		    const struct ic_reset_quirk **hit);
const char *ic_reset_effect_str(enum ic_reset_effect e);
bool ic_quirks_in_set(const struct ic_quirks *q, const char *set, uint16_t vendor, uint16_t device);

#endif
