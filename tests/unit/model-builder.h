/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model-builder.h - hand-built models for unit tests: functions, groups, drivers. */
#ifndef IC_TEST_MODEL_BUILDER_H
#define IC_TEST_MODEL_BUILDER_H

#include <stdio.h>
#include <string.h>

#include "ic.h"
#include "model.h"

/* Adds a fully known function; pointers into m->devs are valid once building is done. */
static inline struct ic_dev *mb_dev(struct ic_model *m, const char *bdf, uint16_t vendor,
				    uint16_t device, const char *driver, int group)
{
	struct ic_dev *d;

	if (m->ndevs == m->devs_cap) {
		m->devs_cap = m->devs_cap ? m->devs_cap * 2 : 64;
		m->devs = ic_xrealloc(m->devs, m->devs_cap, sizeof(*m->devs));
	}
	d = &m->devs[m->ndevs++];
	memset(d, 0, sizeof(*d));
	ic_bdf_parse(bdf, &d->domain, &d->bus, &d->slot, &d->func);
	snprintf(d->bdf, sizeof(d->bdf), "%s", bdf);
	d->syspath = ic_xasprintf("sys/devices/pci0000:00/%s", bdf);
	d->vendor = vendor;
	d->device = device;
	d->class = 0x020000;
	d->known = IC_KNOWN_IDENT | IC_KNOWN_CLASS | IC_KNOWN_HEADER | IC_KNOWN_MULTIFN | IC_KNOWN_DRIVER |
		   IC_KNOWN_IOMMU_GROUP | IC_KNOWN_PCIE | IC_KNOWN_CAPS;
	d->pcie_type = IC_PCIE_ENDPOINT;
	d->driver = driver ? ic_xstrdup(driver) : NULL;
	d->iommu_group = group;
	d->numa_node = -1;
	return d;
}

/* Adds groups for every group number used, in the same way ic_collect_iommu() does. */
static inline void mb_groups(struct ic_model *m, const char *type)
{
	size_t cap = 0;

	ic_model_sort_devs(m);
	for (size_t i = 0; i < m->ndevs; i++) {
		int id = m->devs[i].iommu_group;

		if (id < 0 || ic_model_group(m, id))
			continue;
		IC_APPEND(m->groups, m->ngroups, cap,
			  ((struct ic_group){ .id = id, .type = ic_xstrdup(type), .resv_known = true }));
		ic_model_sort_groups(m);
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_group *g = ic_model_group(m, m->devs[i].iommu_group);

		if (!g)
			continue;
		g->devs = ic_xrealloc(g->devs, g->ndevs + 1, sizeof(*g->devs));
		g->devs[g->ndevs++] = &m->devs[i];
	}
}



/* Links each function PAIRS[i][0] to its parent bridge PAIRS[i][1]. */
static inline void mb_parents(struct ic_model *m, const char *const (*pairs)[2], size_t n)
{
	for (size_t i = 0; i < n; i++)
		ic_model_find(m, pairs[i][0])->parent = ic_model_find(m, pairs[i][1]);
}

/* Gives D an ACS extended capability with CAP and CTRL (config space of 4096 bytes). */
static inline void mb_acs(struct ic_dev *d, uint16_t cap, uint16_t ctrl)
{
	uint32_t hdr = 0x000d | 1u << 16;

	free(d->config);
	d->config = ic_xcalloc(1, 4096);
	d->config_len = d->config_size = 4096;
	memcpy(d->config + 0x100, &hdr, 4);
	memcpy(d->config + 0x104, &cap, 2);
	memcpy(d->config + 0x106, &ctrl, 2);
	d->caps = ic_xrealloc(d->caps, d->ncaps + 1, sizeof(*d->caps));
	d->caps[d->ncaps++] = (struct ic_cap){ .id = 0x0d, .offset = 0x100, .version = 1, .extended = true };
	d->known |= IC_KNOWN_ECAPS;
	ic_cfg_decode(d);
}
#endif
