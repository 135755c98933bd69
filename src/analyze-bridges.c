// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * analyze-bridges.c - every PCI-to-PCI bridge with its windows from config space and from the
 * kernel, and containment: each BAR inside the matching window of every bridge above it, each
 * window inside its parent's, sibling windows apart. O(n log n) for n functions and bridges
 * of bounded depth.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "mmio.h"
#include "predict.h"
#include "resource.h"

#define IC_CLASS_SUBTRACTIVE	0x060401	/* forwards its parent's ranges too */

static bool ic_is_p2p(const struct ic_dev *d)
{
	if (d->known & IC_KNOWN_HEADER)
		return d->header_type == 1;
	return d->nres == 17 || d->nres == 11;	/* the kernel prints window lines for bridges */
}

/* The root bus D is below (host bridges translate addresses each with offsets of their own). */
static uint8_t ic_root_bus(const struct ic_dev *d)
{
	while (d->parent)
		d = d->parent;
	return d->bus;
}

/*
 * Bus-to-CPU address offset of one host bridge's (DOMAIN, ROOT) windows of type T (I/O, memory,
 * prefetchable), from the first such BAR below it whose register and sysfs start are both
 * known (pcibios_bus_to_resource() adds it: 0 on x86; on PowerNV the M32 and M64 windows have
 * offsets of their own; on arm64 each host bridge's I/O ports sit in its own logical PIO
 * range). *FOUND: a BAR said so.
 */
static uint64_t ic_bus_offset(const struct ic_model *m, uint32_t domain, uint8_t root, int t, bool *found)
{
	*found = true;
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		if (d->domain != domain || !(d->known & IC_KNOWN_HEADER) || d->header_type != 0 ||
		    ic_root_bus(d) != root)
			continue;
		for (size_t k = 0; k < d->nres; k++) {
			const struct ic_resource *r = &d->res[k];
			const struct ic_cfg *c = &d->cfg;
			uint32_t reg;
			uint64_t bus;

			if (r->kind != IC_RES_BAR || !r->start || (r->flags & IC_IORESOURCE_UNSET) ||
			    !(c->known & IC_CFG_BARS) || r->index >= c->nbars)
				continue;
			if (t == IC_WIN_IO ? !(r->flags & IC_IORESOURCE_IO) :
			    !(r->flags & IC_IORESOURCE_MEM) || !(r->flags & IC_IORESOURCE_PREFETCH) != (t != IC_WIN_PREF))
				continue;
			reg = c->bar[r->index];
			bus = reg & (t == IC_WIN_IO ? ~0x3u : ~0xfu);	/* the low bits are flags */
			if (t != IC_WIN_IO && (reg & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 &&
			    r->index + 1 < c->nbars)
				bus |= (uint64_t)c->bar[r->index + 1] << 32;
			if (bus)
				return r->start - bus;
		}
	}
	*found = false;
	return 0;
}

/*
 * The offsets of a host bridge's three window types. A memory kind no BAR shows is the other's
 * when that is 0 (identity); with neither shown: 0 where the platform maps PCI memory 1:1 (x86,
 * ACPI), unknown (*KNOWN false) on PowerNV and device-tree platforms, whose host bridges offset
 * their windows. I/O that no BAR shows is 0 only on x86 (neither PowerNV, a device tree nor
 * IORT): elsewhere I/O ports are translated per host bridge.
 */
static void ic_bus_offsets(const struct ic_model *m, uint32_t domain, uint8_t root, uint64_t off[IC_NWIN],
			   bool known[IC_NWIN])
{
	bool identity = !ic_groups_by_pe(m) && !m->iommu.dt_iommu_map;

	for (int t = 0; t < IC_NWIN; t++)
		off[t] = ic_bus_offset(m, domain, root, t, &known[t]);
	if (!known[IC_WIN_MEM] && !known[IC_WIN_PREF])
		known[IC_WIN_MEM] = known[IC_WIN_PREF] = identity;	/* both 0 */
	for (int t = IC_WIN_MEM; t <= IC_WIN_PREF; t++) {
		int o = t == IC_WIN_MEM ? IC_WIN_PREF : IC_WIN_MEM;

		if (!known[t] && known[o] && off[o] == 0)
			known[t] = true;	/* off[t] is 0 already */
	}
	if (!known[IC_WIN_IO])
		known[IC_WIN_IO] = identity && !m->iommu.iort;
}

