/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-predict.c - predict IOMMU groups as pci_device_group() forms them, from the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "ic.h"
#include "predict.h"

#define IC_ACS_EC 0x0020	/* egress control: never masked out of the request */

/* pci=config_acs=: the first entry that matches D forces its bits (__pci_config_acs()). */
static uint16_t ic_config_acs_apply(const struct ic_acs_ctx *c, const struct ic_dev *d, uint16_t ctrl)
{
	for (size_t i = 0; c->whatif && i < c->whatif->nconfig; i++) {
		const struct ic_config_acs *ca = &c->whatif->config[i];

		if (ic_select_dev(&ca->sel, d))
			return (uint16_t)((ctrl & ~ca->mask) | (ca->value & ca->mask));
	}
	return ctrl;
}

/* (ctrl & req) == req after the kernel's masking: flags the device lacks count as on. */
static enum ic_tri ic_acs_req_ok(uint32_t cap, uint32_t ctrl, uint16_t req)
{
	req &= (uint16_t)(cap | IC_ACS_EC);
	return (ctrl & req) == req ? IC_TRI_YES : IC_TRI_NO;
}

/* The same, after the enable step of a device-specific quirk, if it is still to come. */
static enum ic_tri ic_acs_ctrl_ok(const struct ic_acs_ctx *c, uint32_t cap, uint32_t ctrl,
				  uint16_t req)
{
	if (c->assume_enable)
		ctrl |= cap & IC_ACS_REQ_FLAGS;
	return ic_acs_req_ok(cap, ctrl, req);
}

/*
 * ic_acs_std_state() - D's standard ACS capability and control as the kernel leaves them:
 * pci_std_enable_acs() when the IOMMU is not on yet, then pci=config_acs= (__pci_config_acs()
 * runs after the enable step). *forced: a --config-acs entry changed the control.
 * Return: false if D has no ACS capability that can be read.
 */
bool ic_acs_std_state(const struct ic_acs_ctx *c, const struct ic_dev *d, uint16_t *cap,
		      uint16_t *ctrl, bool *forced)
{
	uint16_t enabled;

	if (!(d->cfg.known & IC_CFG_ACS))
		return false;
	*cap = d->cfg.acs_cap;
	enabled = d->cfg.acs_ctrl;
	/* a function the boot's pci=...acs... options name keeps what they set (unmasked bits
	 * revert to the firmware's), so the enable step does not reach it */
	if (c->assume_enable && !ic_boot_acs_names(c->boot, d))
		enabled |= *cap & IC_ACS_REQ_FLAGS;
	*ctrl = ic_config_acs_apply(c, d, enabled);
	*forced = *ctrl != enabled;
	return true;
}

/*
 * ic_acs_flags_enabled() - pci_acs_flags_enabled(): are the requested ACS controls on?
 * Flags the device does not implement count as enabled (req &= cap | EC).
 */
enum ic_tri ic_acs_flags_enabled(const struct ic_acs_ctx *c, const struct ic_dev *d, uint16_t req)
{
	uint16_t cap, ctrl;
	bool forced;

	if (!(d->known & IC_KNOWN_ECAPS))
		return IC_TRI_UNKNOWN;
	if (!ic_dev_find_cap(d, PCI_EXT_CAP_ID_ACS, true))
		return IC_TRI_NO;
	if (!ic_acs_std_state(c, d, &cap, &ctrl, &forced))
		return IC_TRI_UNKNOWN;	/* the capability is cut by the end of config space */
	return ic_acs_req_ok(cap, ctrl, req);
}

/*
 * One quirk function's answer for REQ_ACS_FLAGS (drivers/pci/quirks.c, Linux 6.12); sets
 * *decided when it answers, as the kernel's functions do when they return >= 0.
 */
