/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-platform.c - what the platform decides about groups, apart from the topology: whether
 * they are PEs (PowerNV), whether they form when a driver binds (VIOT, IORT, a device tree),
 * whether the kernel's ACS enable step is still to come, and the default domain type the boot
 * chooses.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acpi.h"
#include "ic.h"
#include "predict.h"
#include "resource.h"

/*
 * ic_groups_by_pe() - is this PowerNV, where the isolation unit is the PE and not ACS
 * (pnv_pci_device_group())? Every function there has eeh_pe_config_addr, the kernel names
 * its groups domainD-peN, and the device tree's PHBs say how many PEs they have.
 */
bool ic_groups_by_pe(const struct ic_model *m)
{
	for (size_t i = 0; i < m->ngroups; i++)
		if (m->groups[i].name && strstr(m->groups[i].name, "-pe"))
			return true;
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].has_eeh_pe)
			return true;
	for (size_t i = 0; i < m->nphbs; i++)
		if (m->phbs[i].num_pes)
			return true;
	return false;
}

/*
 * ic_groups_at_bind() - does the platform's IOMMU driver form a function's group only when a
 * driver binds to it (of_dma_configure / acpi_dma_configure: virtio-iommu through ACPI VIOT,
 * arm-smmu-v3 through IORT), rather than for every function at boot (VT-d, AMD-Vi)?
 */
bool ic_groups_at_bind(const struct ic_model *m)
{
	return m->iommu.viot || m->iommu.iort || m->iommu.dt_iommu_map;
}

/*
 * ic_groups_pending() - no group yet, and none expected: the IOMMU forms groups at bind, a unit
 * is registered, and no function (but the IOMMU's own) is bound. The IOMMU is on; its groups
 * come with the first driver.
 */
bool ic_groups_pending(const struct ic_model *m)
{
	if (m->ngroups || !ic_groups_at_bind(m) || !m->iommu.nunits)
		return false;
	for (size_t i = 0; i < m->ndevs; i++)
		if ((m->devs[i].known & IC_KNOWN_DRIVER) && m->devs[i].driver && !ic_model_is_iommu(m, &m->devs[i]))
			return false;
	return true;
}

/*
 * Will the kernel still enable ACS on the functions as they are now? Only while no IOMMU has
 * formed groups, and not where the IOMMU comes from a device tree: of_iommu_configure() calls
 * pci_request_acs() at the first driver probe, after enumeration, so the controls stay as the
 * firmware left them (ACPI IORT and VIOT request it before enumeration).
 */
bool ic_acs_enable_to_come(const struct ic_model *m)
{
	return m->ngroups == 0 && !(m->iommu.dt_iommu_map && !m->iommu.iort && !m->iommu.viot);
}

/*
 * ic_dt_stream_id() - the StreamID D's own requester ID gets through its device-tree host
 * bridge's iommu-map (of_map_id(): the ID masked, then the first entry that covers it): the
 * host with D's linux,pci-domain, or the only one. IC_ID_NONE: no entry covers it (the IOMMU
 * never takes D); IC_ID_UNKNOWN: no such host, or a malformed map.
 */
int64_t ic_dt_stream_id(const struct ic_model *m, const struct ic_dev *d)
{
	const struct ic_dt_host *h = NULL;
	uint32_t rid = (uint32_t)d->bus << 8 | (uint32_t)d->slot << 3 | d->func, id;

	for (size_t i = 0; i < m->iommu.ndt_hosts; i++)
		if (m->iommu.dt_hosts[i].domain == (int64_t)d->domain)
			h = &m->iommu.dt_hosts[i];
	if (!h && m->iommu.ndt_hosts == 1 && m->iommu.dt_hosts[0].domain < 0)
		h = &m->iommu.dt_hosts[0];
	if (!h || h->bad)
		return IC_ID_UNKNOWN;
	id = rid & h->mask;
	for (size_t k = 0; k < h->nmap; k++)
		if (id >= h->map[k][0] && id - h->map[k][0] < h->map[k][2])
			return (int64_t)(id - h->map[k][0]) + h->map[k][1];
	return IC_ID_NONE;
}

