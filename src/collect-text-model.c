/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * collect-text-model.c - lspci's text, as collect-text.c read it, into the model: each
 * function's typed fields (hex rows win where both exist), the problems with their lines, and
 * what needs every function at once (VF links, the multifunction proof, PowerNV PHBs, the
 * kernel's groups from the "IOMMU group" lines).
 */
#include <errno.h>
#include <pci/header.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect-text.h"
#include "collect.h"
#include "ic.h"

/* Fields lspci's text gives for every form: driver, NUMA node, IOMMU group. */
static void ic_text_sysfs(const struct ic_text *t, const struct ic_text_fn *f, struct ic_dev *d)
{
	/* lspci prints these early, before the bridge and capability lines */
	bool past = f->complete || f->caps_line || f->bus_line;

	if (f->numa >= 0) {
		d->numa_node = f->numa;
		d->known |= IC_KNOWN_NUMA;
	} else if ((t->form & IC_TF_KERNEL) && past) {
		d->known |= IC_KNOWN_NUMA;	/* lspci hides -1 */
	}
	if (f->driver) {
		free(d->driver);
		d->driver = ic_xstrdup(f->driver);
		d->known |= IC_KNOWN_DRIVER;
	} else if ((t->form & IC_TF_KERNEL) && f->complete) {
		d->known |= IC_KNOWN_DRIVER;	/* none bound */
	}
	if (f->group >= 0) {
		d->iommu_group = f->group;
		d->known |= IC_KNOWN_IOMMU_GROUP;
	} else if ((t->form & IC_TF_GROUPS) && past) {
		d->known |= IC_KNOWN_IOMMU_GROUP;	/* in no group */
	}
}

/* Registers the analyses read, from the capability lines that print them. */
static void ic_text_cfg(const struct ic_text_fn *f, struct ic_dev *d)
{
	struct ic_cfg *c = &d->cfg;

	if (ic_dev_find_cap(d, PCI_EXT_CAP_ID_ACS, true)) {
		if (f->acs_cap_line && f->acs_ctl_line) {
			c->acs_cap = f->acs_cap;
			c->acs_ctrl = f->acs_ctl;
			c->known |= IC_CFG_ACS;
		} else {
			d->text |= IC_TEXT_NO_BITS;
		}
	}
	if (f->flr >= 0) {
		c->devcap = f->flr ? PCI_EXP_DEVCAP_FLRESET : 0;
		c->known |= IC_CFG_DEVCAP;
	}
	if (f->nosoftrst >= 0) {
		c->pm_ctrl = f->nosoftrst ? PCI_PM_CTRL_NO_SOFT_RST : 0;
		c->known |= IC_CFG_PM;
	}
	if (f->af_flr >= 0 && f->af_tp >= 0) {
		c->af_cap = (uint8_t)((f->af_flr ? PCI_AF_CAP_FLR : 0) | (f->af_tp ? PCI_AF_CAP_TP : 0));
		c->known |= IC_CFG_AF;
	}
	/* the SR-IOV registers as sysfs gives them (sriov_*): the VF BARs are not read */
	if (f->sriov && f->iov_vfs) {
		d->sriov.total_vfs = f->total_vfs;
		d->sriov.num_vfs = f->iov_ctl && !(f->iov_ctrl & PCI_IOV_CTRL_VFE) ? 0 : f->num_vfs;
		d->sriov.known |= IC_SV_TOTAL | (f->iov_ctl ? IC_SV_NUM : 0);
	}
	if (f->sriov && f->iov_layout) {
		d->sriov.offset = f->vf_offset;
		d->sriov.stride = f->vf_stride;
		d->sriov.vf_device = f->vf_device;
		d->sriov.known |= IC_SV_OFFSET | IC_SV_STRIDE | IC_SV_VF_DEVICE;
	}
}

/* Whether F's capability lines are all there: printed whole, as root. */
static bool ic_text_caps_whole(const struct ic_text_fn *f)
{
	return f->complete && !f->caps_denied && !f->caps_broken;
}

/* The capability list and Express type the text gives F, and what they decode to, into D. */
static void ic_text_take_caps(const struct ic_text_fn *f, struct ic_dev *d)
{
	d->caps = ic_xcalloc(f->ncaps ? f->ncaps : 1, sizeof(*d->caps));
	if (f->ncaps)
		memcpy(d->caps, f->caps, f->ncaps * sizeof(*d->caps));
	d->ncaps = f->ncaps;
	d->pcie_type = f->pcie_type;
	d->known |= IC_KNOWN_CAPS | IC_KNOWN_ECAPS | IC_KNOWN_PCIE;
	ic_text_cfg(f, d);
}

/*
 * Hex rows win where both exist: a 64-byte dump (-x) gives the header, the text the
 * capabilities; a 256-byte one (-xxx) also the standard ones, the text the extended.
 */
static void ic_text_merge(const struct ic_text_fn *f, struct ic_dev *d)
{
	struct ic_cfg hexcfg = d->cfg;

	if (!d->config_cut && (d->known & IC_KNOWN_ECAPS))
		return;
	if (!ic_text_caps_whole(f) || !(d->known & IC_KNOWN_HEADER) || d->partial)
		return;
	if (d->config_cut) {
		free(d->caps);
		ic_text_take_caps(f, d);
		d->config_cut = false;
		d->cfg.known |= hexcfg.known & (IC_CFG_BARS | IC_CFG_WINDOWS);
		return;
	}
	/* the standard list is the hex rows'; the extended capabilities come from the text */
	for (size_t i = 0; i < f->ncaps; i++)
		if (f->caps[i].extended) {
			d->caps = ic_xrealloc(d->caps, d->ncaps + 1, sizeof(*d->caps));
			d->caps[d->ncaps++] = f->caps[i];
		}
	d->known |= IC_KNOWN_ECAPS;
	ic_text_cfg(f, d);
	d->cfg.known |= hexcfg.known;
	d->cfg.devcap = hexcfg.devcap, d->cfg.pm_ctrl = hexcfg.pm_ctrl, d->cfg.af_cap = hexcfg.af_cap;
	d->cfg.sltcap = hexcfg.sltcap;
}

/*
 * ic_text_apply() - fill D, the model's copy of function I, from its text. Its config space
 * (D->config) comes from hex rows where it has them: then only what sysfs would add is taken.
 */
void ic_text_apply(const struct ic_text *t, size_t i, struct ic_model *m, struct ic_dev *d)
{
	const struct ic_text_fn *f = &t->fns[i];

	if (!(t->form & IC_TF_DECODED))
		return;
	ic_text_sysfs(t, f, d);
	if (f->hex) {
		ic_text_merge(f, d);
		return;
	}
	d->text = IC_TEXT_DECODED;
	d->known |= f->known & (IC_KNOWN_IDENT | IC_KNOWN_CLASS | IC_KNOWN_REVISION | IC_KNOWN_SUBSYS);
	d->vendor = f->vendor, d->device = f->device;
	d->subvendor = f->subvendor, d->subdevice = f->subdevice;
	d->class = f->class, d->revision = f->revision;
	if (!(d->known & IC_KNOWN_IDENT)) {
		d->text |= IC_TEXT_NO_IDS;
		/* the names lspci printed stand in for those pci.ids would give the IDs */
		d->device_name = f->desc_text ? ic_xstrdup(f->desc_text) : NULL;
		d->class_name = f->class_text ? ic_xstrdup(f->class_text) : NULL;
	}
	if (!f->htype_unknown) {
		bool cardbus = f->type2 || ((d->known & IC_KNOWN_CLASS) && d->class >> 8 == PCI_CLASS_BRIDGE_CARDBUS);

		d->header_type = !f->bus_line ? 0 : cardbus && !f->type1 ? PCI_HEADER_TYPE_CARDBUS : 1;
		d->secondary_bus = f->secondary;
		d->subordinate_bus = f->subordinate;
		d->known |= IC_KNOWN_HEADER;
	}
	if (f->caps_denied) {
		/* as the 64 bytes an unprivileged reader gets: the header only */
		d->config_cut = m->config_cut = true;
		d->text |= IC_TEXT_DENIED;
		return;
	}
	if (!f->complete) {
		d->text |= IC_TEXT_CUT;
		return;
	}
	if (f->caps_broken) {
		d->partial = true;
		return;
	}
	ic_text_take_caps(f, d);
}

/* The problems the text showed, each naming its line. */
void ic_text_problems(const struct ic_text *t, struct ic_model *m, const char *file)
{
	for (size_t i = 0; i < t->nproblems; i++)
		ic_model_problem(m, file, "line %zu: %s", t->problems[i].line, t->problems[i].msg);
}

/* VF I of PF: the routing ID the kernel computes (pci_iov_virtfn_bus/devfn()). */
static struct ic_dev *ic_text_vf(struct ic_model *m, const struct ic_dev *pf, unsigned int i)
{
	unsigned int rid = (unsigned int)(pf->bus << 8 | pf->slot << 3 | pf->func) + pf->sriov.offset +
			   pf->sriov.stride * i;
	char bdf[16];

	if (rid > 0xffff)
		return NULL;
	snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%u", pf->domain, rid >> 8, (rid >> 3) & 0x1f, rid & 7);
	return ic_model_find(m, bdf);
}

/* The VFs of each text PF whose layout is printed. */
static void ic_text_vfs(struct ic_model *m)
{
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_dev *pf = &m->devs[i];
		unsigned int want = IC_SV_NUM | IC_SV_OFFSET | IC_SV_STRIDE;

		/* the text's SR-IOV lines, or a hex dump's capability (text and hex mixed) */
		if (!ic_dev_find_cap(pf, PCI_EXT_CAP_ID_SRIOV, true))
			continue;
		if ((pf->sriov.known & want) != want && (pf->cfg.known & IC_CFG_SRIOV)) {
			pf->sriov.num_vfs = pf->cfg.sriov.ctrl & PCI_IOV_CTRL_VFE ? pf->cfg.sriov.num_vfs : 0;
			pf->sriov.offset = pf->cfg.sriov.vf_offset;
			pf->sriov.stride = pf->cfg.sriov.vf_stride;
		} else if ((pf->sriov.known & want) != want) {
			continue;
		}
		for (unsigned int k = 0; k < pf->sriov.num_vfs; k++) {
			struct ic_dev *vf = ic_text_vf(m, pf, k);

			if (!vf || vf->physfn_bdf || vf == pf)
				continue;
			vf->physfn_bdf = ic_xstrdup(pf->bdf);
			vf->physfn = pf;
			pf->virtfn_bdf = ic_xrealloc(pf->virtfn_bdf, pf->nvirtfn + 1, sizeof(*pf->virtfn_bdf));
			pf->virtfn = ic_xrealloc(pf->virtfn, pf->nvirtfn + 1, sizeof(*pf->virtfn));
			pf->virtfn_bdf[pf->nvirtfn] = ic_xstrdup(vf->bdf);
			pf->virtfn[pf->nvirtfn++] = vf;
		}
	}
}