static enum ic_tri ic_quirk_rule(const struct ic_acs_ctx *c, const struct ic_dev *d,
				 const struct ic_acs_quirk *qk, bool *decided, bool *uncertain)
{
	const struct ic_quirks *q = c->quirks;
	bool pcie = d->known & IC_KNOWN_PCIE;
	bool rp = pcie && d->pcie_type == IC_PCIE_ROOT_PORT;

	*decided = true;
	switch (qk->rule) {
	case IC_RULE_MF_ENDPOINT:
	case IC_RULE_UNCOND:
		return IC_TRI_YES;
	case IC_RULE_AMD_SB_IVRS:
		if (!ic_dev_is_multifunction(d) || d->parent || d->physfn_bdf)
			break;
		if (!c->m->iommu.acpi_known)
			return IC_TRI_UNKNOWN;
		if (c->m->iommu.ivrs)
			return IC_TRI_YES;
		break;
	case IC_RULE_RCIEP_ONLY:
		if (!pcie)
			return IC_TRI_UNKNOWN;
		if (d->pcie_type == IC_PCIE_RC_END)
			return IC_TRI_YES;
		break;
	case IC_RULE_INTEL_PCH_FLAG:
		if (!pcie)
			return IC_TRI_UNKNOWN;
		if (rp && ic_quirks_in_set(q, "INTEL_PCH_IDS", d->vendor, d->device)) {
			/* isolated only if the boot-time enable found RCBA: usually, not always */
			*uncertain = true;
			return IC_TRI_YES;
		}
		break;
	case IC_RULE_INTEL_SPT_DWORD_CTRL:
		if (!pcie)
			return IC_TRI_UNKNOWN;
		if (!rp || !ic_quirks_in_set(q, "INTEL_SPT_RANGES", d->vendor, d->device))
			break;
		if (!(d->known & IC_KNOWN_ECAPS))
			return IC_TRI_UNKNOWN;
		if (!ic_dev_find_cap(d, PCI_EXT_CAP_ID_ACS, true))
			break;
		if (!(d->cfg.known & IC_CFG_ACS_DWORDS))
			return IC_TRI_UNKNOWN;
		/* erratum: capability and control are dwords, control at +8 */
		return ic_acs_ctrl_ok(c, d->cfg.acs_cap_dw, d->cfg.acs_ctrl_dw, IC_ACS_REQ_FLAGS);
	case IC_RULE_CAVIUM_RP_RANGES:
		if (!pcie)
			return IC_TRI_UNKNOWN;
		if (rp && ic_quirks_in_set(q, "CAVIUM_RP", d->vendor, d->device))
			return IC_TRI_YES;
		break;
	case IC_RULE_ROOT_PORT_ONLY:
		if (!pcie)
			return IC_TRI_UNKNOWN;
		if (rp)
			return IC_TRI_YES;
		break;
	case IC_RULE_ZHAOXIN_PORTS:
		if (!pcie)
			return IC_TRI_UNKNOWN;
		if (rp || d->pcie_type == IC_PCIE_DOWNSTREAM)
			return ic_quirks_in_set(q, "ZHAOXIN_PORTS", d->vendor, d->device) ? IC_TRI_YES
											 : IC_TRI_NO;
		break;
	case IC_RULE_WANGXUN_NICS:
		return ic_quirks_in_set(q, "WANGXUN_NICS", d->vendor, d->device) ? IC_TRI_YES : IC_TRI_NO;
	}
	*decided = false;
	return IC_TRI_NO;
}

/* The kernel's multifunction flag: the header bit, forced on for functions above 0, off for VFs. */
bool ic_dev_is_multifunction(const struct ic_dev *d)
{
	if (d->physfn_bdf)
		return false;
	return d->multifunction || d->func > 0;
}

/*
 * pcie_acs_overrides() of the out-of-tree patch, consulted after the kernel's own quirks:
 * never for conventional functions or functions with an ACS capability; isolated if the ID is
 * listed, or a root/downstream port with "downstream", or a multifunction endpoint, upstream
 * port or RCiEP with "multifunction". IC_TRI_NO means no decision.
 */
static enum ic_tri ic_acs_override(const struct ic_whatif *w, const struct ic_dev *d)
{
	uint32_t id = (uint32_t)d->vendor << 16 | d->device;
	bool match = false;

	if (!(d->known & IC_KNOWN_PCIE) || !(d->known & IC_KNOWN_IDENT) || d->pcie_type == IC_PCIE_NONE)
		return IC_TRI_NO;
	for (size_t i = 0; i < w->noverride_ids && !match; i++)
		match = w->override_ids[i] == id;
	match |= w->override_downstream &&
		 (d->pcie_type == IC_PCIE_ROOT_PORT || d->pcie_type == IC_PCIE_DOWNSTREAM);
	match |= w->override_multifunction && ic_dev_is_multifunction(d) &&
		 (d->pcie_type == IC_PCIE_ENDPOINT || d->pcie_type == IC_PCIE_UPSTREAM ||
		  d->pcie_type == IC_PCIE_LEG_END || d->pcie_type == IC_PCIE_RC_END);
	if (!match)
		return IC_TRI_NO;
	if (!(d->known & IC_KNOWN_ECAPS))
		return IC_TRI_UNKNOWN;
	return ic_dev_find_cap(d, PCI_EXT_CAP_ID_ACS, true) ? IC_TRI_NO : IC_TRI_YES;
}

/*
 * ic_acs_enabled() - pci_acs_enabled(dev, REQ_ACS_FLAGS): first the device quirks (@hit says
 * which one decided, if any); then conventional PCI and PCIe-to-PCI bridges never isolate; root and downstream ports isolate by their ACS
 * controls; single-function endpoints and upstream ports always pass, multifunction ones by
 * their ACS controls.
 */
