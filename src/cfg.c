/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cfg.c - the one place config-space bytes become fields: a bounds-checked accessor and the
 * decode of every register iso-check uses, named as libpci's <pci/header.h> names them.
 */
#include <pci/header.h>

#include "ic.h"
#include "model.h"

/*
 * ic_cfg_read() - WIDTH (1, 2 or 4) bytes at OFF of D's config space, little-endian.
 * Return: false, leaving *V alone, if they lie past what could be read.
 */
bool ic_cfg_read(const struct ic_dev *d, size_t off, unsigned int width, uint32_t *v)
{
	uint32_t x = 0;

	if (!d->config || off > d->config_len || width > d->config_len - off)
		return false;
	for (unsigned int i = 0; i < width; i++)
		x |= (uint32_t)d->config[off + i] << (8 * i);
	*v = x;
	return true;
}

static uint16_t ic_cfg16(const struct ic_dev *d, size_t off)
{
	uint32_t v = 0;

	ic_cfg_read(d, off, 2, &v);
	return (uint16_t)v;
}

static uint32_t ic_cfg32(const struct ic_dev *d, size_t off)
{
	uint32_t v = 0;

	ic_cfg_read(d, off, 4, &v);
	return v;
}

/* Whether LEN bytes of a capability at OFF could be read. */
static bool ic_cfg_has(const struct ic_dev *d, size_t off, size_t len)
{
	return d->config && off + len <= d->config_len;
}

static void ic_cfg_header(struct ic_dev *d, struct ic_cfg *c)
{
	if (!(d->known & IC_KNOWN_HEADER) || !ic_cfg_has(d, 0, 64))
		return;
	c->nbars = d->header_type == 0 ? 6 : d->header_type == 1 ? 2 : 0;
	for (unsigned int i = 0; i < c->nbars; i++)
		c->bar[i] = ic_cfg32(d, PCI_BASE_ADDRESS_0 + 4 * i);
	c->known |= IC_CFG_BARS;
	if (d->header_type != 1)
		return;
	c->win = (struct ic_cfg_windows){
		.io_base = d->config[PCI_IO_BASE],
		.io_limit = d->config[PCI_IO_LIMIT],
		.io_base_upper16 = ic_cfg16(d, PCI_IO_BASE_UPPER16),
		.io_limit_upper16 = ic_cfg16(d, PCI_IO_LIMIT_UPPER16),
		.mem_base = ic_cfg16(d, PCI_MEMORY_BASE),
		.mem_limit = ic_cfg16(d, PCI_MEMORY_LIMIT),
		.pref_base = ic_cfg16(d, PCI_PREF_MEMORY_BASE),
		.pref_limit = ic_cfg16(d, PCI_PREF_MEMORY_LIMIT),
		.pref_base_upper32 = ic_cfg32(d, PCI_PREF_BASE_UPPER32),
		.pref_limit_upper32 = ic_cfg32(d, PCI_PREF_LIMIT_UPPER32),
	};
	c->known |= IC_CFG_WINDOWS;
}

static void ic_cfg_sriov(const struct ic_dev *d, uint16_t off, struct ic_cfg *c)
{
	struct ic_cfg_sriov *s = &c->sriov;

	if (!ic_cfg_has(d, off, PCI_IOV_MSAO + 4))
		return;		/* a cut capability is a problem (collect-pci.c), not a fact */
	s->offset = off;
	s->cap = ic_cfg32(d, off + PCI_IOV_CAP);
	s->ctrl = ic_cfg16(d, off + PCI_IOV_CTRL);
	s->initial_vfs = ic_cfg16(d, off + PCI_IOV_INITIALVF);
	s->total_vfs = ic_cfg16(d, off + PCI_IOV_TOTALVF);
	s->num_vfs = ic_cfg16(d, off + PCI_IOV_NUMVF);
	s->vf_offset = ic_cfg16(d, off + PCI_IOV_OFFSET);
	s->vf_stride = ic_cfg16(d, off + PCI_IOV_STRIDE);
	s->vf_device = ic_cfg16(d, off + PCI_IOV_DID);
	s->function_link = d->config[off + PCI_IOV_FDL];
	s->supported_page_sizes = ic_cfg32(d, off + PCI_IOV_SUPPS);
	s->system_page_size = ic_cfg32(d, off + PCI_IOV_SYSPS);
	for (unsigned int i = 0; i < PCI_IOV_NUM_BAR; i++)
		s->bar[i] = ic_cfg32(d, off + PCI_IOV_BAR_BASE + 4 * i);
	c->known |= IC_CFG_SRIOV;
}

/*
 * ic_cfg_decode() - fill D->cfg from D's config bytes and capability list (collect-pci.c
 * walks it first). Only what was read whole is marked known; call it again after changing
 * the bytes (unit tests do).
 */
void ic_cfg_decode(struct ic_dev *d)
{
	struct ic_cfg *c = &d->cfg;

	*c = (struct ic_cfg){ 0 };
	ic_cfg_header(d, c);
	for (size_t i = 0; i < d->ncaps; i++) {
		const struct ic_cap *cap = &d->caps[i];
		uint16_t off = cap->offset;

		if (!cap->extended && cap->id == PCI_CAP_ID_EXP && ic_cfg_has(d, off, PCI_EXP_DEVCAP + 4)) {
			c->devcap = ic_cfg32(d, off + PCI_EXP_DEVCAP);
			c->known |= IC_CFG_DEVCAP;
			if (ic_cfg_has(d, off, PCI_EXP_SLTCAP + 4)) {
				if (ic_cfg16(d, off + PCI_EXP_FLAGS) & PCI_EXP_FLAGS_SLOT)
					c->sltcap = ic_cfg32(d, off + PCI_EXP_SLTCAP);
				c->known |= IC_CFG_SLOT;
			}
		} else if (!cap->extended && cap->id == PCI_CAP_ID_PM && ic_cfg_has(d, off, PCI_PM_CTRL + 2)) {
			c->pm_ctrl = ic_cfg16(d, off + PCI_PM_CTRL);
			c->known |= IC_CFG_PM;
		} else if (!cap->extended && cap->id == PCI_CAP_ID_AF && ic_cfg_has(d, off, PCI_AF_CAP + 1)) {
			c->af_cap = d->config[off + PCI_AF_CAP];
			c->known |= IC_CFG_AF;
		} else if (cap->extended && cap->id == PCI_EXT_CAP_ID_ACS && (d->known & IC_KNOWN_ECAPS) &&
			   !(c->known & IC_CFG_ACS) && ic_cfg_has(d, off, PCI_ACS_CTRL + 2)) {
			/* the kernel's pci_find_ext_capability() takes the first */
			c->acs_cap = ic_cfg16(d, off + PCI_ACS_CAP);
			c->acs_ctrl = ic_cfg16(d, off + PCI_ACS_CTRL);
			c->known |= IC_CFG_ACS;
			if (ic_cfg_has(d, off, PCI_ACS_CAP + 8)) {
				c->acs_cap_dw = ic_cfg32(d, off + PCI_ACS_CAP);
				c->acs_ctrl_dw = ic_cfg32(d, off + PCI_ACS_CAP + 4);
				c->known |= IC_CFG_ACS_DWORDS;
			}
		} else if (cap->extended && cap->id == PCI_EXT_CAP_ID_SRIOV && (d->known & IC_KNOWN_ECAPS) &&
			   !(c->known & IC_CFG_SRIOV)) {
			ic_cfg_sriov(d, off, c);
		}
	}
}