/*
 * The header's multifunction bit is not in the text: functions above 0 of a slot (VFs aside)
 * prove it for function 0; a lone function 0 leaves it unknown.
 */
static void ic_text_multifunction(struct ic_model *m)
{
	for (size_t s = 0, e; s < m->ndevs; s = e) {
		bool more = false;

		for (e = s; e < m->ndevs && m->devs[e].domain == m->devs[s].domain &&
			    m->devs[e].bus == m->devs[s].bus && m->devs[e].slot == m->devs[s].slot; e++)
			more |= m->devs[e].func > 0 && !m->devs[e].physfn_bdf;
		for (size_t j = s; j < e; j++) {
			struct ic_dev *d = &m->devs[j];

			if (!(d->text & IC_TEXT_DECODED) || !(d->known & IC_KNOWN_HEADER))
				continue;
			if (more || d->func > 0) {
				d->multifunction = true;
				d->known |= IC_KNOWN_MULTIFN;
			} else if (!d->physfn_bdf) {
				d->text |= IC_TEXT_MF;
			}
		}
	}
}

/* The kernel's groups, from the functions' "IOMMU group" lines. */
static void ic_text_groups(const struct ic_text *t, struct ic_model *m)
{
	size_t cap = 0, o = 0, *caps;

	if (!(t->form & IC_TF_GROUPS))
		return;
	m->iommu.groups_dir = true;
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].iommu_group >= 0)
			IC_APPEND(m->groups, m->ngroups, cap, ((struct ic_group){ .id = m->devs[i].iommu_group }));
	ic_model_sort_groups(m);
	/* one entry a group */
	for (size_t i = 0; i < m->ngroups; i++)
		if (!o || m->groups[o - 1].id != m->groups[i].id)
			m->groups[o++] = m->groups[i];
	m->ngroups = o;
	caps = ic_xcalloc(m->ngroups ? m->ngroups : 1, sizeof(*caps));
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_group *g = m->devs[i].iommu_group >= 0 ? ic_model_group(m, m->devs[i].iommu_group) : NULL;

		if (g)
			IC_APPEND(g->devs, g->ndevs, caps[g - m->groups], &m->devs[i]);
	}
	free(caps);
}