enum ic_tri ic_acs_enabled(const struct ic_acs_ctx *c, const struct ic_dev *d,
			   struct ic_quirk_hit *hit)
{
	if (hit)
		*hit = (struct ic_quirk_hit){ 0 };
	/* pci_dev_specific_acs_enabled(): the quirk table first, in order; first answer wins */
	for (size_t i = 0; c->quirks && i < c->quirks->nacs; i++) {
		const struct ic_acs_quirk *qk = &c->quirks->acs[i];
		bool decided, uncertain = false;
		enum ic_tri t;

		if (!(d->known & IC_KNOWN_IDENT))
			return IC_TRI_UNKNOWN;
		if (qk->vendor != d->vendor || (qk->device >= 0 && qk->device != d->device))
			continue;
		t = ic_quirk_rule(c, d, qk, &decided, &uncertain);
		if (!decided)
			continue;
		/* a quirk whose condition cannot be read is not claimed (without root: the type) */
		if (hit && t != IC_TRI_UNKNOWN)
			*hit = (struct ic_quirk_hit){ .quirk = qk, .uncertain = uncertain };
		return t;
	}
	if (c->whatif && ic_whatif_is_set(c->whatif)) {
		enum ic_tri t = ic_acs_override(c->whatif, d);

		if (t != IC_TRI_NO)	/* NO here means "no decision" */
			return t;
	}
	if (!(d->known & IC_KNOWN_PCIE))
		return IC_TRI_UNKNOWN;
	switch (d->pcie_type) {
	case IC_PCIE_NONE:
	case IC_PCIE_PCI_BRIDGE:
	case IC_PCIE_PCIE_BRIDGE:
	case IC_PCIE_RC_EC:
		return IC_TRI_NO;
	case IC_PCIE_ROOT_PORT:
	case IC_PCIE_DOWNSTREAM:
		return ic_acs_flags_enabled(c, d, IC_ACS_REQ_FLAGS);
	case IC_PCIE_ENDPOINT:
	case IC_PCIE_LEG_END:
	case IC_PCIE_UPSTREAM:
	case IC_PCIE_RC_END:
		if (ic_dev_is_multifunction(d))
			return ic_acs_flags_enabled(c, d, IC_ACS_REQ_FLAGS);
		/* lspci's text: a lone function 0 passes either way only if its controls are on */
		if (!(d->known & IC_KNOWN_MULTIFN) && !d->physfn_bdf)
			return ic_acs_flags_enabled(c, d, IC_ACS_REQ_FLAGS) == IC_TRI_YES ? IC_TRI_YES
											  : IC_TRI_UNKNOWN;
		break;
	}
	return IC_TRI_YES;
}

/*
 * The nearest bridge above D that takes over D's requester ID (pci_for_each_dma_alias()):
 * a PCIe-to-PCI bridge, a PCI-to-PCIe bridge, or a conventional PCI bridge. PCIe ports pass
 * IDs through; a translating root (ThunderX2) ends the walk. Sets *unknown to the bridge
 * whose type cannot be read, if any.
 */
static const struct ic_dev *ic_alias_bridge(const struct ic_model *m, const struct ic_prediction *p,
					   const struct ic_dev *d, const struct ic_dev **unknown)
{
	for (const struct ic_dev *b = d->parent; b; b = b->parent) {
		const struct ic_alias_quirk *a = p->alias[b - m->devs];

		/* ThunderX2: the IOMMU sits below this bridge; nothing above it aliases */
		if (a && a->rule == IC_ALIAS_XLATE_ROOT)
			return NULL;
		if (!(b->known & IC_KNOWN_PCIE)) {
			*unknown = b;
			return NULL;
		}
		switch (b->pcie_type) {
		case IC_PCIE_ROOT_PORT:
		case IC_PCIE_UPSTREAM:
		case IC_PCIE_DOWNSTREAM:
			continue;
		case IC_PCIE_PCI_BRIDGE:
		case IC_PCIE_PCIE_BRIDGE:
		case IC_PCIE_NONE:
			return b;
		}
	}
	return NULL;
}

struct ic_pctx {
	struct ic_acs_ctx acs;
	const struct ic_model *m;
	struct ic_prediction *p;
	size_t *order;		/* probe order: indices into m->devs */
	size_t norder;
	size_t *kids;		/* children of each function, bucketed by parent */
	size_t *kids_start;	/* per function: first child in kids[], and one past the last */
	bool *done;		/* per function: its group is decided (it was probed) */
	bool at_bind;		/* the firmware's ID mappings decide which functions an IOMMU takes */
};

static size_t ic_idx(const struct ic_model *m, const struct ic_dev *d)
{
	return (size_t)(d - m->devs);
}

/*
 * Probe order, which decides the kernel's group numbers (the lowest free number at creation):
 * root bus by root bus, pci_bus_add_devices() adds a bus's own functions, then each bridge's
 * bus in turn; VFs are added later, when their PF's driver enables them, PF by PF.
 */
static void ic_order_bus(struct ic_pctx *c, const size_t *funcs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		c->order[c->norder++] = funcs[i];
	for (size_t i = 0; i < n; i++) {
		size_t b = funcs[i];

		if (c->kids_start[b + 1] > c->kids_start[b])
			ic_order_bus(c, c->kids + c->kids_start[b], c->kids_start[b + 1] - c->kids_start[b]);
	}
}