/*
 * ic_stream_id() - the IOMMU input ID of D's own requester ID from what the firmware says:
 * IORT or VIOT where ACPI describes the IOMMU, else the device tree's iommu-map. IC_ID_NONE:
 * behind no IOMMU; IC_ID_UNKNOWN: the table could not be read or is malformed.
 */
int64_t ic_stream_id(const struct ic_model *m, const struct ic_dev *d)
{
	uint32_t rid = (uint32_t)d->bus << 8 | (uint32_t)d->slot << 3 | d->func;

	if (m->iommu.iort)
		return ic_iort_stream_id(m->iommu.iort_table, m->iommu.iort_len, d->domain, rid);
	if (m->iommu.viot)
		return ic_viot_endpoint(m->iommu.viot_table, m->iommu.viot_len, d->domain, rid);
	return ic_dt_stream_id(m, d);
}

/* StreamID, then function index. */
static int ic_sid_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] > y[1]) - (x[1] < y[1]);
}

/*
 * Of functions that share a StreamID (a device tree's iommu-map-mask that drops bits of the
 * requester ID, IORT or VIOT mappings that overlap), arm-smmu-v3 takes the first probed and
 * refuses the others ("stream N already in tree"). (Functions that the firmware maps to no
 * IOMMU have no predicted group: IC_WHY_NO_IOMMU.)
 */
static void ic_mark_stream_ids(const struct ic_model *m, struct ic_prediction *p)
{
	int64_t (*sid)[2] = ic_xcalloc(m->ndevs + 1, sizeof(*sid));
	size_t n = 0;

	for (size_t i = 0; i < m->ndevs; i++) {
		int64_t s;

		if (p->group[i] < 0 || ic_model_is_iommu(m, &m->devs[i]))
			continue;
		s = ic_stream_id(m, &m->devs[i]);
		if (s >= 0) {
			sid[n][0] = s;
			sid[n++][1] = (int64_t)i;
		}
	}
	/* which one binds first decides which keeps the StreamID: every sharer is in doubt */
	qsort(sid, n, sizeof(*sid), ic_sid_cmp);
	for (size_t k = 1; k < n; k++)
		if (sid[k][0] == sid[k - 1][0])
			p->at_bind[sid[k][1]] = p->at_bind[sid[k - 1][1]] = IC_BIND_ALIASED;
	free(sid);
}

/* On such a platform: which predicted members have no group until a driver binds, or may never. */
void ic_mark_at_bind(const struct ic_model *m, struct ic_prediction *p)
{
	p->at_bind = ic_xcalloc(m->ndevs, sizeof(*p->at_bind));
	p->groups_at_bind = ic_groups_at_bind(m);
	for (size_t i = 0; p->groups_at_bind && i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		if (p->group[i] < 0)
			continue;
		if (p->why[i] == IC_WHY_ALIAS_BRIDGE && p->via[i] >= 0 && p->via[i] != (int)i)
			p->at_bind[i] = IC_BIND_ALIASED;
		else if ((d->known & IC_KNOWN_DRIVER) && !d->driver)
			p->at_bind[i] = IC_BIND_UNBOUND;
	}
	if (p->groups_at_bind)
		ic_mark_stream_ids(m, p);
}

/* A kstrtobool() word: 1, 0, or -1 when it is neither. */
static int ic_bool_word(const char *v, size_t n)
{
	if (n == 0)
		return -1;
	if (strchr("1yYtT", v[0]) || (n >= 2 && !strncasecmp(v, "on", 2)))
		return 1;
	if (strchr("0nNfF", v[0]) || (n >= 2 && !strncasecmp(v, "of", 2)))
		return 0;
	return -1;
}

