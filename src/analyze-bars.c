// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * analyze-bars.c - every BAR, ROM and SR-IOV BAR with the isolation domain that owns it, and
 * what it shares: pages (the CPU MMU maps whole pages, so a page holding two domains' BARs
 * cannot be given to one of them) and platform segments (PowerNV maps its M32 window to PEs
 * segment by segment). Sort and sweep: O(n log n) in the number of BARs.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "mmio.h"
#include "predict.h"
#include "resource.h"

const char *ic_mmap_str(enum ic_mmap v)
{
	static const char *const s[] = { "n/a", "ok", "padded", "refused" };

	return s[v];
}

/* Memory that a device decodes and the page and segment checks cover: BARs and ROMs. */
static bool ic_row_counts(const struct ic_bar_row *b)
{
	return b->assigned && !b->io && b->res->kind != IC_RES_IOV &&
	       !(b->res->kind == IC_RES_ROM && (b->res->flags & IC_IORESOURCE_ROM_SHADOW));
}

/* A unit (page or segment) a BAR touches: the first and last of its range. */
struct ic_touch {
	uint64_t unit;
	size_t row;
};

static int ic_touch_cmp(const void *a, const void *b)
{
	const struct ic_touch *x = a, *y = b;

	if (x->unit != y->unit)
		return x->unit < y->unit ? -1 : 1;
	return x->row < y->row ? -1 : x->row > y->row;
}

/*
 * The units the counted BARs among the rows IDX touch, sorted. A BAR's inner units are its own
 * (BARs are naturally aligned and do not overlap), so a unit two BARs share is the first or
 * last of each. UNIT(base, size): BARs outside [BASE, BASE + SIZE) are left out.
 */
static struct ic_touch *ic_touches(const struct ic_bars_report *r, const size_t *idx, size_t nidx,
				   uint64_t base, uint64_t size, uint64_t unit, size_t *n)
{
	struct ic_touch *v = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t x = 0; x < nidx; x++) {
		size_t i = idx[x];
		const struct ic_bar_row *b = &r->rows[i];
		uint64_t lo, hi;

		if (!ic_row_counts(b) || b->res->start < base || b->res->end - base >= size)
			continue;
		lo = (b->res->start - base) / unit;
		hi = (b->res->end - base) / unit;
		IC_APPEND(v, *n, cap, ((struct ic_touch){ lo, i }));
		if (hi != lo)
			IC_APPEND(v, *n, cap, ((struct ic_touch){ hi, i }));
	}
	if (*n)
		qsort(v, *n, sizeof(*v), ic_touch_cmp);
	return v;
}

/*
 * For each run of touches of one unit with BARs of two or more domains, a finding CODE at
 * BASE + unit * UNIT naming every function there; FLAG marks the rows. Returns how many.
 */
static size_t ic_shared_units(struct ic_bars_report *r, const struct ic_touch *v, size_t n,
			      uint64_t base, uint64_t unit, const char *code, const char *what,
			      size_t *cap, bool page)
{
	bool *seen = ic_xcalloc(r->model->ndevs + 1, sizeof(*seen));
	size_t found = 0;

	for (size_t i = 0, j; i < n; i = j) {
		struct ic_finding *f;
		bool mixed = false;
		char *doms = NULL;

		for (j = i; j < n && v[j].unit == v[i].unit; j++)
			mixed |= ic_domain_cmp(&r->rows[v[j].row].dom, &r->rows[v[i].row].dom) != 0;
		if (!mixed)
			continue;
		/* one stream for the list: a segment can hold thousands of BARs */
		size_t len = 0;
		FILE *fp = open_memstream(&doms, &len);

		if (!fp)
			ic_oom();
		for (size_t k = i; k < j; k++) {
			struct ic_bar_row *b = &r->rows[v[k].row];
			char *d = ic_domain_str(&b->dom), *name = ic_res_name(b->res);

			fprintf(fp, "%s%s %s (%s)", k > i ? ", " : "", b->dev->bdf, name, d);
			free(d);
			free(name);
			if (page)
				b->shares_page = true;
			else
				b->shares_segment = true;
		}
		if (fclose(fp) != 0)
			ic_oom();
		ic_mmio_finding_add(&r->findings, &r->nfindings, cap, code, base + v[i].unit * unit,
				    ic_xasprintf("%s %#" PRIx64 " holds BARs of more than one isolation "
				    "domain: %s", what, base + v[i].unit * unit, doms),
				    r->rows[v[i].row].dev, NULL);
		f = &r->findings[r->nfindings - 1];
		/* each function once: SEEN marks those named, and is cleared again after */
		seen[r->rows[v[i].row].dev - r->model->devs] = true;
		for (size_t k = i + 1; k < j; k++) {
			const struct ic_dev *d = r->rows[v[k].row].dev;

			if (!seen[d - r->model->devs]) {
				seen[d - r->model->devs] = true;
				ic_finding_dev_append(f, d);
			}
		}
		for (size_t k = i; k < j; k++)
			seen[r->rows[v[k].row].dev - r->model->devs] = false;
		free(doms);
		found++;
	}
	free(seen);
	return found;
}