/*
 * The instance number of a root-bus function's host bridge ACPI node ("PNP0A08:01" is 1) and
 * the node's ID without it, or -1 if there is none.
 */
static long ic_host_instance(const struct ic_dev *d, size_t *idlen)
{
	const char *colon = d->host_fw ? strrchr(d->host_fw, ':') : NULL;
	char *end;
	long v;

	if (!colon || !colon[1])
		return -1;
	v = strtol(colon + 1, &end, 10);
	if (*end || v < 0)
		return -1;
	*idlen = (size_t)(colon - d->host_fw);
	return v;
}

static int ic_root_cmp(const void *a, const void *b, void *arg)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const long *keys = arg;

	if (keys[i] != keys[j])
		return keys[i] < keys[j] ? -1 : 1;
	return i < j ? -1 : i > j;	/* the model's order: domain, bus, slot, function */
}

/*
 * Root buses in the order the kernel adds them (acpi_pci_root_add() as the ACPI namespace is
 * walked): the instance numbers of their host bridges' ACPI nodes, when every root bus has one
 * of the same ID; otherwise domain and bus number, which is the usual firmware order.
 */
static bool ic_sort_roots(const struct ic_model *m, size_t *roots, size_t nroots)
{
	long *keys = ic_xcalloc(m->ndevs, sizeof(*keys));
	const char *id = NULL;
	size_t idlen = 0, len = 0, nbuses = 0;
	bool acpi = nroots > 0;

	for (size_t i = 0; i < nroots; i++) {
		const struct ic_dev *d = &m->devs[roots[i]], *prev = i ? &m->devs[roots[i - 1]] : NULL;

		nbuses += !prev || prev->domain != d->domain || prev->bus != d->bus;
	}

	for (size_t i = 0; i < nroots && acpi; i++) {
		const struct ic_dev *d = &m->devs[roots[i]];

		keys[roots[i]] = ic_host_instance(d, &len);
		if (keys[roots[i]] < 0 || (id && (len != idlen || strncmp(id, d->host_fw, len))))
			acpi = false;
		id = d->host_fw;
		idlen = len;
	}
	if (acpi)
		qsort_r(roots, nroots, sizeof(*roots), ic_root_cmp, keys);
	free(keys);
	return !acpi && nbuses > 1;	/* several root buses in a guessed order */
}

static void ic_probe_order(struct ic_pctx *c)
{
	const struct ic_model *m = c->m;
	size_t n = m->ndevs, nroots = 0, *roots = ic_xcalloc(n, sizeof(*roots));
	size_t *fill;

	/* bucket the functions (VFs aside) by parent; index n holds those on a root bus */
	c->kids_start = ic_xcalloc(n + 2, sizeof(*c->kids_start));
	c->kids = ic_xcalloc(n, sizeof(*c->kids));
	for (size_t i = 0; i < n; i++)
		if (!m->devs[i].physfn_bdf && m->devs[i].parent)
			c->kids_start[ic_idx(m, m->devs[i].parent) + 1]++;
	for (size_t i = 0; i < n; i++)
		c->kids_start[i + 1] += c->kids_start[i];
	c->kids_start[n + 1] = c->kids_start[n];
	fill = ic_xcalloc(n + 1, sizeof(*fill));
	memcpy(fill, c->kids_start, (n + 1) * sizeof(*fill));
	for (size_t i = 0; i < n; i++) {
		const struct ic_dev *d = &m->devs[i];

		if (d->physfn_bdf)
			continue;
		if (d->parent)
			c->kids[fill[ic_idx(m, d->parent)]++] = i;
		else
			roots[nroots++] = i;
	}
	free(fill);
	/* where firmware is a device tree (PowerNV, arm64 without ACPI) the kernel adds the host
	 * bridges in the order it numbers their domains: no ACPI order to guess */
	c->p->order_guessed = ic_sort_roots(m, roots, nroots) && !m->iommu.dt_iommu_map && !ic_groups_by_pe(m);
	c->order = ic_xcalloc(n, sizeof(*c->order));
	/* each root bus with everything below it, then the next (acpi_pci_root_add() order) */
	for (size_t i = 0, j; i < nroots; i = j) {
		const struct ic_dev *r = &m->devs[roots[i]];

		for (j = i; j < nroots && m->devs[roots[j]].domain == r->domain &&
			    m->devs[roots[j]].bus == r->bus; j++)
			;
		ic_order_bus(c, roots + i, j - i);
	}
	for (size_t i = 0, pfs = c->norder; i < pfs; i++) {
		const struct ic_dev *pf = &m->devs[c->order[i]];

		for (size_t v = 0; v < pf->nvirtfn; v++)
			if (pf->virtfn[v])
				c->order[c->norder++] = ic_idx(m, pf->virtfn[v]);
	}
	/* VFs whose PF is missing still get a place, last */
	for (size_t i = 0; i < n; i++)
		if (m->devs[i].physfn_bdf && !m->devs[i].physfn)
			c->order[c->norder++] = i;
	free(roots);
}

