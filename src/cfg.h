/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg.h - config space decoded once, at collection, into the typed fields analyses read. */
#ifndef IC_CFG_H
#define IC_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ic_dev;

/* Which groups of struct ic_cfg are known; a field whose bit is clear must not be used. */
enum {
	IC_CFG_BARS = 1 << 0,		/* bar[0..nbars) */
	IC_CFG_WINDOWS = 1 << 1,	/* win: a type-1 header's window registers */
	IC_CFG_ACS = 1 << 2,		/* acs_cap, acs_ctrl: the ACS capability was read whole */
	IC_CFG_ACS_DWORDS = 1 << 3,	/* acs_cap_dw, acs_ctrl_dw (the Intel SPT erratum's layout) */
	IC_CFG_DEVCAP = 1 << 4,		/* devcap of the PCI Express capability */
	IC_CFG_PM = 1 << 5,		/* pm_ctrl of the power-management capability */
	IC_CFG_AF = 1 << 6,		/* af_cap of the Advanced Features capability */
	IC_CFG_SRIOV = 1 << 7,		/* sriov: the SR-IOV capability was read whole */
	IC_CFG_SLOT = 1 << 8,		/* sltcap: a PCIe port that implements a slot (else 0) */
};

/* The window registers of a type-1 header (PCI_IO_BASE ... PCI_IO_LIMIT_UPPER16). */
struct ic_cfg_windows {
	uint8_t io_base, io_limit;
	uint16_t io_base_upper16, io_limit_upper16;
	uint16_t mem_base, mem_limit;
	uint16_t pref_base, pref_limit;
	uint32_t pref_base_upper32, pref_limit_upper32;
};

/* The SR-IOV capability's registers (PCI_IOV_*). */
struct ic_cfg_sriov {
	uint16_t offset;		/* of the capability in config space */
	uint32_t cap;
	uint16_t ctrl, initial_vfs, total_vfs, num_vfs;
	uint16_t vf_offset, vf_stride, vf_device;
	uint8_t function_link;		/* Function Dependency Link */
	uint32_t supported_page_sizes, system_page_size;
	uint32_t bar[6];		/* VF BAR registers */
};

struct ic_cfg {
	unsigned int known;		/* IC_CFG_* */
	uint32_t bar[6];		/* BAR registers: six for type 0, two for type 1 */
	unsigned int nbars;
	struct ic_cfg_windows win;
	uint16_t acs_cap, acs_ctrl;	/* PCI_ACS_CAP, PCI_ACS_CTRL as read (before any boot step) */
	uint32_t acs_cap_dw, acs_ctrl_dw; /* dwords at +4 and +8 */
	uint32_t devcap;		/* PCI_EXP_DEVCAP */
	uint32_t sltcap;		/* PCI_EXP_SLTCAP, 0 when PCI_EXP_FLAGS_SLOT is clear */
	uint16_t pm_ctrl;		/* PCI_PM_CTRL */
	uint8_t af_cap;			/* PCI_AF_CAP */
	struct ic_cfg_sriov sriov;
};

bool ic_cfg_read(const struct ic_dev *d, size_t off, unsigned int width, uint32_t *v);
void ic_cfg_decode(struct ic_dev *d);

#endif