/*
 * Below an IBM PHB (PowerNV) the groups are the PEs the firmware and the device tree assign
 * (kernel-isolation.md section 6), none of which the text holds: every group is unknown.
 */
static void ic_text_powernv(struct ic_model *m)
{
	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *d = &m->devs[i];

		/* IBM's vendor ID, or without IDs the name pci.ids gives it */
		bool ibm = (d->known & IC_KNOWN_IDENT) ? d->vendor == 0x1014 :
			   d->device_name && strncmp(d->device_name, "IBM ", 4) == 0;

		if (!ibm || d->bus != 0 || !(d->known & IC_KNOWN_PCIE) || d->pcie_type != IC_PCIE_ROOT_PORT)
			continue;
		for (size_t j = 0; j < m->ndevs; j++)
			if (m->devs[j].domain == d->domain)
				m->devs[j].text |= IC_TEXT_PLATFORM;
	}
}

/*
 * ic_text_finish() - what only the whole model shows, once it is sorted: VFs, multifunction
 * slots and the kernel's groups. Parents come after (a VF's is its PF's).
 */
void ic_text_finish(const struct ic_text *t, struct ic_model *m)
{
	if (!(t->form & IC_TF_DECODED))
		return;
	ic_text_vfs(m);
	ic_text_multifunction(m);
	ic_text_powernv(m);
	ic_text_groups(t, m);
}