static bool ic_same_slot(const struct ic_dev *a, const struct ic_dev *b)
{
	return a->domain == b->domain && a->bus == b->bus && a->slot == b->slot;
}

static void ic_join(struct ic_prediction *p, size_t d, size_t to, enum ic_why why)
{
	p->group[d] = p->group[to];
	p->why[d] = p->group[to] < 0 ? IC_WHY_UNKNOWN : why;
	p->via[d] = (int)to;
	if (p->group[to] < 0)
		p->blame[d] = p->blame[to] >= 0 ? p->blame[to] : (int)to;
}

/*
 * pci_acs_path_enabled(bridge, NULL): the bridge and every bridge above it to the root bus,
 * from the ACS decisions the prediction made once per function.
 */
static enum ic_tri ic_path_acs(const struct ic_model *m, const struct ic_prediction *p,
			       const struct ic_dev *b, const struct ic_dev **unknown)
{
	enum ic_tri worst = IC_TRI_YES;

	for (; b; b = b->parent) {
		enum ic_tri t = p->acs[b - m->devs];

		if (t == IC_TRI_NO)
			return IC_TRI_NO;
		if (t == IC_TRI_UNKNOWN && worst != IC_TRI_UNKNOWN) {
			worst = IC_TRI_UNKNOWN;
			*unknown = b;
		}
	}
	return worst;
}

/* Joins function I to an earlier function of its bus that one of them has a DMA alias to. */
static bool ic_alias_join(struct ic_pctx *c, size_t i)
{
	const struct ic_model *m = c->m;
	const struct ic_dev *d = &m->devs[i];
	const struct ic_alias_quirk *ad = c->p->alias[i];
	size_t first = i;

	while (first > 0 && m->devs[first - 1].domain == d->domain && m->devs[first - 1].bus == d->bus)
		first--;
	for (size_t j = first; j < m->ndevs && m->devs[j].domain == d->domain &&
			       m->devs[j].bus == d->bus; j++) {
		const struct ic_dev *t = &m->devs[j];
		const struct ic_alias_quirk *at = c->p->alias[j];
		unsigned int dfn = (unsigned int)(d->slot << 3 | d->func);
		unsigned int tfn = (unsigned int)(t->slot << 3 | t->func);

		int id = c->p->ivrs_alias[i], it = c->p->ivrs_alias[j];

		if (j == i || !c->done[j] || (!ad && !at && id < 0 && it < 0))
			continue;
		if ((ad && ic_alias_has(ad, d, tfn)) || (at && ic_alias_has(at, t, dfn))) {
			ic_join(c->p, i, j, IC_WHY_DMA_ALIAS);
			return true;
		}
		/* setup_aliases(): the AMD driver adds same-bus IVRS aliases as DMA aliases */
		if (id == (int)tfn || it == (int)dfn) {
			ic_join(c->p, i, j, IC_WHY_IVRS_ALIAS);
			return true;
		}
	}
	return false;
}

/* The devfn of D's IVRS alias when it is on D's bus (only those count), else -1. */
static int ic_ivrs_devfn(const struct ic_model *m, const struct ic_dev *d)
{
	const struct ic_ivrs_alias *a = ic_ivrs_alias_of(&m->iommu.ivrs_table,
							 IC_ACPI_SBDF(d->domain, d->bus, d->slot << 3 | d->func));

	if (!a || a->to >> 8 != IC_ACPI_SBDF(d->domain, d->bus, 0) >> 8)
		return -1;
	return (int)(a->to & 0xff);
}