/* The windows of ROW from config space, in CPU addresses, and where the kernel disagrees. */
static void ic_bridge_windows(struct ic_bridge_row *row, const uint64_t off[IC_NWIN], const bool known[IC_NWIN])
{
	const struct ic_dev *d = row->dev;
	static const uint64_t gran[IC_NWIN] = { 0x1000, 0x100000, 0x100000 };

	ic_window_sysfs(d, row->sysfs);
	if (ic_window_decode(&d->cfg, row->config) < 0)
		return;
	for (int t = 0; t < IC_NWIN; t++) {
		struct ic_window *c = &row->config[t];
		const struct ic_window *s = &row->sysfs[t];
		bool zero = c->state == IC_WIN_OPEN && c->base == 0 && c->limit == gran[t] - 1;

		/* registers that read zero: no window, if the kernel shows none */
		if (zero && s->state != IC_WIN_OPEN && s->state != IC_WIN_UNKNOWN) {
			c->state = IC_WIN_NONE;
			c->base = c->limit = 0;
		}
		c->ambiguous = zero && s->state == IC_WIN_UNKNOWN;
		if (c->state == IC_WIN_OPEN) {
			c->base += off[t];
			c->limit += off[t];
		}
		row->bus_address[t] = !known[t];
		/* without that offset the two cannot be compared: the kernel's resource stands */
		if (s->state == IC_WIN_UNKNOWN || !known[t])
			continue;
		/* pci_setup_bridge() writes the granule of each end: the kernel's resource may
		 * end inside one (PowerNV's M64 window does), the bridge then decodes all of it */
		if (s->state == IC_WIN_OPEN)
			row->mismatch[t] = c->state != IC_WIN_OPEN || c->base != (s->base & ~(gran[t] - 1)) ||
					   c->limit != (s->limit | (gran[t] - 1));
		else
			row->mismatch[t] = c->state == IC_WIN_OPEN;
	}
}

/* "[0x1000-0x1fff]", "disabled", "none" or "unknown". */
static char *ic_win_text(const struct ic_window *w)
{
	if (w->state == IC_WIN_OPEN)
		return ic_xasprintf("[%#" PRIx64 "-%#" PRIx64 "]", w->base, w->limit);
	return ic_xstrdup(ic_win_state_str(w->state));
}

/* The window that decides: the kernel's view, else config space. */
static const struct ic_window *ic_eff(const struct ic_bridge_row *row, int t)
{
	return row->sysfs[t].state != IC_WIN_UNKNOWN ? &row->sysfs[t] : &row->config[t];
}

static bool ic_inside(const struct ic_window *w, uint64_t start, uint64_t end)
{
	return w->state == IC_WIN_OPEN && !w->ambiguous && start >= w->base && end <= w->limit;
}

/* A window whose state cannot be told counts as unknown. */
static bool ic_unknown(const struct ic_window *w)
{
	return w->state == IC_WIN_UNKNOWN || w->ambiguous;
}

/*
 * Whether [START, END] of a resource with FLAGS fits a window of ROW: I/O in the I/O window;
 * prefetchable memory in the prefetchable or the memory window; other memory in the memory
 * window. -1 if the windows it could use are unknown.
 */
static int ic_fits(const struct ic_bridge_row *row, uint64_t flags, uint64_t start, uint64_t end)
{
	const struct ic_window *mem = ic_eff(row, IC_WIN_MEM), *pref = ic_eff(row, IC_WIN_PREF);

	if (flags & IC_IORESOURCE_IO) {
		if (ic_unknown(ic_eff(row, IC_WIN_IO)))
			return -1;
		return ic_inside(ic_eff(row, IC_WIN_IO), start, end);
	}
	if (mem->state == IC_WIN_UNKNOWN)
		return -1;
	if (ic_inside(mem, start, end))
		return 1;
	if (!(flags & IC_IORESOURCE_PREFETCH))
		return 0;
	if (ic_unknown(pref))
		return -1;
	return ic_inside(pref, start, end);
}

