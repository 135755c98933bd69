/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-sriov.c - SR-IOV as drivers/pci/iov.c sets it up (sriov_init(), sriov_enable(),
 * pci_iov_virtfn_bus/devfn()): each PF, its VFs and their routing IDs, what enabling more VFs
 * would meet, and the VF isolation verdict with its reasons.
 */
#include <inttypes.h>
#include <pci/header.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "sriov.h"

const char *ic_vf_verdict_str(enum ic_vf_verdict v)
{
	static const char *const s[] = { "isolated", "not_isolated", "unknown" };

	return s[v];
}

const char *ic_vf_groups_str(enum ic_vf_groups g)
{
	static const char *const s[] = { "separate", "shared", "unknown" };

	return s[g];
}

/*
 * ic_vf_rid() - the routing ID (bus << 8 | devfn) of VF VF_ID of PF: PF devfn + Offset +
 * Stride * VF_ID, carried into the bus number. Return: -1 if it lies beyond bus 0xff.
 */
int ic_vf_rid(const struct ic_dev *pf, uint32_t offset, uint32_t stride, unsigned int vf_id,
	      uint32_t *rid)
{
	uint64_t x = (uint64_t)(pf->slot << 3 | pf->func) + offset + (uint64_t)stride * vf_id;
	uint64_t bus = pf->bus + (x >> 8);

	if (bus > 0xff)
		return -1;
	*rid = (uint32_t)(bus << 8 | (x & 0xff));
	return 0;
}

/* D's isolation domain is a PowerNV PE: a group named domainD-peN, or eeh_pe_config_addr. */
static bool ic_dev_on_pe(const struct ic_model *m, const struct ic_dev *d)
{
	const struct ic_group *g = d->iommu_group >= 0 ? ic_model_group(m, d->iommu_group) : NULL;

	return d->has_eeh_pe || (g && g->name && !strncmp(g->name, "domain", 6) && strstr(g->name, "-pe"));
}

