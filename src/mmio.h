/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mmio.h - where MMIO lives: bridge windows and what they contain, and BARs that share a page
 * or a platform segment (PowerNV M32) with another isolation domain. Analyses only.
 */
#ifndef IC_MMIO_H
#define IC_MMIO_H

#include "findings.h"

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "quirks.h"

enum ic_win_type { IC_WIN_IO, IC_WIN_MEM, IC_WIN_PREF, IC_NWIN };

enum ic_win_state {
	IC_WIN_UNKNOWN,		/* could not be read */
	IC_WIN_NONE,		/* no window: the bridge lacks it, or the kernel assigned none */
	IC_WIN_DISABLED,	/* base above limit: forwards nothing */
	IC_WIN_OPEN,		/* forwards [base, limit] */
};

struct ic_window {
	enum ic_win_state state;
	uint64_t base, limit;	/* inclusive */
	bool wide;		/* 32-bit I/O, or 64-bit prefetchable */
	bool ambiguous;		/* registers that read zero with no kernel view: open at 0, or
				 * absent in hardware (the kernel tells by writing; a reader cannot) */
};

int ic_window_decode(const struct ic_cfg *cfg, struct ic_window win[IC_NWIN]);
void ic_window_sysfs(const struct ic_dev *d, struct ic_window win[IC_NWIN]);
const char *ic_win_type_str(enum ic_win_type t);
const char *ic_win_state_str(enum ic_win_state s);

/* The isolation domain a function's MMIO belongs to, best source first. */
enum ic_dom_kind {
	IC_DOM_PE,		/* PowerNV PE: group name domainD-peN, or eeh_pe_config_addr */
	IC_DOM_PE_PREDICTED,	/* PowerNV PE the kernel would give it (neither of those read) */
	IC_DOM_GROUP,		/* the kernel's IOMMU group */
	IC_DOM_PREDICTED,	/* no kernel groups: the predicted group */
	IC_DOM_UNKNOWN,		/* none known: the function stands alone */
};

struct ic_domain {
	enum ic_dom_kind kind;
	uint32_t pci_domain;	/* PE: the PHB's PCI domain */
	int64_t id;		/* PE or group number; unknown: the function's model index */
};

struct ic_domain *ic_domains(const struct ic_model *m, const struct ic_quirks *quirks);
int ic_domain_cmp(const struct ic_domain *a, const struct ic_domain *b);
const char *ic_dom_kind_str(enum ic_dom_kind k);
char *ic_domain_str(const struct ic_domain *d);

void ic_mmio_finding_add(struct ic_finding **v, size_t *n, size_t *cap, const char *code,
			 uint64_t address, char *text, const struct ic_dev *dev,
			 const struct ic_dev *other);

/* --- iso-check bridges ------------------------------------------------------------------ */

struct ic_bridge_row {
	const struct ic_dev *dev;
	int parent;			/* row of the bridge above; -1 at the top */
	struct ic_window config[IC_NWIN];	/* decoded from config space (CPU addresses) */
	struct ic_window sysfs[IC_NWIN];	/* the kernel's resource lines */
	bool mismatch[IC_NWIN];
	bool bus_address[IC_NWIN];	/* config[] left in bus addresses: the host bridge's offset
					 * for that type is unknown, so it is not compared */
	struct ic_domain *domains;	/* isolation domains below it, sorted, unique */
	size_t ndomains;
};

struct ic_bridges_report {
	const struct ic_model *model;
	struct ic_bridge_row *rows;	/* depth first, as the tree prints */
	size_t nrows;
	struct ic_finding *findings;
	size_t nfindings;
};

void ic_analyze_bridges(const struct ic_model *m, const struct ic_domain *dom,
			struct ic_bridges_report *r);
void ic_bridges_report_clear(struct ic_bridges_report *r);

/* --- iso-check bars --------------------------------------------------------------------- */

/* --segments BASE:SIZE:COUNT: MMIO cut into COUNT equal segments, one owner each. */
struct ic_segments {
	uint64_t base, size;
	uint32_t count;
	const char *source;	/* "option", or "device_tree" (a PowerNV PHB's M32 or M64 window) */
	uint32_t pci_domain;	/* device_tree: the PHB's */
	const char *window;	/* device_tree: "m32" or "m64" */
};

size_t ic_phb_segments(const struct ic_model *m, struct ic_segments **out);

enum ic_mmap {
	IC_MMAP_NA,		/* not a memory BAR vfio-pci maps (I/O, ROM, SR-IOV, unassigned) */
	IC_MMAP_OK,		/* a page or larger: mapped as it is */
	IC_MMAP_PADDED,		/* sub-page, page-aligned, rest of the page free: vfio reserves it */
	IC_MMAP_REFUSED,	/* sub-page and the page is not its own: read/write only */
};

struct ic_bar_row {
	const struct ic_dev *dev;
	const struct ic_resource *res;
	struct ic_domain dom;
	uint64_t size, align;	/* align: the largest power of two dividing start (0 if start is 0) */
	bool assigned;		/* has an address (not IORESOURCE_UNSET) */
	bool io, is64, pref;
	enum ic_mmap mmap;
	bool shares_page;	/* a page it touches holds another domain's BAR */
	bool shares_segment;
};

struct ic_bars_opts {
	uint64_t page_size;		/* 0: the model's, else 4096 */
	const struct ic_segments *segs;
	size_t nsegs;
};

struct ic_bars_report {
	const struct ic_model *model;
	uint64_t page_size;
	const char *page_size_source;	/* "option", "host", "snapshot" or "assumed" */
	const struct ic_segments *segs;	/* the options', else the platform's (ic_phb_segments()) */
	size_t nsegs;
	struct ic_segments *own_segs;	/* the platform's, owned */
	struct ic_bar_row *rows;	/* by function, then resource index */
	size_t nrows;
	struct ic_finding *findings;
	size_t nfindings;
};

void ic_analyze_bars(const struct ic_model *m, const struct ic_domain *dom,
		     const struct ic_bars_opts *o, struct ic_bars_report *r);
void ic_bars_report_clear(struct ic_bars_report *r);
const char *ic_mmap_str(enum ic_mmap v);
char *ic_res_name(const struct ic_resource *res);

#endif
