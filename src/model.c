/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model.c - lifetime and look-ups of the model (binary search over sorted arrays). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "model.h"
#include "root.h"

struct ic_model *ic_model_new(void)
{
	return ic_xcalloc(1, sizeof(struct ic_model));
}

static void ic_dev_clear(struct ic_dev *d)
{
	free(d->syspath);
	free(d->vendor_name);
	free(d->device_name);
	free(d->class_name);
	free(d->config);
	free(d->caps);
	free(d->res);
	free(d->driver);
	free(d->host_fw);
	free(d->driver_module);
	free(d->modalias);
	ic_strv_free_n(d->modules, d->nmodules);
	free(d->virtfn);
	free(d->child_buses);
	free(d->of_node);
	free(d->physfn_bdf);
	ic_strv_free_n(d->virtfn_bdf, d->nvirtfn);
	free(d->audit.reset_method);
	free(d->audit.power_state);
	free(d->audit.driver_override);
	free(d->audit.critical_what);
}

void ic_model_free(struct ic_model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->ndevs; i++)
		ic_dev_clear(&m->devs[i]);
	free(m->devs);
	for (size_t i = 0; i < m->ngroups; i++) {
		struct ic_group *g = &m->groups[i];

		free(g->type);
		free(g->name);
		for (size_t j = 0; j < g->nresv; j++)
			free(g->resv[j].type);
		free(g->resv);
		free(g->devs);
		for (size_t j = 0; j < g->nothers; j++)
			free(g->other_drivers[j]);
		free(g->other_drivers);
		ic_strv_free_n(g->others, g->nothers);
	}
	free(m->groups);
	for (size_t i = 0; i < m->nphbs; i++)
		free(m->phbs[i].node);
	free(m->phbs);
	if (m->host) {
		free(m->host->irq_plain_chip);
		free(m->host->irq_remapped_chip);
		free(m->host->ir_unit);
		free(m->host->ir_what);
		for (size_t i = 0; i < IC_NHPARAMS; i++)
			free(m->host->params[i].value);
		for (int i = 0; i < IC_NHMODS; i++)
			free(m->host->kmod_options[i]);
		free(m->host);
	}
	ic_strv_free_n(m->iommu.units, m->iommu.nunits);
	ic_strv_free_n(m->iommu.vfio_variants, m->iommu.nvfio_variants);
	free(m->iommu.cmdline);
	free(m->iommu.dt_iommu_map_path);
	for (size_t i = 0; i < m->iommu.ndt_hosts; i++)
		free(m->iommu.dt_hosts[i].map);
	free(m->iommu.dt_hosts);
	free(m->iommu.iort_table);
	free(m->iommu.viot_table);
	ic_ivrs_clear(&m->iommu.ivrs_table);
	free(m->kernel_release);
	free(m->hostname);
	free(m->sysroot);
	free(m->dump);
	free(m->dump_form);
	for (size_t i = 0; i < m->nproblems; i++) {
		free(m->problems[i].path);
		free(m->problems[i].msg);
	}
	free(m->problems);
	free(m);
}

/* Records something that could not be read; the caller decides what is partial. */
void ic_model_problem(struct ic_model *m, const char *path, const char *fmt, ...)
{
	struct ic_problem p;
	va_list ap;

	p.path = ic_xstrdup(path);
	va_start(ap, fmt);
	if (vasprintf(&p.msg, fmt, ap) < 0)
		p.msg = ic_xstrdup("unreadable");
	va_end(ap);
	IC_APPEND(m->problems, m->nproblems, m->problems_cap, p);
}

bool ic_model_is_partial(const struct ic_model *m)
{
	return m->nproblems > 0;
}

static int ic_dev_cmp_addr(uint32_t dom, unsigned int bus, unsigned int slot, unsigned int fn,
			   const struct ic_dev *d)
{
	if (dom != d->domain)
		return dom < d->domain ? -1 : 1;
	if (bus != d->bus)
		return bus < d->bus ? -1 : 1;
	if (slot != d->slot)
		return slot < d->slot ? -1 : 1;
	if (fn != d->func)
		return fn < d->func ? -1 : 1;
	return 0;
}

static int ic_dev_cmp(const void *a, const void *b)
{
	const struct ic_dev *x = a;

	return ic_dev_cmp_addr(x->domain, x->bus, x->slot, x->func, b);
}