static void ic_order_rows(struct ic_bridges_report *r, const size_t *kids, const size_t *kstart,
			  size_t dev, int parent, struct ic_bridge_row *tmp)
{
	int me = (int)r->nrows;

	tmp[r->nrows] = (struct ic_bridge_row){ .dev = &r->model->devs[dev], .parent = parent };
	r->nrows++;
	for (size_t k = kstart[dev]; k < kstart[dev + 1]; k++)
		ic_order_rows(r, kids, kstart, kids[k], me, tmp);
}

/* Bridges depth first: top-level bridges in address order, each followed by those below. */
static int *ic_bridge_tree(const struct ic_model *m, struct ic_bridges_report *r)
{
	size_t n = m->ndevs, *kstart = ic_xcalloc(n + 2, sizeof(*kstart));
	size_t *kids = ic_xcalloc(n + 1, sizeof(*kids)), *fill;
	int *rowof = ic_xcalloc(n + 1, sizeof(*rowof));
	struct ic_bridge_row *tmp;
	size_t nb = 0;

	for (size_t i = 0; i < n; i++)
		if (ic_is_p2p(&m->devs[i])) {
			nb++;
			if (m->devs[i].parent)
				kstart[m->devs[i].parent - m->devs + 1]++;
		}
	for (size_t i = 0; i < n; i++)
		kstart[i + 1] += kstart[i];
	kstart[n + 1] = kstart[n];
	fill = ic_xcalloc(n + 1, sizeof(*fill));
	memcpy(fill, kstart, (n + 1) * sizeof(*fill));
	for (size_t i = 0; i < n; i++)
		if (ic_is_p2p(&m->devs[i]) && m->devs[i].parent)
			kids[fill[m->devs[i].parent - m->devs]++] = i;
	free(fill);
	tmp = ic_xcalloc(nb ? nb : 1, sizeof(*tmp));
	for (size_t i = 0; i < n; i++)
		if (ic_is_p2p(&m->devs[i]) && !m->devs[i].parent)
			ic_order_rows(r, kids, kstart, i, -1, tmp);
	r->rows = tmp;
	for (size_t i = 0; i < n; i++)
		rowof[i] = -1;
	for (size_t k = 0; k < r->nrows; k++)
		rowof[r->rows[k].dev - m->devs] = (int)k;
	free(kids);
	free(kstart);
	return rowof;
}

struct ic_below {
	size_t row;
	struct ic_domain dom;
};

static int ic_below_cmp(const void *a, const void *b)
{
	const struct ic_below *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return ic_domain_cmp(&x->dom, &y->dom);
}

/* The isolation domains of everything below each bridge, sorted and unique. */
static void ic_domains_below(const struct ic_model *m, const struct ic_domain *dom,
			     const int *rowof, struct ic_bridges_report *r)
{
	struct ic_below *v = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < m->ndevs; i++)
		for (const struct ic_dev *b = m->devs[i].parent; b; b = b->parent)
			if (rowof[b - m->devs] >= 0)
				IC_APPEND(v, n, cap, ((struct ic_below){ (size_t)rowof[b - m->devs], dom[i] }));
	if (n)
		qsort(v, n, sizeof(*v), ic_below_cmp);
	for (size_t i = 0; i < n; i++) {
		struct ic_bridge_row *row = &r->rows[v[i].row];

		if (row->ndomains && !ic_domain_cmp(&row->domains[row->ndomains - 1], &v[i].dom))
			continue;
		row->domains = ic_xrealloc(row->domains, row->ndomains + 1, sizeof(*row->domains));
		row->domains[row->ndomains++] = v[i].dom;
	}
	free(v);
}