/* A finding of the sriov view about PF (and DEV, if any), remembered in LIST as a reason. */
static void ic_sriov_reason(struct ic_sriov_report *r, size_t *cap, struct ic_pf_row *pf,
			    bool isolation, const char *code, const struct ic_dev *dev, char *text)
{
	struct ic_finding *f = ic_finding_new(&r->findings, &r->nfindings, cap, code, text);
	size_t **list = isolation ? &pf->isolation : &pf->enable;
	size_t *n = isolation ? &pf->nisolation : &pf->nenable;

	ic_finding_dev(f, pf->dev);
	if (dev)
		ic_finding_dev(f, dev);
	f->group = pf->dev->iommu_group;
	*list = ic_xrealloc(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = r->nfindings - 1;
}

static bool ic_is_vfio(const struct ic_model *m, const char *driver)
{
	if (!driver)
		return false;
	if (ic_streq(driver, "vfio-pci"))
		return true;
	for (size_t i = 0; i < m->iommu.nvfio_variants; i++)
		if (ic_streq(driver, m->iommu.vfio_variants[i]))
			return true;
	return false;
}

/* The IOV BARs (resource lines 7-12) and each VF's share of them. */
static void ic_pf_bars(struct ic_pf_row *pf)
{
	const struct ic_dev *d = pf->dev;
	const struct ic_dev *vf0 = pf->nvfs ? pf->vfs[0].dev : NULL;

	for (size_t i = 0; i < d->nres; i++) {
		const struct ic_resource *res = &d->res[i];
		struct ic_vf_bar *b;
		unsigned int k;

		if (res->kind != IC_RES_IOV || !res->flags || res->end < res->start)
			continue;
		k = res->index - 7;
		b = &pf->bars[pf->nbars++];
		*b = (struct ic_vf_bar){ .index = k, .start = res->start,
					 .aperture = res->end - res->start + 1,
					 .assigned = res->start && !(res->flags & IC_IORESOURCE_UNSET),
					 .is64 = res->flags & IC_IORESOURCE_MEM_64,
					 .pref = res->flags & IC_IORESOURCE_PREFETCH };
		/* a VF's own BAR is exact (PowerNV enlarges the aperture); else the kernel's split */
		for (size_t j = 0; vf0 && j < vf0->nres; j++)
			if (vf0->res[j].kind == IC_RES_BAR && vf0->res[j].index == k &&
			    vf0->res[j].end > vf0->res[j].start)
				b->per_vf = vf0->res[j].end - vf0->res[j].start + 1;
		/* PowerNV expands the aperture to one VF BAR per PE: it says nothing per VF */
		if (!b->per_vf && pf->cap && d->cfg.sriov.total_vfs && !pf->powernv)
			b->per_vf = b->aperture / d->cfg.sriov.total_vfs;
	}
}

/* The highest bus the VFs may use: the parent bridge's subordinate bus; *assumed on a root bus. */
static unsigned int ic_bus_limit(const struct ic_model *m, const struct ic_dev *d, bool *assumed)
{
	*assumed = false;
	if (d->parent && (d->parent->known & IC_KNOWN_HEADER))
		return d->parent->subordinate_bus;
	if (d->parent) {
		*assumed = true;
		return 0xff;
	}
	/* a root bus ends before the next root bus of the domain (the host bridge's range is not shown) */
	*assumed = true;
	for (size_t i = 0; i < m->ndevs; i++)
		if (!m->devs[i].parent && m->devs[i].domain == d->domain && m->devs[i].bus > d->bus)
			return m->devs[i].bus - 1u;
	return 0xff;
}

/*
 * PowerNV, with its M64 window's segments (the device tree's, or --segments over it): a VF BAR
 * larger than a quarter segment is
 * mapped in single-PE mode, which needs 32 MB or more (pnv_pci_ioda_fixup_iov_resources()).
 */
static void ic_pnv_single_pe(struct ic_sriov_report *r, size_t *fcap, struct ic_pf_row *pf,
			     const struct ic_vf_bar *b, uint32_t *max)
{
	for (size_t i = 0; i < r->nsegs; i++) {
		const struct ic_segments *s = &r->segs[i];
		uint64_t seg = s->size / s->count;

		if (b->start < s->base || b->start - s->base >= s->size ||
		    (s->window && !ic_streq(s->window, "m64")))
			continue;
		if (b->per_vf > seg / 4 && b->per_vf < (32ULL << 20)) {
			*max = 0;
			ic_sriov_reason(r, fcap, pf, false, "vf_bar_single_pe_too_small", NULL,
					ic_xasprintf("%s: VF BAR %u of %#" PRIx64 " bytes is over a quarter "
						     "of the %#" PRIx64 "-byte M64 segment, so single-PE mode, "
						     "which needs 32M: PowerNV disables SR-IOV", pf->dev->bdf,
						     b->index, b->per_vf, seg));
		}
	}
}

/* How many VFs can be enabled now, and the reasons for fewer than TotalVFs. */
static void ic_pf_enable(struct ic_sriov_report *r, size_t *fcap, struct ic_pf_row *pf)
{
	const struct ic_model *m = r->model;
	const struct ic_dev *d = pf->dev;
	const struct ic_cfg_sriov *s = &d->cfg.sriov;
	uint32_t max = pf->total_vfs;
	bool known = true, assumed;

	/* the bus of the last VF must lie inside the parent bus's range */
	if (!pf->offset_known) {
		known = false;
	} else if (pf->offset == 0 || (pf->stride == 0 && max > 1)) {
		max = pf->offset == 0 ? 0 : 1;
		ic_sriov_reason(r, fcap, pf, false, "vf_bus_out_of_range", NULL,
				ic_xasprintf("%s: First VF Offset %" PRIu32 " and VF Stride %" PRIu32
					     " place no more than %" PRIu32 " VF%s", d->bdf, pf->offset,
					     pf->stride, max, max == 1 ? "" : "s"));
	} else if (max) {
		unsigned int limit = ic_bus_limit(m, d, &assumed);
		uint64_t first = (uint64_t)(d->slot << 3 | d->func) + pf->offset, room, fit, n;

		room = limit < d->bus ? 0 : (uint64_t)(limit - d->bus) * 256 + 255;
		if (limit < d->bus || first > room)
			fit = 0;
		else	/* stride 0 with one VF: it fits */
			fit = pf->stride ? (room - first) / pf->stride + 1 : max;
		/* a range not shown may be smaller: certain only if every VF stays on the PF's bus */
		n = fit < max ? fit : max;
		if (assumed && n && first + (uint64_t)pf->stride * (n - 1) > 255)
			known = false;
		if (fit < max) {
			max = (uint32_t)fit;
			ic_sriov_reason(r, fcap, pf, false, "vf_bus_out_of_range", NULL,
					ic_xasprintf("%s: VF %" PRIu32 " would be on a bus beyond %02x, "
						     "the end of the parent bus range%s", d->bdf, max,
						     limit, assumed ? " (assumed)" : ""));
		}
	}
	for (size_t i = 0; i < pf->nbars; i++) {
		const struct ic_vf_bar *b = &pf->bars[i];

		if (pf->powernv && !(b->is64 && b->pref)) {
			max = 0;	/* pnv_pci_ioda_fixup_iov_resources() zeroes them all */
			ic_sriov_reason(r, fcap, pf, false, "vf_bar_not_m64", NULL,
					ic_xasprintf("%s: IOV BAR %u is not 64-bit prefetchable: PowerNV maps "
						     "VF BARs only in M64, and disables SR-IOV", d->bdf, b->index));
			continue;
		}
		if (!b->assigned) {
			max = 0;
			ic_sriov_reason(r, fcap, pf, false, "iov_bar_unassigned", NULL,
					ic_xasprintf("%s: IOV BAR %u is not assigned: not enough MMIO "
						     "resources for SR-IOV", d->bdf, b->index));
			continue;
		}
		if (!b->per_vf) {
			known = false;
			continue;
		}
		if (pf->powernv)
			ic_pnv_single_pe(r, fcap, pf, b, &max);
		if (b->per_vf % r->page_size) {
			max = 0;
			ic_sriov_reason(r, fcap, pf, false, "vf_bar_not_page_multiple", NULL,
					ic_xasprintf("%s: VF BAR %u of %#" PRIx64 " bytes is not a multiple "
						     "of the %#" PRIx64 "-byte page: SR-IOV fails", d->bdf,
						     b->index, b->per_vf, r->page_size));
		} else if (b->aperture / b->per_vf < max) {
			max = (uint32_t)(b->aperture / b->per_vf);
			ic_sriov_reason(r, fcap, pf, false, "vf_bar_aperture_short", NULL,
					ic_xasprintf("%s: IOV BAR %u holds %" PRIu32 " VF BARs of %#" PRIx64
						     " bytes", d->bdf, b->index, max, b->per_vf));
		}
	}
	if (!pf->cap) {
		known = false;	/* page sizes and InitialVFs are in config space only */
	} else {
		uint32_t need = 0;

		while (need < 32 && (4096ULL << need) < r->page_size)
			need++;
		if (need >= 32 || !(s->supported_page_sizes >> need)) {
			max = 0;
			ic_sriov_reason(r, fcap, pf, false, "no_system_page_size", NULL,
					ic_xasprintf("%s: Supported Page Sizes %#" PRIx32 " hold no page of "
						     "%#" PRIx64 " bytes or more: SR-IOV fails", d->bdf,
						     s->supported_page_sizes, r->page_size));
		}
		if (!(s->cap & PCI_IOV_CAP_VFM) && s->initial_vfs < max) {
			max = s->initial_vfs;
			ic_sriov_reason(r, fcap, pf, false, "vfs_beyond_initial", NULL,
					ic_xasprintf("%s: without VF Migration at most InitialVFs (%u) VFs",
						     d->bdf, s->initial_vfs));
		}
	}
	/* writing sriov_numvfs needs a bound driver that can; vfio-pci only with enable_sriov=1 */
	if (!(d->known & IC_KNOWN_DRIVER)) {
		known = false;
	} else if (!d->driver && pf->num_vfs == 0) {
		max = 0;
		ic_sriov_reason(r, fcap, pf, false, "pf_unbound", NULL,
				ic_xasprintf("%s: no driver: sriov_numvfs can be written once one that "
					     "supports SR-IOV is bound", d->bdf));
	} else if (ic_is_vfio(m, d->driver) && pf->num_vfs == 0) {
		if (m->iommu.vfio_enable_sriov < 0) {
			known = false;
		} else if (!m->iommu.vfio_enable_sriov) {
			max = 0;
			ic_sriov_reason(r, fcap, pf, false, "vfio_pf_needs_enable_sriov", NULL,
					ic_xasprintf("%s: on %s, VFs can be created only with "
						     "vfio_pci.enable_sriov=1", d->bdf, d->driver));
		}
	}
	/* vfio_pci_core_register_device(): "Cannot bind to PF with SR-IOV enabled" */
	if (pf->num_vfs && (d->known & IC_KNOWN_DRIVER) && !ic_is_vfio(m, d->driver))
		ic_sriov_reason(r, fcap, pf, false, "pf_vfs_block_vfio", NULL,
				ic_xasprintf("%s: with %" PRIu32 " VFs enabled it cannot be bound to "
					     "vfio-pci until sriov_numvfs is 0 again", d->bdf, pf->num_vfs));
	pf->max_num_vfs = max;
	pf->max_known = known || max == 0;	/* 0 stays 0 whatever more is shown */
}

static int ic_int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The groups the PF's VFs have (from the kernel), or will have (from the prediction). */
static enum ic_vf_groups ic_pf_vf_groups(const struct ic_model *m, const struct ic_prediction *p,
					 const struct ic_pf_row *pf, bool *from_kernel)
{
	const struct ic_dev *d = pf->dev;
	enum ic_why why;

	*from_kernel = false;
	if (pf->nvfs && m->ngroups) {
		int *g = ic_xcalloc(pf->nvfs, sizeof(*g));
		bool shared = false;

		for (size_t i = 0; i < pf->nvfs; i++) {
			const struct ic_dev *v = pf->vfs[i].dev;

			if (!(v->known & IC_KNOWN_IOMMU_GROUP) || v->iommu_group < 0) {
				free(g);
				return IC_VFG_UNKNOWN;
			}
			g[i] = v->iommu_group;
			shared |= v->iommu_group == d->iommu_group;
		}
		/* two VFs in one group: neighbours once sorted (thousands of VFs are normal) */
		qsort(g, pf->nvfs, sizeof(*g), ic_int_cmp);
		for (size_t i = 1; i < pf->nvfs && !shared; i++)
			shared = g[i] == g[i - 1];
		free(g);
		*from_kernel = true;
		return shared ? IC_VFG_SHARED : IC_VFG_SEPARATE;
	}
	if (pf->powernv)
		return IC_VFG_SEPARATE;	/* each VF gets a PE, and its group, of its own */
	if (!p)
		return IC_VFG_UNKNOWN;
	/* a VF is no multifunction device: it shares a group only through the path above the PF */
	why = p->why[d - m->devs];
	if (why == IC_WHY_UNKNOWN)
		return IC_VFG_UNKNOWN;
	if (why == IC_WHY_ALIAS_BRIDGE || why == IC_WHY_UPSTREAM_NO_ACS || why == IC_WHY_VMD)
		return IC_VFG_SHARED;
	return IC_VFG_SEPARATE;
}

/* Whether a page_shared or segment_shared finding of BARS names one of PF's VFs. */
static const struct ic_finding *ic_pf_page_finding(const struct ic_bars_report *bars,
						   const struct ic_pf_row *pf, size_t *from)
{
	for (; bars && *from < bars->nfindings; (*from)++) {
		const struct ic_finding *f = &bars->findings[*from];

		if (!ic_streq(f->def->code, "page_shared") && !ic_streq(f->def->code, "segment_shared"))
			continue;
		for (size_t k = 0; k < f->ndevs; k++)
			if (f->devs[k]->physfn == pf->dev) {
				(*from)++;
				return f;
			}
	}
	return NULL;
}

static void ic_pf_isolation(struct ic_sriov_report *r, size_t *fcap, const struct ic_prediction *p,
			    const struct ic_bars_report *bars, struct ic_pf_row *pf)
{
	const struct ic_model *m = r->model;
	const struct ic_dev *d = pf->dev;
	const struct ic_finding *pg;
	bool from_kernel, unknown = false, fail = false;
	size_t from = 0;

	pf->vf_groups = ic_pf_vf_groups(m, p, pf, &from_kernel);
	if (pf->vf_groups == IC_VFG_SHARED) {
		fail = true;
		if (from_kernel)
			ic_sriov_reason(r, fcap, pf, true, "vfs_share_group", NULL,
					ic_xasprintf("%s: its VFs share an IOMMU group with it or with "
						     "each other", d->bdf));
		else
			ic_sriov_reason(r, fcap, pf, true, "pf_path_no_acs", NULL,
					ic_xasprintf("%s: the path above it lacks ACS: its VFs will be in "
						     "its group", d->bdf));
	} else if (pf->vf_groups == IC_VFG_UNKNOWN) {
		unknown = true;
	}
	if ((d->known & IC_KNOWN_ECAPS) && !ic_dev_find_cap(d, PCI_EXT_CAP_ID_ACS, true))
		ic_sriov_reason(r, fcap, pf, true, "pf_no_acs", NULL,
				ic_xasprintf("%s has no ACS capability: its functions may reach each "
					     "other inside the device, which the kernel does not look at",
					     d->bdf));
	while ((pg = ic_pf_page_finding(bars, pf, &from))) {
		fail = true;
		ic_sriov_reason(r, fcap, pf, true, "vf_bar_page_shared", pg->ndevs ? pg->devs[0] : NULL,
				ic_xasprintf("%s: a VF BAR shares %s %#" PRIx64 " with another VF or "
					     "isolation domain", d->bdf, pg->def->at, pg->address));
	}
	if (ic_is_vfio(m, d->driver))
		ic_sriov_reason(r, fcap, pf, true, "pf_owned_by_vfio", NULL,
				ic_xasprintf("%s is on %s: its user can reset or disturb every VF, and "
					     "VF users need its VF token", d->bdf, d->driver));
	ic_sriov_reason(r, fcap, pf, true, "pf_controls_vf_bars", NULL,
			ic_xasprintf("%s: VF BARs are programmed only through it: its owner decides "
				     "where every VF's MMIO lands", d->bdf));
	pf->verdict = fail ? IC_VF_NOT_ISOLATED : unknown ? IC_VF_UNKNOWN : IC_VF_ISOLATED;
}

/* The kernel's sriov_* attributes against the capability, where both were read. */
static void ic_pf_mismatch(struct ic_sriov_report *r, size_t *fcap, struct ic_pf_row *pf)
{
	const struct ic_dev *d = pf->dev;
	const struct ic_cfg_sriov *s = &d->cfg.sriov;
	const struct ic_sriov_sysfs *k = &d->sriov;
	static const struct {
		unsigned int bit;
		const char *name;
	} attrs[] = {
		{ IC_SV_NUM, "sriov_numvfs" }, { IC_SV_OFFSET, "sriov_offset" },
		{ IC_SV_STRIDE, "sriov_stride" }, { IC_SV_VF_DEVICE, "sriov_vf_device" },
		{ IC_SV_TOTAL, "sriov_totalvfs" },
	};

	if (!pf->cap)
		return;
	for (size_t i = 0; i < IC_ARRAY_SIZE(attrs); i++) {
		uint32_t kv, cv;

		if (!(k->known & attrs[i].bit))
			continue;
		switch (attrs[i].bit) {
		case IC_SV_NUM:
			kv = k->num_vfs, cv = s->num_vfs;
			break;
		case IC_SV_OFFSET:
			kv = k->offset, cv = s->vf_offset;
			break;
		case IC_SV_STRIDE:
			kv = k->stride, cv = s->vf_stride;
			break;
		case IC_SV_VF_DEVICE:
			kv = k->vf_device, cv = s->vf_device;
			break;
		default:
			/* a driver may lower sriov_totalvfs (pci_sriov_set_totalvfs()), not raise it */
			kv = k->total_vfs, cv = s->total_vfs;
			if (kv <= cv)
				continue;
		}
		if (kv != cv)
			ic_sriov_reason(r, fcap, pf, false, "sriov_sysfs_mismatch", NULL,
					ic_xasprintf("%s: %s is %#" PRIx32 ", the SR-IOV capability says "
						     "%#" PRIx32, d->bdf, attrs[i].name, kv, cv));
	}
}

static void ic_pf_vfs(struct ic_sriov_report *r, size_t *fcap, struct ic_pf_row *pf)
{
	const struct ic_dev *d = pf->dev;

	pf->vfs = ic_xcalloc(d->nvirtfn + 1, sizeof(*pf->vfs));
	for (size_t i = 0; i < d->nvirtfn; i++) {
		struct ic_vf_row *v = &pf->vfs[pf->nvfs];

		if (!d->virtfn[i])
			continue;	/* a link to a function not in the model: reported at collection */
		v->dev = d->virtfn[i];
		v->vf_id = (unsigned int)i;
		v->rid_known = pf->offset_known &&
			       ic_vf_rid(d, pf->offset, pf->stride, v->vf_id, &v->expected_rid) == 0;
		v->rid_ok = v->rid_known &&
			    v->expected_rid == ((uint32_t)v->dev->bus << 8 | v->dev->slot << 3 | v->dev->func);
		if (pf->offset_known && !v->rid_ok)
			ic_sriov_reason(r, fcap, pf, false, "vf_rid_mismatch", v->dev,
					ic_xasprintf("%s: VF %u is at %s, not where First VF Offset %" PRIu32
						     " and VF Stride %" PRIu32 " put it", d->bdf, v->vf_id,
						     v->dev->bdf, pf->offset, pf->stride));
		pf->nvfs++;
	}
}

/*
 * ic_analyze_sriov() - every PF of M: its capability and sysfs view, VFs, enable limits and VF
 * isolation. P: the predicted groups (NULL: not available); BARS: the bars analysis at the
 * page size and segments to judge VF BARs by. O(functions + VFs + BAR findings).
 */
void ic_analyze_sriov(const struct ic_model *m, const struct ic_prediction *p,
		      const struct ic_bars_report *bars, struct ic_sriov_report *r)
{
	size_t fcap = 0, pcap = 0;
	int next_group = -1;

	memset(r, 0, sizeof(*r));
	r->model = m;
	r->page_size = bars->page_size;
	r->page_size_source = bars->page_size_source;
	r->segs = bars->segs;
	r->nsegs = bars->nsegs;
	for (size_t i = 0; i < m->ngroups; i++)
		if (m->groups[i].id >= next_group)
			next_group = m->groups[i].id + 1;
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];
		struct ic_pf_row pf = { .dev = d, .first_new_group = -1 };

		if (d->physfn_bdf || (!(d->cfg.known & IC_CFG_SRIOV) && !(d->sriov.known & IC_SV_TOTAL)))
			continue;
		pf.cap = d->cfg.known & IC_CFG_SRIOV;
		pf.powernv = ic_dev_on_pe(m, d);
		pf.total_vfs = pf.cap ? d->cfg.sriov.total_vfs : d->sriov.total_vfs;
		pf.num_vfs = d->sriov.known & IC_SV_NUM ? d->sriov.num_vfs : d->cfg.sriov.num_vfs;
		if ((d->sriov.known & (IC_SV_OFFSET | IC_SV_STRIDE)) == (IC_SV_OFFSET | IC_SV_STRIDE)) {
			pf.offset = d->sriov.offset, pf.stride = d->sriov.stride;
			pf.offset_known = true;
		} else if (pf.cap) {
			pf.offset = d->cfg.sriov.vf_offset, pf.stride = d->cfg.sriov.vf_stride;
			pf.offset_known = true;
		}
		IC_APPEND(r->pfs, r->npfs, pcap, pf);
	}
	for (size_t i = 0; i < r->npfs; i++) {
		struct ic_pf_row *pf = &r->pfs[i];

		ic_pf_vfs(r, &fcap, pf);
		ic_pf_bars(pf);
		ic_pf_mismatch(r, &fcap, pf);
		ic_pf_enable(r, &fcap, pf);
		ic_pf_isolation(r, &fcap, p, bars, pf);
		/* new groups are numbered after the existing ones, PF by PF */
		if (!pf->nvfs && pf->vf_groups == IC_VFG_SEPARATE && next_group >= 0 && pf->max_num_vfs) {
			pf->first_new_group = next_group;
			next_group += (int)pf->max_num_vfs;
		}
	}
}

void ic_sriov_report_clear(struct ic_sriov_report *r)
{
	for (size_t i = 0; i < r->npfs; i++) {
		free(r->pfs[i].vfs);
		free(r->pfs[i].isolation);
		free(r->pfs[i].enable);
	}
	free(r->pfs);
	ic_findings_free(r->findings, r->nfindings);
	memset(r, 0, sizeof(*r));
}