static int ic_group_cmp(const void *a, const void *b)
{
	const struct ic_group *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Sorts devices by address; pointers to them are taken only afterwards. */
void ic_model_sort_devs(struct ic_model *m)
{
	if (m->ndevs)
		qsort(m->devs, m->ndevs, sizeof(*m->devs), ic_dev_cmp);
}

void ic_model_sort_groups(struct ic_model *m)
{
	if (m->ngroups)
		qsort(m->groups, m->ngroups, sizeof(*m->groups), ic_group_cmp);
}

struct ic_dev *ic_model_find(const struct ic_model *m, const char *bdf)
{
	struct ic_dev key = { 0 };

	if (!m->ndevs || ic_bdf_parse(bdf, &key.domain, &key.bus, &key.slot, &key.func) < 0)
		return NULL;
	return bsearch(&key, m->devs, m->ndevs, sizeof(*m->devs), ic_dev_cmp);
}

struct ic_group *ic_model_group(const struct ic_model *m, int id)
{
	struct ic_group key = { .id = id };

	if (!m->ngroups)
		return NULL;
	return bsearch(&key, m->groups, m->ngroups, sizeof(*m->groups), ic_group_cmp);
}

/* The PowerNV PHB of PCI domain DOMAIN, or NULL (few PHBs: a linear search). */
const struct ic_phb *ic_model_phb(const struct ic_model *m, uint32_t domain)
{
	for (size_t i = 0; i < m->nphbs; i++)
		if (m->phbs[i].domain == domain)
			return &m->phbs[i];
	return NULL;
}

/* Parses a full "dddd:bb:ss.f" address (the domain may be wider than 16 bits, as with VMD). */
/* N hexadecimal digits at S into *V; false if one is not. */
static bool ic_hexn(const char *s, size_t n, unsigned int *v)
{
	*v = 0;
	for (size_t i = 0; i < n; i++) {
		int x = ic_hexval(s[i]);

		if (x < 0)
			return false;
		*v = *v << 4 | (unsigned int)x;
	}
	return true;
}

/*
 * ic_bdf_parse() - "DDDD:BB:SS.F" as sysfs names functions (a domain of 4 to 8 hexadecimal
 * digits: VMD's are 5), nothing before or after; -1 if S is not one. Called for every look-up
 * by address, so by hand rather than with sscanf().
 */
int ic_bdf_parse(const char *s, uint32_t *domain, uint8_t *bus, uint8_t *slot, uint8_t *func)
{
	size_t len = strlen(s), dlen;
	unsigned int d, b, sl;

	if (len < 12 || len > 16)
		return -1;
	dlen = len - 8;
	if (!ic_hexn(s, dlen, &d) || s[dlen] != ':' || !ic_hexn(s + dlen + 1, 2, &b) ||
	    s[dlen + 3] != ':' || !ic_hexn(s + dlen + 4, 2, &sl) || s[dlen + 6] != '.' ||
	    s[dlen + 7] < '0' || s[dlen + 7] > '7' || sl > 0x1f)
		return -1;
	*domain = d;
	*bus = (uint8_t)b;
	*slot = (uint8_t)sl;
	*func = (uint8_t)(s[dlen + 7] - '0');
	return 0;
}

const struct ic_cap *ic_dev_find_cap(const struct ic_dev *d, uint16_t id, bool extended)
{
	for (size_t i = 0; i < d->ncaps; i++)
		if (d->caps[i].id == id && d->caps[i].extended == extended)
			return &d->caps[i];
	return NULL;
}

/* D is an IOMMU's own function (an AMD IOMMU of IVRS, a virtio-iommu): not translated, no group. */
bool ic_model_is_iommu(const struct ic_model *m, const struct ic_dev *d)
{
	uint32_t sbdf = IC_ACPI_SBDF(d->domain, d->bus, d->slot << 3 | d->func);

	/* a virtio-iommu (virtio device 23) is a PCI function too, and never in a group */
	if ((d->known & IC_KNOWN_IDENT) && d->vendor == 0x1af4 && d->device == 0x1057)
		return true;
	for (size_t k = 0; k < m->iommu.ivrs_table.niommus; k++)
		if (m->iommu.ivrs_table.iommus[k] == sbdf)
			return true;
	/* a dump has no IVRS: an AMD IOMMU shows as an AMD function of class IOMMU (0806) */
	if (m->dump && (d->known & IC_KNOWN_IDENT) && (d->known & IC_KNOWN_CLASS) && d->vendor == 0x1022 &&
	    d->class >> 8 == 0x0806)
		return true;
	return false;
}

bool ic_dev_is_bridge(const struct ic_dev *d)
{
	return (d->known & IC_KNOWN_HEADER) && (d->header_type == 1 || d->header_type == 2);
}

/* snake_case names, used both in JSON and (with '_' shown as ' ') in text. */
const char *ic_pcie_type_str(int type)
{
	switch (type) {
	case IC_PCIE_NONE:
		return "pci";
	case IC_PCIE_ENDPOINT:
		return "endpoint";
	case IC_PCIE_LEG_END:
		return "legacy_endpoint";
	case IC_PCIE_ROOT_PORT:
		return "root_port";
	case IC_PCIE_UPSTREAM:
		return "upstream_port";
	case IC_PCIE_DOWNSTREAM:
		return "downstream_port";
	case IC_PCIE_PCI_BRIDGE:
		return "pcie_to_pci_bridge";
	case IC_PCIE_PCIE_BRIDGE:
		return "pci_to_pcie_bridge";
	case IC_PCIE_RC_END:
		return "rc_integrated_endpoint";
	case IC_PCIE_RC_EC:
		return "rc_event_collector";
	}
	return "reserved";
}
