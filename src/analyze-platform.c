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

#include "ic.h"
#include "predict.h"

/*
 * ic_groups_by_pe() - is this PowerNV, where the isolation unit is the PE and not ACS
 * (pnv_pci_device_group())? Every function there has eeh_pe_config_addr, and the kernel names
 * its groups domainD-peN.
 */
bool ic_groups_by_pe(const struct ic_model *m)
{
	for (size_t i = 0; i < m->ngroups; i++)
		if (m->groups[i].name && strstr(m->groups[i].name, "-pe"))
			return true;
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].has_eeh_pe)
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
 * Will the kernel still enable ACS on the functions as they are now? Only while no IOMMU has
 * formed groups, and not where the IOMMU comes from a device tree: of_iommu_configure() calls
 * pci_request_acs() at the first driver probe, after enumeration, so the controls stay as the
 * firmware left them (ACPI IORT and VIOT request it before enumeration).
 */
bool ic_acs_enable_to_come(const struct ic_model *m)
{
	return m->ngroups == 0 && !(m->iommu.dt_iommu_map && !m->iommu.iort && !m->iommu.viot);
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