/* The group of the function at index I; every function before it in probe order has one. */
static void ic_predict_one(struct ic_pctx *c, size_t i)
{
	const struct ic_model *m = c->m;
	struct ic_prediction *p = c->p;
	const struct ic_dev *d = &m->devs[i], *alias, *up = d->parent, *unknown = NULL;
	enum ic_tri t;

	/* 0. an AMD IOMMU does not translate its own function */
	if (ic_model_is_iommu(m, d)) {
		p->why[i] = IC_WHY_IOMMU_ITSELF;
		return;
	}
	/* 0b. the firmware maps its requester ID to no IOMMU (iort_iommu_configure_id(),
	 * viot_dev_iommu_init(), of_pci_iommu_init() find none): never a group */
	if (c->at_bind && ic_stream_id(m, d) == IC_ID_NONE) {
		p->why[i] = IC_WHY_NO_IOMMU;
		return;
	}
	/* 0c. lspci -v text: it may be a VF of a PF whose SR-IOV layout is not printed */
	if (d->text & (IC_TEXT_MAYBE_VF | IC_TEXT_PLATFORM))
		goto unknown;
	/* 1. DMA as another function: a VMD endpoint, or a bridge above taking over the ID */
	if (d->dma_dev) {
		ic_join(p, i, ic_idx(m, d->dma_dev), IC_WHY_VMD);
		return;
	}
	alias = ic_alias_bridge(m, p, d, &unknown);
	if (unknown)
		goto unknown;
	if (alias) {
		ic_join(p, i, ic_idx(m, alias), IC_WHY_ALIAS_BRIDGE);
		return;
	}
	/* 2. the bridge above must have ACS on its whole path to the root, or D joins it */
	if (up) {
		t = ic_path_acs(m, p, up, &unknown);
		if (t == IC_TRI_UNKNOWN)
			goto unknown;
		if (t == IC_TRI_NO) {
			ic_join(p, i, ic_idx(m, up), IC_WHY_UPSTREAM_NO_ACS);
			return;
		}
	}
	/* 3. a DMA-alias quirk on either side ties D to a function of its bus probed before it */
	if (ic_alias_join(c, i))
		return;
	/* whether function 0 is multifunction is in its header: unread, the answer is unknown */
	if (!(d->known & IC_KNOWN_HEADER) && d->func == 0 && !d->physfn_bdf)
		goto unknown;
	/*
	 * 4. functions of one slot that both lack ACS share a group (with ARI too: slot =
	 * devfn >> 3). The siblings probed before D are those with lower addresses.
	 */
	if (ic_dev_is_multifunction(d)) {
		size_t first = i;

		t = p->acs[i];
		if (t == IC_TRI_UNKNOWN)
			goto unknown;
		while (first > 0 && ic_same_slot(&m->devs[first - 1], d))
			first--;
		for (size_t j = first; t == IC_TRI_NO && j < i; j++) {
			enum ic_tri ts;

			if (m->devs[j].physfn_bdf)
				continue;
			ts = p->acs[j];
			if (ts == IC_TRI_YES)
				continue;
			if (ts == IC_TRI_UNKNOWN) {
				unknown = &m->devs[j];
				goto unknown;
			}
			if (p->group[j] < 0) {
				unknown = &m->devs[p->blame[j] >= 0 ? (size_t)p->blame[j] : j];
				goto unknown;
			}
			ic_join(p, i, j, IC_WHY_FUNCTION_NO_ACS);
			return;
		}
	}
	p->group[i] = (int)p->ngroups++;
	p->why[i] = IC_WHY_ISOLATED;
	return;
unknown:
	p->group[i] = -1;
	p->why[i] = IC_WHY_UNKNOWN;
	p->blame[i] = unknown ? (int)ic_idx(m, unknown) : (int)i;
}

/*
 * A function whose group is unknown could be in the group of a bridge above it (an upstream
 * port without ACS, an alias bridge), of a function of its slot, of a function of its bus it
 * may have a DMA alias to, or of its VMD endpoint. Those groups, every member of them, are
 * uncertain: shown more of the machine, they may grow. O(n) with the marks below.
 */
static void ic_propagate_doubt(const struct ic_model *m, struct ic_prediction *p)
{
	int *gdoubt = ic_xcalloc(p->ngroups + 1, sizeof(*gdoubt));	/* per group: unknown + 1 */
	int *mark = ic_xcalloc(m->ndevs, sizeof(*mark));		/* per function: unknown + 1 */

	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		if (p->why[i] != IC_WHY_UNKNOWN)
			continue;
		/* every bridge above: a walk stops where an earlier one marked the rest */
		for (const struct ic_dev *b = d->parent; b && !mark[ic_idx(m, b)]; b = b->parent)
			mark[ic_idx(m, b)] = (int)i + 1;
		if (d->dma_dev && !mark[ic_idx(m, d->dma_dev)])
			mark[ic_idx(m, d->dma_dev)] = (int)i + 1;
	}
	/* bus by bus (functions are sorted): the slot of an unknown function; the functions with
	 * an alias of their own; everything if an unknown function's alias quirks are unknown */
	for (size_t first = 0, last; first < m->ndevs; first = last) {
		const struct ic_dev *d = &m->devs[first];
		int any = 0, all = 0;

		for (last = first; last < m->ndevs && m->devs[last].domain == d->domain &&
				   m->devs[last].bus == d->bus; last++)
			if (p->why[last] == IC_WHY_UNKNOWN) {
				any = any ? any : (int)last + 1;
				if (!(m->devs[last].known & IC_KNOWN_IDENT))
					all = all ? all : (int)last + 1;
			}
		if (!any)
			continue;
		for (size_t s = first, e; s < last; s = e) {
			int slot = 0;

			for (e = s; e < last && ic_same_slot(&m->devs[e], &m->devs[s]); e++)
				if (p->why[e] == IC_WHY_UNKNOWN && !m->devs[e].physfn_bdf)
					slot = slot ? slot : (int)e + 1;
			for (size_t j = s; j < e; j++) {
				if (mark[j])
					continue;
				if (all)
					mark[j] = all;
				else if (slot && !m->devs[j].physfn_bdf)
					mark[j] = slot;
				else if (p->alias[j] || p->ivrs_alias[j] >= 0)
					mark[j] = any;
			}
		}
	}
	for (size_t i = 0; i < m->ndevs; i++)
		if (mark[i] && p->group[i] >= 0 && !gdoubt[p->group[i]])
			gdoubt[p->group[i]] = mark[i];
	for (size_t i = 0; i < m->ndevs; i++)
		p->doubt[i] = p->group[i] >= 0 ? gdoubt[p->group[i]] - 1 : -1;
	free(gdoubt);
	free(mark);
}