/* Each assigned BAR, ROM and SR-IOV BAR inside the windows of every bridge above it. */
static void ic_check_bars(const struct ic_model *m, const int *rowof, struct ic_bridges_report *r,
			  size_t *cap)
{
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		for (size_t k = 0; k < d->nres; k++) {
			const struct ic_resource *res = &d->res[k];

			if (res->kind == IC_RES_WINDOW || !(res->flags & (IC_IORESOURCE_IO | IC_IORESOURCE_MEM)) ||
			    (res->flags & IC_IORESOURCE_UNSET) ||
			    (res->kind == IC_RES_ROM && (res->flags & IC_IORESOURCE_ROM_SHADOW)))
				continue;
			for (const struct ic_dev *b = d->parent; b; b = b->parent) {
				int row = rowof[b - m->devs];
				char *name;

				if (row < 0 || b->class == IC_CLASS_SUBTRACTIVE ||
				    ic_fits(&r->rows[row], res->flags, res->start, res->end) != 0)
					continue;
				name = ic_res_name(res);
				ic_mmio_finding_add(&r->findings, &r->nfindings, cap, "bar_outside_window",
						    res->start, ic_xasprintf("%s %s [%#" PRIx64 "-%#" PRIx64 "] is "
						    "outside every %s window of bridge %s above it", d->bdf, name,
						    res->start, res->end, res->flags & IC_IORESOURCE_IO ? "I/O" :
						    "memory", b->bdf), d, b);
				free(name);
				break;
			}
		}
	}
}

/* Each open window inside its parent bridge's windows. */
static void ic_check_nesting(struct ic_bridges_report *r, size_t *cap)
{
	static const uint64_t flags[IC_NWIN] = { IC_IORESOURCE_IO, IC_IORESOURCE_MEM,
						 IC_IORESOURCE_MEM | IC_IORESOURCE_PREFETCH };

	for (size_t k = 0; k < r->nrows; k++) {
		const struct ic_bridge_row *row = &r->rows[k];
		const struct ic_bridge_row *up = row->parent >= 0 ? &r->rows[row->parent] : NULL;

		if (!up || up->dev->class == IC_CLASS_SUBTRACTIVE)
			continue;
		for (int t = 0; t < IC_NWIN; t++) {
			const struct ic_window *w = ic_eff(row, t);

			if (w->state == IC_WIN_OPEN && !w->ambiguous &&
			    ic_fits(up, flags[t], w->base, w->limit) == 0)
				ic_mmio_finding_add(&r->findings, &r->nfindings, cap, "window_outside_parent",
						    w->base, ic_xasprintf("the %s window of %s [%#" PRIx64 "-%#"
						    PRIx64 "] is outside the windows of %s above it",
						    ic_win_type_str(t), row->dev->bdf, w->base, w->limit,
						    up->dev->bdf), row->dev, up->dev);
		}
	}
}

struct ic_span {
	uint64_t key;		/* the bus the bridges sit on */
	int space;		/* 0 I/O, 1 memory (both memory windows) */
	uint64_t base, limit;
	size_t row;
	int type;
};

static int ic_span_cmp(const void *a, const void *b)
{
	const struct ic_span *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->space != y->space)
		return x->space - y->space;
	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Bridges on one bus must not forward the same addresses: sort by bus and base, then sweep. */