/*
 * Sub-page memory BARs (vfio_pci_probe_mmaps()): vfio-pci maps whole pages, so it maps such a
 * BAR only if it starts a page and nothing else is on that page (it then reserves the rest).
 */
static void ic_sub_page(struct ic_bars_report *r, const struct ic_touch *v, size_t n, size_t *cap)
{
	uint64_t ps = r->page_size;

	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && v[j].unit == v[i].unit; j++)
			;
		for (size_t k = i; k < j; k++) {
			struct ic_bar_row *b = &r->rows[v[k].row];
			char *name;

			if (b->res->kind != IC_RES_BAR || b->size >= ps)
				continue;
			b->mmap = b->res->start % ps == 0 && j - i == 1 ? IC_MMAP_PADDED : IC_MMAP_REFUSED;
			name = ic_res_name(b->res);
			ic_mmio_finding_add(&r->findings, &r->nfindings, cap, "sub_page_bar", b->res->start,
					    ic_xasprintf("%s %s is %" PRIu64 " bytes, less than a %" PRIu64
					    "-byte page: %s", b->dev->bdf, name, b->size, ps,
					    b->mmap == IC_MMAP_PADDED ? "vfio-pci maps its whole page and "
					    "reserves the rest of it" : "its page holds other BARs or it "
					    "does not start the page, so vfio-pci will not mmap it (slow "
					    "read/write access only)"), b->dev, NULL);
			free(name);
		}
	}
}

/*
 * PowerNV aligns bridge windows to segments (pnv_pci_window_alignment()) except where it need
 * not: root ports and the bridges just below them get the whole PHB windows, less the MSI
 * megabyte (pnv_pci_fixup_bridge_resources()), and at or below a second PCIe-to-PCI bridge
 * everything is one bus-and-below PE already, so those windows are aligned to 1.
 */
static bool ic_window_not_aligned_by_pnv(const struct ic_dev *d)
{
	int pci_bridges = 0;

	if (!d->parent || !d->parent->parent)
		return true;
	for (const struct ic_dev *b = d; b; b = b->parent)
		pci_bridges += (b->known & IC_KNOWN_PCIE) && b->pcie_type == IC_PCIE_PCI_BRIDGE;
	return pci_bridges >= 2;
}

/* Segment checks of one segment profile (--segments, or a PowerNV PHB window). */
/* What the segment checks look up by address: counted rows and open windows, by start. */
struct ic_by_addr {
	uint64_t start;
	size_t row;	/* a row of the report, or a function of the model */
	int type;	/* a window's type; -1 for a row */
};

static int ic_by_addr_cmp(const void *a, const void *b)
{
	const struct ic_by_addr *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->type > y->type) - (x->type < y->type);
}

static int ic_by_row_cmp(const void *a, const void *b)
{
	const struct ic_by_addr *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->type > y->type) - (x->type < y->type);
}