/*
 * A dump shows no boot command line: an ACS decision that rests on the kernel's enable step
 * (the controls as read lack what it sets, and pci=disable_acs_redir= or config_acs= could keep
 * them so) is uncertain, and so is every function below such a port. O(n * depth).
 */
static void ic_dump_enable_doubt(const struct ic_model *m, struct ic_prediction *p)
{
	int *rests = ic_xcalloc(m->ndevs, sizeof(*rests));	/* index + 1 of the port */

	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];
		uint16_t want = IC_ACS_REQ_FLAGS & (d->cfg.acs_cap | IC_ACS_EC);
		bool port = (d->known & IC_KNOWN_PCIE) && (d->pcie_type == IC_PCIE_ROOT_PORT ||
							     d->pcie_type == IC_PCIE_DOWNSTREAM);

		if (p->acs[i] == IC_TRI_YES && (d->cfg.known & IC_CFG_ACS) && !p->quirk[i] &&
		    (port || ic_dev_is_multifunction(d)) && (d->cfg.acs_ctrl & want) != want)
			rests[i] = (int)i + 1;
	}
	/* a multifunction function's doubt is its whole slot's */
	for (size_t s = 0, e; s < m->ndevs; s = e) {
		int any = 0;

		for (e = s; e < m->ndevs && ic_same_slot(&m->devs[e], &m->devs[s]); e++)
			if (rests[e] && ic_dev_is_multifunction(&m->devs[e]))
				any = any ? any : rests[e];
		for (size_t j = s; any && j < e; j++)
			rests[j] = rests[j] ? rests[j] : any;
	}
	p->enable_doubt = ic_xcalloc(m->ndevs, sizeof(*p->enable_doubt));
	for (size_t i = 0; i < m->ndevs; i++) {
		p->enable_doubt[i] = -1;
		for (const struct ic_dev *b = &m->devs[i]; b && p->enable_doubt[i] < 0; b = b->parent)
			p->enable_doubt[i] = rests[b - m->devs] - 1;
		p->uncertain[i] |= p->enable_doubt[i] >= 0;
	}
	free(rests);
}

/* A function in a predicted group that no unread input could change. */
bool ic_predict_is_certain(const struct ic_prediction *p, size_t i)
{
	return p->group[i] >= 0 && !p->uncertain[i] && p->doubt[i] < 0 && !(p->at_bind && p->at_bind[i]);
}

/*
 * ic_predict_groups() - the groups the kernel would form, numbered as the kernel numbers them
 * when it probes the functions in bus order, with the device-specific ACS quirks of QUIRKS
 * and DMA-alias quirks (Switchtec's, read from device memory at run time, are marked
 * uncertain). On a tree without groups (IOMMU off) the ACS
 * controls are taken as the kernel will set them once an IOMMU requests ACS.
 * O(n log n) in the number of functions.
 */
void ic_predict_groups(const struct ic_model *m, const struct ic_quirks *quirks,
		       struct ic_prediction *p)
{
	ic_predict_whatif(m, quirks, NULL, p);
}

/*
 * ic_predict_whatif() - the groups under the what-if settings W (NULL: none); functions that
 * are isolated only through pcie_acs_override are marked overridden.
 */
