// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * analyze-mmio.c - what bridges and BARs share: the type-1 window decode (as the kernel's
 * pci_read_bridge_io/mmio/mmio_pref() do it), the windows the kernel shows in `resource`, and
 * the isolation domain that owns each function's MMIO.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "ic.h"
#include "mmio.h"
#include "predict.h"
#include "resource.h"

/* A window from its decoded base and limit registers; GRAN: its granule (limit's low bits). */
static void ic_window_set(struct ic_window *w, uint64_t base, uint64_t limit, uint64_t gran)
{
	w->base = base;
	w->limit = limit + gran - 1;
	w->state = base <= limit ? IC_WIN_OPEN : IC_WIN_DISABLED;
}

/*
 * ic_window_decode() - the I/O, memory and prefetchable windows of a type-1 header, in bus
 * addresses. Registers that read zero decode as an open window at 0 (the kernel probes them
 * by writing; a reader cannot): compare with ic_window_sysfs() to tell. Return: 0, or -1 if
 * the window registers are unknown (then so are the windows).
 */
int ic_window_decode(const struct ic_cfg *cfg, struct ic_window win[IC_NWIN])
{
	const struct ic_cfg_windows *r = &cfg->win;
	uint64_t base, limit;

	memset(win, 0, IC_NWIN * sizeof(*win));
	if (!(cfg->known & IC_CFG_WINDOWS))
		return -1;
	/* I/O: 4K granules; type 1 in the low nibble adds the upper 16 bits */
	base = (uint64_t)(r->io_base & PCI_IO_RANGE_MASK) << 8;
	limit = (uint64_t)(r->io_limit & PCI_IO_RANGE_MASK) << 8;
	if ((r->io_base & PCI_IO_RANGE_TYPE_MASK) == PCI_IO_RANGE_TYPE_32) {
		win[IC_WIN_IO].wide = true;
		base |= (uint64_t)r->io_base_upper16 << 16;
		limit |= (uint64_t)r->io_limit_upper16 << 16;
	}
	ic_window_set(&win[IC_WIN_IO], base, limit, 0x1000);
	/* memory: 1M granules, always 32-bit */
	base = (uint64_t)(r->mem_base & PCI_MEMORY_RANGE_MASK) << 16;
	limit = (uint64_t)(r->mem_limit & PCI_MEMORY_RANGE_MASK) << 16;
	ic_window_set(&win[IC_WIN_MEM], base, limit, 0x100000);
	/* prefetchable: 1M granules; type 1 adds upper dwords, ignored if base's is above limit's */
	base = (uint64_t)(r->pref_base & PCI_PREF_RANGE_MASK) << 16;
	limit = (uint64_t)(r->pref_limit & PCI_PREF_RANGE_MASK) << 16;
	if ((r->pref_base & PCI_PREF_RANGE_TYPE_MASK) == PCI_PREF_RANGE_TYPE_64) {
		win[IC_WIN_PREF].wide = true;
		if (r->pref_base_upper32 <= r->pref_limit_upper32) {
			base |= (uint64_t)r->pref_base_upper32 << 32;
			limit |= (uint64_t)r->pref_limit_upper32 << 32;
		}
	}
	ic_window_set(&win[IC_WIN_PREF], base, limit, 0x100000);
	return 0;
}

/* The bridge windows the kernel shows: the three resource lines after the ROM and IOV ones. */
void ic_window_sysfs(const struct ic_dev *d, struct ic_window win[IC_NWIN])
{
	size_t k = 0;

	memset(win, 0, IC_NWIN * sizeof(*win));
	if (!(d->known & IC_KNOWN_RESOURCES))
		return;
	for (size_t i = 0; i < IC_NWIN; i++)
		win[i].state = IC_WIN_NONE;
	for (size_t i = 0; i < d->nres && k < IC_NWIN; i++) {
		const struct ic_resource *r = &d->res[i];

		if (r->kind != IC_RES_WINDOW)
			continue;
		if (r->flags & (IC_IORESOURCE_IO | IC_IORESOURCE_MEM)) {
			win[k].wide = r->flags & 0x1;	/* the type nibble: 32-bit I/O, 64-bit */
			win[k].base = r->start;
			win[k].limit = r->end;
			win[k].state = r->flags & (IC_IORESOURCE_UNSET | IC_IORESOURCE_DISABLED) ?
				       IC_WIN_DISABLED : IC_WIN_OPEN;
		}
		k++;
	}
}

const char *ic_win_type_str(enum ic_win_type t)
{
	static const char *const s[IC_NWIN] = { "io", "memory", "prefetchable" };

	return s[t];
}

const char *ic_win_state_str(enum ic_win_state s)
{
	static const char *const v[] = { "unknown", "none", "disabled", "open" };

	return v[s];
}

/* "domainD-peN": the group name PowerNV gives a PE's group. */
static bool ic_pe_from_name(const char *name, uint32_t *dom, int64_t *pe)
{
	unsigned int d, p;
	int n = 0;

	if (!name || sscanf(name, "domain%u-pe%x%n", &d, &p, &n) != 2 || name[n])
		return false;
	*dom = d;
	*pe = p;
	return true;
}

/*
 * ic_domains() - per function of M, the isolation domain that owns its MMIO: its PowerNV PE,
 * else its IOMMU group, else (no groups: IOMMU off, or a dump) its predicted group with
 * QUIRKS, else the function alone. The caller frees the array.
 */