/*
 * The entries of V (N, sorted by start) that start in [BASE, BASE + SIZE), found by binary
 * search, in their rows' order (the order findings are reported in); *K of them.
 */
static struct ic_by_addr *ic_in_range(const struct ic_by_addr *v, size_t n, uint64_t base,
				      uint64_t size, size_t *k)
{
	size_t lo = 0, hi = n, end;
	struct ic_by_addr *out;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].start < base)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < n && v[end].start - base < size; end++)
		;
	*k = end - lo;
	out = ic_xcalloc(*k + 1, sizeof(*out));
	memcpy(out, v + lo, *k * sizeof(*out));
	qsort(out, *k, sizeof(*out), ic_by_row_cmp);
	return out;
}

/* Segment profile SG: ROWS and WINS are the counted BARs and open windows by start address. */
static void ic_segments(struct ic_bars_report *r, const struct ic_segments *sg, size_t *cap,
			const struct ic_by_addr *rows, size_t nrows,
			const struct ic_by_addr *wins, size_t nwins)
{
	const struct ic_model *m = r->model;
	uint64_t seg = sg->size / sg->count;
	bool by_pe = ic_groups_by_pe(m);
	struct ic_by_addr *in;
	struct ic_touch *v;
	size_t n, k, *idx;

	in = ic_in_range(rows, nrows, sg->base, sg->size, &k);
	idx = ic_xcalloc(k + 1, sizeof(*idx));
	for (size_t x = 0; x < k; x++)
		idx[x] = in[x].row;
	v = ic_touches(r, idx, k, sg->base, sg->size, seg, &n);
	ic_shared_units(r, v, n, sg->base, seg, "segment_shared", "segment at", cap, false);
	free(v);
	/* nothing but a P2P bridge window keeps a device's BARs in segments of its own */
	for (size_t x = 0; x < k; x++) {
		const struct ic_bar_row *b = &r->rows[idx[x]];
		char *name;

		if (!ic_row_counts(b) || b->dev->parent || b->res->start < sg->base ||
		    b->res->end - sg->base >= sg->size)
			continue;
		name = ic_res_name(b->res);
		ic_mmio_finding_add(&r->findings, &r->nfindings, cap, "bar_not_behind_bridge",
				    b->res->start, ic_xasprintf("%s %s [%#" PRIx64 "-%#" PRIx64 "] is on "
				    "a root bus: no bridge window keeps it in segments of its own",
				    b->dev->bdf, name, b->res->start, b->res->end), b->dev, NULL);
		free(name);
	}
	free(idx);
	free(in);
	/* bridge memory windows must start and end on segment boundaries */
	in = ic_in_range(wins, nwins, sg->base, sg->size, &k);
	for (size_t x = 0; x < k; x++) {
		const struct ic_dev *d = &m->devs[in[x].row];
		struct ic_window w[IC_NWIN];

		if (by_pe && ic_window_not_aligned_by_pnv(d))
			continue;
		ic_window_sysfs(d, w);
		{
			int t = in[x].type;

			if (w[t].state != IC_WIN_OPEN || w[t].base < sg->base ||
			    w[t].limit - sg->base >= sg->size)
				continue;
			if ((w[t].base - sg->base) % seg == 0 && (w[t].limit + 1 - sg->base) % seg == 0)
				continue;
			ic_mmio_finding_add(&r->findings, &r->nfindings, cap, "window_not_segment_aligned",
					    w[t].base, ic_xasprintf("the %s window of %s [%#" PRIx64 "-%#"
					    PRIx64 "] does not start and end on %#" PRIx64 "-byte segment "
					    "boundaries", ic_win_type_str(t), d->bdf, w[t].base, w[t].limit,
					    seg), d, NULL);
		}
	}
	free(in);
}

/*
 * ic_analyze_bars() - every BAR, ROM and SR-IOV BAR of M with its owner from DOM (see
 * ic_domains()), and the findings: page_shared, sub_page_bar, and per segment profile
 * segment_shared, bar_not_behind_bridge, window_not_segment_aligned.
 */
