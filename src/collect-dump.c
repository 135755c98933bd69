/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect-dump.c - a model from a pasted `lspci -x/-xxx/-xxxx` dump (libpci's dump method). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "ic.h"

/* Identity from the header; subsystem IDs only where a type 0 header has them. */
static void ic_dump_ident(struct ic_dev *d)
{
	const uint8_t *c = d->config;

	if (d->config_len < 0x10)
		return;
	d->vendor = ic_le16(c);
	d->device = ic_le16(c + 2);
	d->revision = c[0x08];
	d->class = (uint32_t)c[0x09] | (uint32_t)c[0x0a] << 8 | (uint32_t)c[0x0b] << 16;
	d->known |= IC_KNOWN_IDENT | IC_KNOWN_CLASS | IC_KNOWN_REVISION;
	if (d->config_len >= 0x30 && (c[0x0e] & 0x7f) == 0) {
		d->subvendor = ic_le16(c + 0x2c);
		d->subdevice = ic_le16(c + 0x2e);
		d->known |= IC_KNOWN_SUBSYS;
	}
}

/*
 * The parent of a function is the bridge whose secondary bus is the function's bus (a dump has
 * no device paths). One bus map per domain: O(n log n) with the sort.
 */
static void ic_dump_parents(struct ic_model *m)
{
	struct ic_dev *by_bus[256];
	uint32_t domain = UINT32_MAX;

	for (size_t i = 0; i < m->ndevs; i++) {
		if (m->devs[i].domain != domain) {
			domain = m->devs[i].domain;
			memset(by_bus, 0, sizeof(by_bus));
			for (size_t j = i; j < m->ndevs && m->devs[j].domain == domain; j++)
				if (ic_dev_is_bridge(&m->devs[j]) && m->devs[j].secondary_bus > m->devs[j].bus)
					by_bus[m->devs[j].secondary_bus] = &m->devs[j];
		}
		m->devs[i].parent = by_bus[m->devs[i].bus];
	}
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_dev *p = m->devs[i].parent;

		if (p && (!p->nchild_buses || p->child_buses[p->nchild_buses - 1] != m->devs[i].bus)) {
			p->child_buses = ic_xrealloc(p->child_buses, p->nchild_buses + 1, 1);
			p->child_buses[p->nchild_buses++] = m->devs[i].bus;
		}
	}
}

/*
 * ic_collect_dump() - read FILE, the hex dump users paste into bug reports. Drivers, kernel
 * groups, resources and NUMA nodes are not in a dump: they stay unknown.
 */
int ic_collect_dump(const char *file, const struct ic_collect_opts *opts, struct ic_model **out,
		    struct ic_collect_error *err)
{
	struct ic_dev *list = NULL;
	struct ic_model *m;
	struct ic_pci *pci;
	char *msg = NULL;
	size_t n;
	FILE *f;

	/* libpci's dump reader says little about an unreadable file: check it ourselves */
	f = fopen(file, "re");
	if (!f) {
		err->path = ic_xstrdup(file);
		err->msg = ic_xasprintf("cannot read the lspci dump: %s", strerror(errno));
		return -errno;
	}
	fclose(f);
	if (ic_pci_open(NULL, file, &pci, &msg) < 0) {
		err->path = ic_xstrdup(file);
		err->msg = ic_xasprintf("not an lspci -x dump: %s", msg);
		free(msg);
		return -EINVAL;
	}
	n = ic_pci_dump_list(pci, &list);
	if (!n) {
		err->path = ic_xstrdup(file);
		err->msg = ic_xstrdup("no device in the lspci dump");
		ic_pci_close(pci);
		free(list);
		return -ENODATA;
	}
	m = ic_model_new();
	m->dump = ic_xstrdup(file);
	m->devs = list;
	m->ndevs = m->devs_cap = n;
	for (size_t i = 0; i < n; i++) {
		struct ic_dev *d = &m->devs[i];
		char *path = ic_xasprintf("%s: %04x:%02x:%02x.%u", file, d->domain, d->bus, d->slot, d->func);

		snprintf(d->bdf, sizeof(d->bdf), "%04x:%02x:%02x.%u", d->domain, d->bus, d->slot, d->func);
		d->syspath = ic_xasprintf("lspci-dump/%s", d->bdf);
		d->numa_node = -1;
		d->iommu_group = -1;
		d->pcie_type = IC_PCIE_NONE;
		ic_pci_read_config(pci, d, IC_CFG_EXT_LEN, &d->config, &d->config_len);
		d->config_size = d->config_len;
		ic_dump_ident(d);
		ic_dev_parse_config(m, d, path, true);
		free(path);
	}
	for (size_t i = 0; !opts->numeric && i < n; i++)
		ic_pci_names(pci, opts->pci_ids, &m->devs[i]);
	ic_pci_close(pci);
	ic_model_sort_devs(m);
	ic_dump_parents(m);
	*out = m;
	return 0;
}