/* Is OPT among the ','-separated options of word V (of length N)? */
static bool ic_has_opt(const char *v, size_t n, const char *opt)
{
	size_t k = strlen(opt);

	for (size_t i = 0; i + k <= n; i++)
		if ((i == 0 || v[i - 1] == ',') && !strncmp(v + i, opt, k) && (i + k == n || v[i + k] == ','))
			return true;
	return false;
}

/*
 * ic_predict_domain_type() - the default domain type ("identity", "DMA", "DMA-FQ") the kernel
 * gives groups, where the command line and the units decide it (drivers/iommu/iommu.c: the last
 * of iommu=pt/nopt and iommu.passthrough= wins; iommu.strict=, intel_iommu=strict and
 * amd_iommu=fullflush make it strict; an Intel unit in Caching Mode forces strict). NULL: the
 * kernel's build default decides (CONFIG_IOMMU_DEFAULT_*), which a tree does not show. *WHY
 * says what decided. A function the kernel marks untrusted still gets DMA.
 */
const char *ic_predict_domain_type(const struct ic_model *m, const char **why)
{
	const char *cmd = m->iommu.cmdline;
	int pt = -1, strict = -1;

	*why = NULL;
	for (const char *p = cmd; p && *p;) {
		size_t w = strcspn(p, " ");

		if (w == 8 && !strncmp(p, "iommu=pt", 8))
			pt = 1;
		else if (w == 10 && !strncmp(p, "iommu=nopt", 10))
			pt = 0;
		else if (w > 18 && !strncmp(p, "iommu.passthrough=", 18))
			pt = ic_bool_word(p + 18, w - 18) >= 0 ? ic_bool_word(p + 18, w - 18) : pt;
		else if (w > 13 && !strncmp(p, "iommu.strict=", 13))
			strict = ic_bool_word(p + 13, w - 13) >= 0 ? ic_bool_word(p + 13, w - 13) : strict;
		else if (w > 12 && !strncmp(p, "intel_iommu=", 12) && ic_has_opt(p + 12, w - 12, "strict"))
			strict = 1;
		else if (w > 10 && !strncmp(p, "amd_iommu=", 10) && ic_has_opt(p + 10, w - 10, "fullflush"))
			strict = 1;
		p += w;
		p += strspn(p, " ");
	}
	if (pt == 1) {
		*why = "iommu=pt or iommu.passthrough=1 on the command line";
		return "identity";
	}
	if (m->iommu.caching_mode == 1) {
		*why = pt == 0 ? "the command line translates, and the unit's Caching Mode forces strict" :
		       "the unit's Caching Mode forces strict (unless the build defaults to passthrough)";
		return pt == 0 ? "DMA" : NULL;
	}
	if (pt == 0 && strict >= 0) {
		*why = "the command line decides both passthrough and strictness";
		return strict ? "DMA" : "DMA-FQ";
	}
	return NULL;
}

/* A PHB's PE allocator as pnv_ioda_alloc_pe() runs it: downward from the top for COUNT free. */
static int64_t ic_pe_alloc(bool *used, uint32_t total, size_t count)
{
	size_t run = 0;

	for (int64_t pe = (int64_t)total - 1; pe >= 0; pe--) {
		run = used[pe] ? 0 : run + 1;
		if (run == count) {
			for (size_t k = 0; k < count; k++)
				used[pe + (int64_t)k] = true;
			return pe;
		}
	}
	return -1;
}

/*
 * The M64 segments the memory BARs and ROMs of D use (pnv_ioda_reserve_dev_m64_pe(): the
 * kernel compares CPU addresses with the window's bus address), marked taken in USED. Returns
 * the lowest or -1.
 */
