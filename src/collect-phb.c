/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * collect-phb.c - PowerNV PHBs from the device tree: for each PCI domain, the node its root-bus
 * functions' of_node links lead up to, and the properties pnv_pci_init_ioda_phb() reads there
 * (ibm,opal-num-pes, ibm,opal-reserved-pe, ibm,opal-m64-window, the M32 range of ranges).
 * Properties are big-endian cells; anything malformed leaves its field unknown.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "ic.h"
#include "paths.h"

/* Reads property NAME of NODE into *CELLS (big-endian cells); returns how many, or -1. */
long ic_dt_cells(const struct ic_root *root, const char *node, const char *name,
			uint32_t **cells)
{
	char *rel = ic_path_cat(node, name), *buf;
	size_t len;
	int rc = ic_root_read_max(root, rel, 4096, &buf, &len);

	free(rel);
	if (rc < 0)
		return -1;
	if (len % 4) {
		free(buf);
		return -1;
	}
	*cells = ic_xcalloc(len / 4 + 1, sizeof(**cells));
	for (size_t i = 0; i < len / 4; i++) {
		const unsigned char *p = (const unsigned char *)buf + 4 * i;

		(*cells)[i] = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	}
	free(buf);
	return (long)(len / 4);
}

/* One cell as a number, or DEF when the property is absent or not one cell. */
static int64_t ic_dt_u32(const struct ic_root *root, const char *node, const char *name, int64_t def)
{
	uint32_t *c = NULL;
	long n = ic_dt_cells(root, node, name, &c);
	int64_t v = n == 1 ? (int64_t)c[0] : def;

	free(c);
	return v;
}

static uint64_t ic_cells64(const uint32_t *c, long n)
{
	uint64_t v = 0;

	for (long i = 0; i < n; i++)
		v = v << 32 | c[i];
	return v;
}

/*
 * The M32 window: the first 32-bit memory range of ranges (phys.hi space code 2), PCI address
 * 3 cells, the parent's address #address-cells of the root, the size the node's #size-cells.
 * Only for a PHB at the top of the tree, whose parent addresses are CPU addresses.
 */
static void ic_phb_m32(const struct ic_root *root, struct ic_phb *phb)
{
	int64_t pac = ic_dt_u32(root, IC_PATH_DT_BASE, "#address-cells", 2);
	int64_t ac = ic_dt_u32(root, phb->node, "#address-cells", 3);
	int64_t sc = ic_dt_u32(root, phb->node, "#size-cells", 2);
	uint32_t *c = NULL;
	long n, step;

	if (strchr(phb->node + strlen(IC_PATH_DT_BASE) + 1, '/') || ac != 3 || pac < 1 || pac > 2 ||
	    sc < 1 || sc > 2)
		return;
	step = ac + pac + sc;
	n = ic_dt_cells(root, phb->node, "ranges", &c);
	for (long i = 0; n > 0 && i + step <= n; i += step) {
		if ((c[i] >> 24 & 3) != 2)
			continue;
		phb->m32_bus = ic_cells64(c + i + 1, 2);
		phb->m32_cpu = ic_cells64(c + i + 3, pac);
		phb->m32_size = ic_cells64(c + i + 3 + pac, sc);
		phb->m32_known = phb->m32_size != 0;
		break;
	}
	free(c);
}

static void ic_phb_read(const struct ic_root *root, struct ic_phb *phb)
{
	uint32_t *c = NULL;

	phb->num_pes = (uint32_t)ic_dt_u32(root, phb->node, "ibm,opal-num-pes", 0);
	if (phb->num_pes > 1u << 16)
		phb->num_pes = 0;	/* not a PHB's: no PHB has more than 64k PEs */
	phb->reserved_pe = ic_dt_u32(root, phb->node, "ibm,opal-reserved-pe", -1);
	if (phb->reserved_pe >= (int64_t)phb->num_pes)
		phb->reserved_pe = -1;
	if (ic_dt_cells(root, phb->node, "ibm,opal-m64-window", &c) == 6) {
		phb->m64_bus = ic_cells64(c, 2);
		phb->m64_cpu = ic_cells64(c + 2, 2);
		phb->m64_size = ic_cells64(c + 4, 2);
		phb->m64_known = phb->m64_size != 0;
	}
	free(c);
	ic_phb_m32(root, phb);
}

/*
 * The PHB node of D's domain: its of_node link leads into the device tree; the PHB is the
 * nearest node at or above it with ibm,opal-num-pes. NULL: none (not PowerNV, or not recorded).
 */
static char *ic_phb_node(const struct ic_root *root, const struct ic_dev *d)
{
	size_t base = strlen(IC_PATH_DT_BASE);
	char *node;

	if (!d->of_node)
		return NULL;
	node = ic_xstrdup(d->of_node);
	while (strncmp(node, IC_PATH_DT_BASE "/", base + 1) == 0) {
		char *rel = ic_xasprintf("%s/ibm,opal-num-pes", node), *slash;
		bool found = ic_root_exists(root, rel);

		free(rel);
		if (found)
			return node;
		slash = strrchr(node, '/');
		*slash = '\0';
	}
	free(node);
	return NULL;
}

/* ic_collect_phbs() - one PHB per PCI domain whose root bus leads to one (devices sorted). */
void ic_collect_phbs(const struct ic_root *root, struct ic_model *m)
{
	size_t cap = 0;

	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];
		struct ic_phb phb = { .domain = d->domain, .reserved_pe = -1 };

		if (d->parent || !d->syspath || (m->nphbs && m->phbs[m->nphbs - 1].domain == d->domain))
			continue;
		phb.node = ic_phb_node(root, d);
		if (!phb.node)
			continue;
		ic_phb_read(root, &phb);
		IC_APPEND(m->phbs, m->nphbs, cap, phb);
	}
}