void ic_predict_whatif(const struct ic_model *m, const struct ic_quirks *quirks,
		       const struct ic_whatif *w, struct ic_prediction *p)
{
	struct ic_boot_acs boot;
	struct ic_pctx c = {
		.acs = { .m = m, .quirks = quirks, .assume_enable = ic_acs_enable_to_come(m), .whatif = w,
			 .boot = &boot },
		.m = m, .p = p, .at_bind = ic_groups_at_bind(m),
	};

	memset(p, 0, sizeof(*p));
	ic_boot_acs_parse(m, &boot);
	p->acs_boot = ic_xcalloc(m->ndevs, sizeof(*p->acs_boot));
	p->boot_unresolved = boot.nunresolved;
	p->ndevs = m->ndevs;
	p->group = ic_xcalloc(m->ndevs, sizeof(*p->group));
	p->quirk = ic_xcalloc(m->ndevs, sizeof(*p->quirk));
	p->uncertain = ic_xcalloc(m->ndevs, sizeof(*p->uncertain));
	p->acs = ic_xcalloc(m->ndevs, sizeof(*p->acs));
	p->alias = ic_xcalloc(m->ndevs, sizeof(*p->alias));
	p->overridden = ic_xcalloc(m->ndevs, sizeof(*p->overridden));
	p->ivrs_alias = ic_xcalloc(m->ndevs, sizeof(*p->ivrs_alias));
	p->acs_cap = ic_xcalloc(m->ndevs, sizeof(*p->acs_cap));
	p->acs_ctrl = ic_xcalloc(m->ndevs, sizeof(*p->acs_ctrl));
	p->acs_forced = ic_xcalloc(m->ndevs, sizeof(*p->acs_forced));
	p->acs_readable = ic_xcalloc(m->ndevs, sizeof(*p->acs_readable));
	p->assume_enable = ic_acs_enable_to_come(m);
	c.done = ic_xcalloc(m->ndevs, sizeof(*c.done));
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_quirk_hit hit;

		p->acs[i] = ic_acs_enabled(&c.acs, &m->devs[i], &hit);
		p->quirk[i] = hit.quirk;
		p->acs_readable[i] = ic_acs_std_state(&c.acs, &m->devs[i], &p->acs_cap[i],
						      &p->acs_ctrl[i], &p->acs_forced[i]);
		p->acs_boot[i] = ic_boot_acs_names(&boot, &m->devs[i]);
		p->nacs_boot += p->acs_boot[i];
		p->alias[i] = ic_quirks_alias(quirks, &m->devs[i]);
		p->ivrs_alias[i] = ic_ivrs_devfn(m, &m->devs[i]);
		if (w && ic_whatif_is_set(w) && !hit.quirk && p->acs[i] == IC_TRI_YES)
			p->overridden[i] = ic_acs_override(w, &m->devs[i]) == IC_TRI_YES;
		/* Switchtec NTB aliases come from device memory at run time */
		p->uncertain[i] = hit.uncertain || (p->alias[i] && p->alias[i]->rule == IC_ALIAS_SWITCHTEC);
	}
	if (m->dump && p->assume_enable)
		ic_dump_enable_doubt(m, p);
	p->why = ic_xcalloc(m->ndevs, sizeof(*p->why));
	p->via = ic_xcalloc(m->ndevs, sizeof(*p->via));
	p->blame = ic_xcalloc(m->ndevs, sizeof(*p->blame));
	p->doubt = ic_xcalloc(m->ndevs, sizeof(*p->doubt));
	p->unknown_cause = ic_xcalloc(m->ndevs, sizeof(*p->unknown_cause));
	for (size_t i = 0; i < m->ndevs; i++) {
		p->group[i] = -1;
		p->via[i] = -1;
		p->blame[i] = -1;
	}
	ic_probe_order(&c);
	if (ic_groups_by_pe(m)) {
		ic_predict_pe(m, c.order, c.norder, c.p);
	} else {
		for (size_t k = 0; k < c.norder; k++) {
			ic_predict_one(&c, c.order[k]);
			c.done[c.order[k]] = true;
		}
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		if (p->why[i] != IC_WHY_UNKNOWN)
			continue;
		p->nunknown++;
		if (p->blame[i] < 0)
			p->blame[i] = (int)i;
		p->unknown_cause[i] = ic_xasprintf("%s: %s", m->devs[p->blame[i]].bdf,
			ic_unknown_kind_str(ic_unknown_kind_of(m, &m->devs[p->blame[i]])));
	}
	ic_propagate_doubt(m, p);
	ic_mark_at_bind(m, p);
	ic_boot_acs_clear(&boot);
	free(c.order);
	free(c.done);
	free(c.kids);
	free(c.kids_start);
}

void ic_prediction_clear(struct ic_prediction *p)
{
	free(p->group);
	free(p->quirk);
	free(p->uncertain);
	free(p->enable_doubt);
	free(p->acs);
	free(p->alias);
	free(p->overridden);
	free(p->ivrs_alias);
	free(p->acs_cap);
	free(p->acs_ctrl);
	free(p->acs_boot);
	free(p->at_bind);
	free(p->pe);
	free(p->acs_forced);
	free(p->acs_readable);
	free(p->why);
	free(p->via);
	free(p->blame);
	free(p->doubt);
	for (size_t i = 0; p->unknown_cause && i < p->ndevs; i++)
		free(p->unknown_cause[i]);
	free(p->unknown_cause);
	memset(p, 0, sizeof(*p));
}

const char *ic_why_str(enum ic_why why)
{
	static const char *const names[] = {
		[IC_WHY_UNKNOWN] = "unknown",
		[IC_WHY_ISOLATED] = "isolated",
		[IC_WHY_ALIAS_BRIDGE] = "alias_bridge",
		[IC_WHY_UPSTREAM_NO_ACS] = "upstream_no_acs",
		[IC_WHY_FUNCTION_NO_ACS] = "function_no_acs",
		[IC_WHY_VMD] = "vmd",
		[IC_WHY_DMA_ALIAS] = "dma_alias",
		[IC_WHY_IOMMU_ITSELF] = "iommu_itself",
		[IC_WHY_NO_IOMMU] = "no_iommu",
		[IC_WHY_IVRS_ALIAS] = "ivrs_alias",
		[IC_WHY_SAME_PE] = "same_pe",
		[IC_WHY_PE_BRIDGE] = "pe_bridge",
	};
	return names[why];
}