static int64_t ic_pe_m64(const struct ic_phb *phb, const struct ic_dev *d, bool *used)
{
	uint64_t sz = phb->m64_size / phb->num_pes, base = phb->m64_bus;
	int64_t low = -1;

	for (size_t k = 0; sz && k < d->nres; k++) {
		const struct ic_resource *r = &d->res[k];

		if ((r->kind != IC_RES_BAR && r->kind != IC_RES_ROM) || !(r->flags & IC_IORESOURCE_MEM) ||
		    (r->flags & IC_IORESOURCE_UNSET) || !r->start || r->start < base ||
		    r->start - base >= phb->m64_size)
			continue;
		/* the kernel's ALIGN_DOWN(start) .. ALIGN_UP(end), the inclusive end taken as is */
		for (uint64_t s = (r->start - base) / sz; s < (r->end - base + sz - 1) / sz && s < phb->num_pes; s++) {
			used[s] = true;
			if (low < 0 || (int64_t)s < low)
				low = (int64_t)s;
		}
	}
	return low;
}

static int ic_long_idx_cmp(const void *a, const void *b, void *arg)
{
	const long *key = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;

	return key[i] != key[j] ? (key[i] < key[j] ? -1 : 1) : (i > j) - (i < j);
}

/*
 * ic_pe_numbers() - the PE number of each function of M on PowerNV, as pnv_pci_init_ioda_phb()
 * and pnv_pci_configure_bus() hand them out (kernel-isolation.md 6.2): the reserved PE and the
 * root bus's beside it; each other bus, at the first function probed on it (ORDER), the lowest
 * M64 segment its functions' BARs use, else the highest free PE; VFs, when SR-IOV is enabled, a
 * block of free PEs below. KEY[i]: the bus key of i's PE (bus PE, or the PCIe-to-PCI bridge's
 * bus-and-below PE), -1 when unknown; VFs are recognised by their PF. PE[i] = -1 where a PHB
 * parameter, a bus key or a BAR is unknown anywhere on the PHB (one unknown shifts every later
 * allocation), and for VFs when several PFs of a PHB have them (the order they were enabled in
 * decides). O(n log n + PEs).
 */
/* One PHB's allocator while ic_pe_numbers() runs. */
struct ic_pe_phb {
	bool ok;			/* every function's bus key and BARs known, and the reserved PE */
	const struct ic_dev *pf;	/* the one PF with VFs; IC_PE_MANY_PFS if several */
	size_t nvf;
	bool *used;			/* per PE: allocated, or an M64 segment taken */
	int64_t root_pe;
};

#define IC_PE_MANY_PFS ((const struct ic_dev *)-1)