void ic_analyze_bars(const struct ic_model *m, const struct ic_domain *dom,
		     const struct ic_bars_opts *o, struct ic_bars_report *r)
{
	size_t cap = 0, rcap = 0, n;
	struct ic_touch *v;

	memset(r, 0, sizeof(*r));
	r->model = m;
	r->segs = o->segs;
	r->nsegs = o->nsegs;
	if (!o->nsegs) {
		r->nsegs = ic_phb_segments(m, &r->own_segs);
		r->segs = r->own_segs;
	}
	if (o->page_size) {
		r->page_size = o->page_size;
		r->page_size_source = "option";
	} else if (m->page_size) {
		r->page_size = m->page_size;
		r->page_size_source = m->sysroot ? "snapshot" : "host";
	} else {
		r->page_size = 4096;
		r->page_size_source = "assumed";
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		for (size_t k = 0; k < d->nres; k++) {
			const struct ic_resource *res = &d->res[k];
			struct ic_bar_row b = { .dev = d, .res = res, .dom = dom[i] };

			if (res->kind == IC_RES_WINDOW || !(res->flags & (IC_IORESOURCE_IO | IC_IORESOURCE_MEM)))
				continue;
			b.size = res->end - res->start + 1;
			b.assigned = !(res->flags & IC_IORESOURCE_UNSET);
			b.align = b.assigned && res->start ? res->start & -res->start : 0;
			b.io = res->flags & IC_IORESOURCE_IO;
			b.is64 = res->flags & IC_IORESOURCE_MEM_64;
			b.pref = res->flags & IC_IORESOURCE_PREFETCH;
			b.mmap = res->kind == IC_RES_BAR && !b.io && b.assigned ? IC_MMAP_OK : IC_MMAP_NA;
			IC_APPEND(r->rows, r->nrows, rcap, b);
		}
	}
	{
		size_t *all = ic_xcalloc(r->nrows + 1, sizeof(*all));

		for (size_t i = 0; i < r->nrows; i++)
			all[i] = i;
		v = ic_touches(r, all, r->nrows, 0, UINT64_MAX, r->page_size, &n);
		free(all);
	}
	ic_shared_units(r, v, n, 0, r->page_size, "page_shared", "page", &cap, true);
	ic_sub_page(r, v, n, &cap);
	free(v);
	if (r->nsegs) {
		/* each segment profile looks up its BARs and windows by address: O(n log n) */
		struct ic_by_addr *rows = ic_xcalloc(r->nrows + 1, sizeof(*rows));
		struct ic_by_addr *wins = ic_xcalloc(m->ndevs * IC_NWIN + 1, sizeof(*wins));
		size_t nr = 0, nw = 0;

		for (size_t i = 0; i < r->nrows; i++)
			if (ic_row_counts(&r->rows[i]))
				rows[nr++] = (struct ic_by_addr){ r->rows[i].res->start, i, -1 };
		for (size_t i = 0; i < m->ndevs; i++) {
			struct ic_window w[IC_NWIN];

			ic_window_sysfs(&m->devs[i], w);
			for (int t = IC_WIN_MEM; t < IC_NWIN; t++)
				if (w[t].state == IC_WIN_OPEN)
					wins[nw++] = (struct ic_by_addr){ w[t].base, i, t };
		}
		qsort(rows, nr, sizeof(*rows), ic_by_addr_cmp);
		qsort(wins, nw, sizeof(*wins), ic_by_addr_cmp);
		for (size_t s = 0; s < r->nsegs; s++)
			ic_segments(r, &r->segs[s], &cap, rows, nr, wins, nw);
		free(rows);
		free(wins);
	}
}

void ic_bars_report_clear(struct ic_bars_report *r)
{
	free(r->rows);
	free(r->own_segs);
	ic_findings_free(r->findings, r->nfindings);
	memset(r, 0, sizeof(*r));
}