static void ic_check_siblings(const struct ic_model *m, struct ic_bridges_report *r, size_t *cap)
{
	struct ic_span *v = NULL;
	size_t n = 0, vcap = 0;

	for (size_t k = 0; k < r->nrows; k++) {
		const struct ic_dev *d = r->rows[k].dev;
		uint64_t key = d->parent ? (uint64_t)(d->parent - m->devs) :
			       1ULL << 48 | (uint64_t)d->domain << 8 | d->bus;

		for (int t = 0; t < IC_NWIN; t++) {
			const struct ic_window *w = ic_eff(&r->rows[k], t);

			if (w->state == IC_WIN_OPEN && !w->ambiguous)
				IC_APPEND(v, n, vcap, ((struct ic_span){ key, t != IC_WIN_IO, w->base,
									 w->limit, k, t }));
		}
	}
	if (n)
		qsort(v, n, sizeof(*v), ic_span_cmp);
	for (size_t i = 0, top = 0; i < n; i++) {
		if (i == 0 || v[i].key != v[top].key || v[i].space != v[top].space) {
			top = i;
			continue;
		}
		if (v[i].base <= v[top].limit && v[i].row != v[top].row)
			ic_mmio_finding_add(&r->findings, &r->nfindings, cap, "windows_overlap", v[i].base,
					    ic_xasprintf("the %s window of %s [%#" PRIx64 "-%#" PRIx64 "] "
					    "overlaps the %s window of %s [%#" PRIx64 "-%#" PRIx64 "] on the "
					    "same bus", ic_win_type_str(v[i].type), r->rows[v[i].row].dev->bdf,
					    v[i].base, v[i].limit, ic_win_type_str(v[top].type),
					    r->rows[v[top].row].dev->bdf, v[top].base, v[top].limit),
					    r->rows[v[i].row].dev, r->rows[v[top].row].dev);
		if (v[i].limit > v[top].limit)
			top = i;
	}
	free(v);
}

/*
 * ic_analyze_bridges() - every PCI-to-PCI bridge of M in tree order, with its windows from
 * config space and from the kernel, the isolation domains below it (DOM, from ic_domains()),
 * and the findings: window_mismatch, bar_outside_window, window_outside_parent,
 * windows_overlap.
 */
void ic_analyze_bridges(const struct ic_model *m, const struct ic_domain *dom,
			struct ic_bridges_report *r)
{
	size_t cap = 0, ndoms = 0;
	uint64_t *doms = NULL;	/* host bridges seen (domain << 8 | root bus), and their offsets */
	uint64_t (*offs)[IC_NWIN] = NULL;
	bool (*offk)[IC_NWIN] = NULL;
	int *rowof;

	memset(r, 0, sizeof(*r));
	r->model = m;
	rowof = ic_bridge_tree(m, r);
	for (size_t k = 0; k < r->nrows; k++) {
		struct ic_bridge_row *row = &r->rows[k];
		uint8_t root = ic_root_bus(row->dev);
		uint64_t key = (uint64_t)row->dev->domain << 8 | root;
		size_t j = 0;

		while (j < ndoms && doms[j] != key)
			j++;
		if (j == ndoms) {
			doms = ic_xrealloc(doms, ndoms + 1, sizeof(*doms));
			offs = ic_xrealloc(offs, ndoms + 1, sizeof(*offs));
			offk = ic_xrealloc(offk, ndoms + 1, sizeof(*offk));
			doms[ndoms] = key;
			ic_bus_offsets(m, row->dev->domain, root, offs[ndoms], offk[ndoms]);
			ndoms++;
		}
		ic_bridge_windows(row, offs[j], offk[j]);
		for (int t = 0; t < IC_NWIN; t++) {
			char *c, *s;

			if (!row->mismatch[t])
				continue;
			c = ic_win_text(&row->config[t]);
			s = ic_win_text(&row->sysfs[t]);
			ic_mmio_finding_add(&r->findings, &r->nfindings, &cap, "window_mismatch",
					    row->sysfs[t].base, ic_xasprintf("the %s window of %s is %s in "
					    "config space but %s in the kernel's resource file",
					    ic_win_type_str(t), row->dev->bdf, c, s), row->dev, NULL);
			free(c);
			free(s);
		}
	}
	free(doms);
	free(offk);
	free(offs);
	ic_domains_below(m, dom, rowof, r);
	ic_check_bars(m, rowof, r, &cap);
	ic_check_nesting(r, &cap);
	ic_check_siblings(m, r, &cap);
	free(rowof);
}

void ic_bridges_report_clear(struct ic_bridges_report *r)
{
	for (size_t k = 0; k < r->nrows; k++)
		free(r->rows[k].domains);
	free(r->rows);
	ic_findings_free(r->findings, r->nfindings);
	memset(r, 0, sizeof(*r));
}