void ic_pe_numbers(const struct ic_model *m, const size_t *order, size_t norder, const long *key,
		   int64_t *pe)
{
	size_t *idx = ic_xcalloc(m->ndevs + 1, sizeof(*idx)), n = 0;
	int64_t *keype = ic_xcalloc(m->ndevs + 1, sizeof(*keype));
	size_t *run = ic_xcalloc(m->ndevs + 1, sizeof(*run));	/* per function: its key's first idx */
	struct ic_pe_phb *st = ic_xcalloc(m->nphbs + 1, sizeof(*st));
	long *ph = ic_xcalloc(m->ndevs + 1, sizeof(*ph));	/* per function: its PHB, or -1 */

	for (size_t i = 0; i < m->ndevs; i++) {
		pe[i] = -1;
		if (key[i] >= 0 && !m->devs[i].physfn)
			idx[n++] = i;
	}
	qsort_r(idx, n, sizeof(*idx), ic_long_idx_cmp, (void *)key);
	for (size_t a = 0; a < n; a++) {
		run[idx[a]] = a && key[idx[a]] == key[idx[a - 1]] ? run[idx[a - 1]] : a;
		keype[a] = -1;
	}
	for (size_t h = 0; h < m->nphbs; h++)
		st[h].ok = m->phbs[h].num_pes > 0 && m->phbs[h].reserved_pe >= 0;
	/* the functions are sorted by domain: look a PHB up once per domain */
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];
		const struct ic_phb *phb;
		struct ic_pe_phb *s;

		if (i && d->domain == m->devs[i - 1].domain) {
			ph[i] = ph[i - 1];
		} else {
			phb = ic_model_phb(m, d->domain);
			ph[i] = phb ? phb - m->phbs : -1;
		}
		if (ph[i] < 0)
			continue;
		s = &st[ph[i]];
		if (d->physfn) {
			if (s->pf && s->pf != d->physfn)
				s->pf = IC_PE_MANY_PFS;	/* the order they were enabled in decides */
			else if (!s->pf)
				s->pf = d->physfn;
			s->nvf++;
		} else if (key[i] < 0 || !(d->known & IC_KNOWN_RESOURCES)) {
			s->ok = false;
		}
	}
	for (size_t h = 0; h < m->nphbs; h++) {
		const struct ic_phb *phb = &m->phbs[h];
		uint32_t total = phb->num_pes;
		struct ic_pe_phb *s = &st[h];

		if (!s->ok)
			continue;
		s->used = ic_xcalloc(total, sizeof(*s->used));
		s->used[phb->reserved_pe] = true;
		if (phb->reserved_pe == 0 && total > 1)
			s->root_pe = 1;
		else if (phb->reserved_pe == (int64_t)total - 1 && total > 1)
			s->root_pe = phb->reserved_pe - 1;
		else
			s->root_pe = ic_pe_alloc(s->used, total, 1);
		if (s->root_pe >= 0)
			s->used[s->root_pe] = true;
	}
	for (size_t k = 0; k < norder; k++) {
		size_t i = order[k], a = run[i];
		const struct ic_dev *d = &m->devs[i];
		const struct ic_phb *phb;
		struct ic_pe_phb *s;
		int64_t low = -1;

		if (ph[i] < 0 || !st[ph[i]].ok || d->physfn)
			continue;
		phb = &m->phbs[ph[i]];
		s = &st[ph[i]];
		if (keype[a] < 0) {
			/* pnv_pci_configure_bus(): the first function probed on the bus */
			if (!d->parent) {
				keype[a] = s->root_pe;
			} else {
				/* its segments are taken at once: each is the PE of that number */
				for (size_t b = a; phb->m64_known && b < n && key[idx[b]] == key[i]; b++) {
					int64_t g = ic_pe_m64(phb, &m->devs[idx[b]], s->used);

					if (g >= 0 && (low < 0 || g < low))
						low = g;
				}
				keype[a] = low >= 0 ? low : ic_pe_alloc(s->used, phb->num_pes, 1);
			}
		}
		pe[i] = keype[a];
	}
	for (size_t h = 0; h < m->nphbs; h++) {
		const struct ic_dev *pf = st[h].pf;

		/* pnv_pci_sriov_enable(): one block for the VFs of the one PF that has them */
		if (st[h].ok && pf && pf != IC_PE_MANY_PFS && st[h].nvf == pf->nvirtfn) {
			int64_t base = ic_pe_alloc(st[h].used, m->phbs[h].num_pes, st[h].nvf);

			for (size_t v = 0; base >= 0 && v < pf->nvirtfn; v++)
				if (pf->virtfn[v])
					pe[pf->virtfn[v] - m->devs] = base + (int64_t)v;
		}
		free(st[h].used);
	}
	free(idx);
	free(keype);
	free(run);
	free(st);
	free(ph);
}

/*
 * The PE a PowerNV function's DMA goes through (section 6.2 of kernel-isolation.md):
 * pnv_pci_configure_bus() gives each non-root bus a PE, and a bus whose bridge is a
 * PCIe-to-PCI bridge one for it and everything below (BUS_ALL); the root bus has the root PE;
 * a VF a PE of its own. Returns the key of the bus that roots the PE (domain << 8 | the bus
 * below the topmost PCIe-to-PCI bridge above D, else D's own bus), or -1 when a bridge's type
 * on the way is unknown.
 */