/*
 * ic_text_maybe_vfs() - where a PF's SR-IOV layout is not printed (lspci -v), every function
 * that could be one of its VFs (on its bus, or on a bus no bridge leads to) is marked: its
 * group is unknown. After the parents are known.
 */
void ic_text_maybe_vfs(struct ic_model *m)
{
	const unsigned int want = IC_SV_NUM | IC_SV_OFFSET | IC_SV_STRIDE;

	for (size_t i = 0; i < m->ndevs; i++) {
		const struct ic_dev *pf = &m->devs[i];

		if (!(pf->text & IC_TEXT_DECODED) || !ic_dev_find_cap(pf, PCI_EXT_CAP_ID_SRIOV, true) ||
		    (pf->sriov.known & want) == want || (pf->sriov.known & IC_SV_NUM && !pf->sriov.num_vfs))
			continue;
		for (size_t j = i + 1; j < m->ndevs && m->devs[j].domain == pf->domain; j++) {
			struct ic_dev *d = &m->devs[j];
			unsigned int last = pf->parent ? pf->parent->subordinate_bus : pf->bus;

			if (d->bus <= last && (d->bus == pf->bus || !d->parent) && !ic_dev_is_bridge(d))
				d->text |= IC_TEXT_MAYBE_VF;
		}
	}
}