struct ic_domain *ic_domains(const struct ic_model *m, const struct ic_quirks *quirks)
{
	struct ic_domain *dom = ic_xcalloc(m->ndevs ? m->ndevs : 1, sizeof(*dom));
	struct ic_prediction p = { 0 };
	bool predicted = m->ngroups == 0 && quirks, pe_missing = false, by_pe = ic_groups_by_pe(m);

	/* PowerNV without a PE read for some function (a bridge has no group): predict its PE */
	for (size_t i = 0; by_pe && i < m->ndevs; i++)
		pe_missing |= !m->devs[i].has_eeh_pe;
	if (predicted || pe_missing)
		ic_predict_groups(m, quirks, &p);
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];
		const struct ic_group *g = d->iommu_group >= 0 ? ic_model_group(m, d->iommu_group) : NULL;
		struct ic_domain *x = &dom[i];

		if (g && ic_pe_from_name(g->name, &x->pci_domain, &x->id)) {
			x->kind = IC_DOM_PE;
		} else if (d->has_eeh_pe) {
			x->kind = IC_DOM_PE;
			x->pci_domain = d->domain;
			x->id = d->eeh_pe;
		} else if (p.pe && p.pe[i] >= 0) {
			x->kind = IC_DOM_PE_PREDICTED;
			x->pci_domain = d->domain;
			x->id = p.pe[i];
		} else if (d->iommu_group >= 0) {
			x->kind = IC_DOM_GROUP;
			x->id = d->iommu_group;
		} else if (predicted && p.group[i] >= 0) {
			x->kind = IC_DOM_PREDICTED;
			x->id = p.group[i];
		} else {
			x->kind = IC_DOM_UNKNOWN;
			x->id = (int64_t)i;
		}
	}
	if (predicted || pe_missing)
		ic_prediction_clear(&p);
	return dom;
}

/*
 * ic_phb_segments() - the segments PowerNV cuts its PHBs' windows into, from the device tree
 * (pnv_pci_init_ioda_phb()): M32, the 32-bit range plus the 64K the firmware keeps for MSIs,
 * and M64 (ibm,opal-m64-window), each in one segment per PE. The caller frees *OUT.
 */
size_t ic_phb_segments(const struct ic_model *m, struct ic_segments **out)
{
	size_t n = 0;

	*out = ic_xcalloc(2 * m->nphbs + 1, sizeof(**out));
	for (size_t i = 0; i < m->nphbs; i++) {
		const struct ic_phb *phb = &m->phbs[i];
		struct ic_segments w[2] = {
			{ phb->m32_cpu, phb->m32_size + 0x10000, phb->num_pes, "device_tree", phb->domain, "m32" },
			{ phb->m64_cpu, phb->m64_size, phb->num_pes, "device_tree", phb->domain, "m64" },
		};
		/* a hostile size just below 2^64 would wrap to a small M32 window */
		bool known[2] = { phb->m32_known && phb->m32_size <= UINT64_MAX - 0x10000,
				  phb->m64_known };

		for (int k = 0; k < 2; k++)
			if (known[k] && w[k].count && w[k].size % w[k].count == 0 && w[k].size / w[k].count &&
			    w[k].size - 1 <= UINT64_MAX - w[k].base)
				(*out)[n++] = w[k];
	}
	return n;
}

int ic_domain_cmp(const struct ic_domain *a, const struct ic_domain *b)
{
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->pci_domain != b->pci_domain)
		return a->pci_domain < b->pci_domain ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

const char *ic_dom_kind_str(enum ic_dom_kind k)
{
	static const char *const s[] = { "pe", "predicted_pe", "group", "predicted_group", "unknown" };

	return s[k];
}

/* "group 5", "PE 0:1f" (PCI domain, hex PE as the kernel names it), "predicted 3", "?". */
char *ic_domain_str(const struct ic_domain *d)
{
	switch (d->kind) {
	case IC_DOM_PE:
		return ic_xasprintf("PE %" PRIu32 ":%" PRIx64, d->pci_domain, (uint64_t)d->id);
	case IC_DOM_PE_PREDICTED:
		return ic_xasprintf("PE? %" PRIu32 ":%" PRIx64, d->pci_domain, (uint64_t)d->id);
	case IC_DOM_GROUP:
		return ic_xasprintf("group %" PRId64, d->id);
	case IC_DOM_PREDICTED:
		return ic_xasprintf("predicted %" PRId64, d->id);
	case IC_DOM_UNKNOWN:
		break;
	}
	return ic_xstrdup("?");
}

/* "bar0", "rom", "iov2", "window0": a resource line as the output names it. */
char *ic_res_name(const struct ic_resource *res)
{
	switch (res->kind) {
	case IC_RES_BAR:
		return ic_xasprintf("bar%u", res->index);
	case IC_RES_ROM:
		return ic_xstrdup("rom");
	case IC_RES_IOV:
		return ic_xasprintf("iov%u", res->index - 7);
	case IC_RES_WINDOW:
		break;
	}
	return ic_xasprintf("line%u", res->index);
}

/* Adds a finding about DEV (and OTHER, if any) at ADDRESS; takes TEXT. */
void ic_mmio_finding_add(struct ic_finding **v, size_t *n, size_t *cap, const char *code,
			 uint64_t address, char *text, const struct ic_dev *dev,
			 const struct ic_dev *other)
{
	struct ic_finding *f = ic_finding_new(v, n, cap, code, text);

	f->address = address;
	ic_finding_dev(f, dev);
	if (other)
		ic_finding_dev(f, other);
}