static long ic_pe_key(const struct ic_dev *d)
{
	const struct ic_dev *top = NULL;
	unsigned int bus = d->bus;

	for (const struct ic_dev *b = d->parent; b; b = b->parent) {
		if (!(b->known & IC_KNOWN_PCIE))
			return -1;
		if (b->pcie_type == IC_PCIE_PCI_BRIDGE)
			top = b;
	}
	if (top)
		bus = top->secondary_bus;
	return (long)(d->domain << 8 | bus);
}

/*
 * PowerNV: the groups are the PEs that hold a function other than a bridge, numbered as the
 * kernel creates them (the first such function's DMA set-up, in probe order; VFs last).
 * Bridges have PEs but no group. Where the PHB's PE numbers are predicted, functions of one PE
 * number are one PE even from two buses (an M64 segment two buses use); else the bus decides.
 * ORDER: the probe order. O(n log n).
 */
void ic_predict_pe(const struct ic_model *m, const size_t *order, size_t norder,
		   struct ic_prediction *p)
{
	long *key = ic_xcalloc(m->ndevs + 1, sizeof(*key)), *part = ic_xcalloc(m->ndevs + 1, sizeof(*part));
	size_t *pos = ic_xcalloc(m->ndevs + 1, sizeof(*pos)), *idx = ic_xcalloc(m->ndevs + 1, sizeof(*idx));
	size_t n = 0;

	p->pe = ic_xcalloc(m->ndevs + 1, sizeof(*p->pe));
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		key[i] = d->known & IC_KNOWN_HEADER ? ic_pe_key(d) : -1;
	}
	for (size_t k = 0; k < norder; k++)
		pos[order[k]] = k;
	ic_pe_numbers(m, order, norder, key, p->pe);
	for (size_t k = 0; k < norder; k++) {
		size_t i = order[k];
		const struct ic_dev *d = &m->devs[i];

		if (!(d->known & IC_KNOWN_HEADER) || key[i] < 0) {
			p->why[i] = IC_WHY_UNKNOWN;
			continue;
		}
		if (d->header_type != 0) {
			p->why[i] = IC_WHY_PE_BRIDGE;
			continue;
		}
		if (p->pe[i] >= 0)	/* by PE number: 0x10000 PEs at most, above any bus key */
			part[i] = (long)d->domain << 24 | 1l << 23 | (long)p->pe[i];
		else
			part[i] = d->physfn ? -2 - (long)i : (long)d->domain << 24 | (key[i] & 0xff);
		idx[n++] = i;
	}
	/* the functions of one PE together, each PE led by its first function in probe order */
	qsort_r(idx, n, sizeof(*idx), ic_long_idx_cmp, part);
	for (size_t a = 0, b; a < n; a = b) {
		size_t lead = idx[a];

		for (b = a; b < n && part[idx[b]] == part[idx[a]]; b++)
			if (pos[idx[b]] < pos[lead])
				lead = idx[b];
		for (size_t k = a; k < b; k++) {
			size_t i = idx[k];

			p->group[i] = (int)lead;	/* renumbered below */
			p->why[i] = i == lead ? IC_WHY_ISOLATED : IC_WHY_SAME_PE;
			p->via[i] = i == lead ? -1 : (int)lead;
		}
	}
	/* number the groups in the order their first functions are probed */
	{
		int *num = ic_xcalloc(m->ndevs + 1, sizeof(*num));

		for (size_t i = 0; i < m->ndevs; i++)
			num[i] = -1;
		for (size_t k = 0; k < norder; k++) {
			size_t i = order[k];

			if (p->group[i] >= 0 && (size_t)p->group[i] == i)
				num[i] = (int)p->ngroups++;
		}
		for (size_t i = 0; i < m->ndevs; i++)
			if (p->group[i] >= 0)
				p->group[i] = num[p->group[i]];
		free(num);
	}
	free(key);
	free(part);
	free(pos);
	free(idx);
}
