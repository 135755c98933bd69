/* SPDX-License-Identifier: GPL-2.0-or-later */
/* caps.h - walking the standard and extended capability lists of a config-space image. */
#ifndef IC_CAPS_H
#define IC_CAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pci/header.h>	/* capability IDs and register names, as libpci has them */

#define IC_CFG_HEADER_LEN	64	/* what any user may read */
#define IC_CFG_LEGACY_LEN	256	/* conventional config space */
#define IC_CFG_EXT_LEN		4096	/* PCIe extended config space */

#define PCI_CAP_ID_EXP		0x10	/* PCI Express capability */
#define PCI_EXT_CAP_ID_ACS		0x0d	/* Access Control Services */
#define PCI_EXT_CAP_ID_SRIOV	0x10	/* Single Root I/O Virtualization */

/* How a capability walk ended. */
enum ic_caps_status {
	IC_CAPS_OK = 0,		/* the list ended normally (possibly empty) */
	IC_CAPS_CUT,		/* a pointer leads past the bytes that could be read */
	IC_CAPS_LOOP,		/* a pointer leads back to a capability already visited */
	IC_CAPS_BAD_POINTER,	/* a pointer into the header (standard < 0x40, extended < 0x100) */
};

struct ic_cap {
	uint16_t id;		/* capability ID */
	uint16_t offset;	/* offset of its header in config space */
	uint8_t version;	/* extended capabilities only */
	bool extended;		/* in extended (PCIe) config space */
};

enum ic_caps_status ic_caps_walk_std(const uint8_t *cfg, size_t len, struct ic_cap **caps,
				     size_t *n, uint16_t *where);
enum ic_caps_status ic_caps_walk_ext(const uint8_t *cfg, size_t len, struct ic_cap **caps,
				     size_t *n, uint16_t *where);
const char *ic_caps_status_str(enum ic_caps_status st);

#endif
