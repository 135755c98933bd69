/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect-iommu.c - IOMMU groups, IOMMU units, ACPI tables, the command line, vfio modules. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "collect.h"
#include "ic.h"
#include "paths.h"

static int ic_int_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Parses reserved_regions: "0x<start> 0x<end> <type>" per line. */
static int ic_parse_resv(const char *text, struct ic_resv **out, size_t *n, size_t *bad_line)
{
	struct ic_resv *v = NULL;
	size_t cnt = 0, cap = 0, line = 0;
	char *copy = ic_xstrdup(text), *save = NULL, *l;

	for (l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		unsigned long long s, e;
		char type[32];
		int len = 0;

		line++;
		if (sscanf(l, "0x%llx 0x%llx %31s%n", &s, &e, type, &len) != 3 || l[len] || s > e) {
			for (size_t i = 0; i < cnt; i++)
				free(v[i].type);
			free(v);
			free(copy);
			*bad_line = line;
			return -EINVAL;
		}
		IC_APPEND(v, cnt, cap, ((struct ic_resv){ .start = s, .end = e, .type = ic_xstrdup(type) }));
	}
	free(copy);
	*out = v;
	*n = cnt;
	return 0;
}

static void ic_group_problem(const struct ic_root *root, struct ic_model *m, const char *rel,
			     const char *msg)
{
	char *path = ic_root_display(root, rel);

	ic_model_problem(m, path, "%s", msg);
	free(path);
}

/* What the AMD IVRS table says: the IOMMUs' own functions and the requester-ID aliases. */
static void ic_collect_ivrs(const struct ic_root *root, struct ic_model *m)
{
	char *buf;
	size_t len;
	int rc;

	rc = ic_root_read(root, IC_PATH_ACPI_TABLES "/IVRS", &buf, &len);
	if (rc == 0) {
		rc = ic_ivrs_parse((const uint8_t *)buf, len, &m->iommu.ivrs_table);
		free(buf);
		m->iommu.ivrs_read = rc == 0;
	}
	if (rc < 0)
		ic_group_problem(root, m, IC_PATH_ACPI_TABLES "/IVRS", rc == -EINVAL ?
				 "not a valid IVRS table" : "unreadable");
}

/* An ACPI table kept whole (IORT, VIOT: acpi-ids.c reads its ID mappings when asked). */
static void ic_collect_table(const struct ic_root *root, struct ic_model *m, const char *name,
			     uint8_t **table, size_t *len)
{
	char *rel = ic_path_cat(IC_PATH_ACPI_TABLES, name), *buf;

	if (ic_root_read_max(root, rel, 1 << 20, &buf, len) == 0)
		*table = (uint8_t *)buf;
	else
		ic_group_problem(root, m, rel, "unreadable");
	free(rel);
}

/* One group's directory, read through one handle on it (when it opens). */
static void ic_collect_group(const struct ic_root *root, struct ic_model *m, struct ic_group *g)
{
	char *rel, *text, **names = NULL;
	size_t n = 0, bad = 0;
	struct ic_rdir dir;
	int rc;

	rel = ic_xasprintf("%s/%d", IC_PATH_IOMMU_GROUPS, g->id);
	ic_rdir_open(root, rel, &dir);	/* if it does not open, each read says why */
	free(rel);
	if (ic_rdir_read_line(&dir, "type", &g->type) < 0)
		g->type = NULL;	/* kernels before 5.11 have no `type` */
	if (ic_rdir_read_line(&dir, "name", &g->name) < 0)
		g->name = NULL;

	rel = ic_xasprintf("%s/reserved_regions", dir.rel);
	rc = ic_rdir_read_max(&dir, "reserved_regions", IC_ROOT_MAX_FILE, &text, NULL, NULL);
	if (rc == 0) {
		rc = ic_parse_resv(text, &g->resv, &g->nresv, &bad);
		free(text);
		if (rc == 0)
			g->resv_known = true;
		else
			ic_group_problem(root, m, rel, "a line is not \"0xSTART 0xEND TYPE\"");
	} else if (rc != -ENOENT) {
		ic_group_problem(root, m, rel, "unreadable");
	}
	free(rel);

	rel = ic_xasprintf("%s/devices", dir.rel);
	rc = ic_rdir_list(&dir, "devices", &names, &n);
	ic_rdir_close(&dir);
	if (rc < 0) {
		ic_group_problem(root, m, rel, "unreadable group member list");
		n = 0;
	}
	g->others = ic_xcalloc(n, sizeof(*g->others));
	g->other_drivers = ic_xcalloc(n, sizeof(*g->other_drivers));
	for (size_t i = 0; i < n; i++) {
		uint32_t dom;
		uint8_t b, s, f;
		struct ic_dev *d;
		char *drv = NULL, *lrel;

		if (ic_bdf_parse(names[i], &dom, &b, &s, &f) == 0) {
			d = ic_model_find(m, names[i]);
			if (d && d->iommu_group == g->id)
				continue;	/* counted from the device's own link */
			if (d) {
				char *msg = ic_xasprintf("lists %s, whose iommu_group link says otherwise",
							 names[i]);

				ic_group_problem(root, m, rel, msg);
				free(msg);
			}
			continue;
		}
		/* Not a PCI function: keep its name and driver (read from its own directory) */
		lrel = ic_path_cat(rel, names[i]);
		if (ic_root_resolve_link(root, lrel, &text) == 0) {
			char *drel = ic_xasprintf("%s/driver", text), *target;

			if (ic_root_readlink(root, drel, &target) == 0) {
				drv = ic_xstrdup(ic_path_basename(target));
				free(target);
			}
			free(drel);
			free(text);
		}
		free(lrel);
		g->others[g->nothers] = ic_xstrdup(names[i]);
		g->other_drivers[g->nothers++] = drv;
	}
	ic_strv_free_n(names, n);
	free(rel);
}

/* Adds each PCI function to the group its own iommu_group link names; O(n log n). */
static void ic_collect_members(const struct ic_root *root, struct ic_model *m)
{
	size_t *caps = ic_xcalloc(m->ngroups, sizeof(*caps));	/* capacity of each group's devs */

	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_dev *d = &m->devs[i];
		struct ic_group *g;

		if (d->iommu_group < 0)
			continue;
		g = ic_model_group(m, d->iommu_group);
		if (!g) {
			char *rel = ic_xasprintf("%s/iommu_group", d->syspath);
			char *msg = ic_xasprintf("dangling link to group %d", d->iommu_group);

			ic_group_problem(root, m, rel, msg);
			free(msg);
			free(rel);
			d->partial = true;
			d->iommu_group = -1;
			d->known &= ~(unsigned int)IC_KNOWN_IOMMU_GROUP;
			continue;
		}
		IC_APPEND(g->devs, g->ndevs, caps[g - m->groups], d);
	}
	free(caps);
}

/*
 * A tree recorded without /sys/kernel/iommu_groups still has each device's iommu_group link:
 * the groups are those the links name. Returns whether there were any.
 */
static bool ic_groups_from_links(struct ic_model *m, size_t *cap)
{
	int *ids = ic_xcalloc(m->ndevs + 1, sizeof(*ids));
	size_t n = 0;

	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].iommu_group >= 0)
			ids[n++] = m->devs[i].iommu_group;
	qsort(ids, n, sizeof(*ids), ic_int_cmp);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || ids[i] != ids[i - 1])
			IC_APPEND(m->groups, m->ngroups, *cap, ((struct ic_group){ .id = ids[i] }));
	free(ids);
	return n > 0;
}

static bool ic_has_name(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (ic_streq(v[i], name))
			return true;
	return false;
}

/* Below which directory a unit of sys/class/iommu (a link) keeps its registers; caller frees. */
char *ic_iommu_unit_dir(const struct ic_root *root, const char *name)
{
	char *link = ic_path_cat(IC_PATH_CLASS_IOMMU, name), *unit = NULL;

	/* read below the link's target, which a snapshot copies (it refuses paths through links) */
	if (ic_root_resolve_link(root, link, &unit) < 0)
		return link;
	free(link);
	return unit;
}

/*
 * Without groups, the prediction needs the domain type the kernel will pick: an Intel unit in
 * Caching Mode (CAP bit 7, set by hypervisors) makes it strict (DMA, never DMA-FQ). With groups
 * their own types say it, so nothing is read.
 */
static void ic_collect_caching_mode(const struct ic_root *root, struct ic_model *m)
{
	m->iommu.caching_mode = m->iommu.nunits ? 0 : -1;
	for (size_t i = 0; m->ngroups == 0 && i < m->iommu.nunits; i++) {
		char *unit = ic_iommu_unit_dir(root, m->iommu.units[i]), *rel;
		uint64_t cap;

		rel = ic_xasprintf("%s/intel-iommu/cap", unit);
		if (ic_root_read_u64(root, rel, 16, &cap) < 0)
			m->iommu.caching_mode = m->iommu.caching_mode == 1 ? 1 : -1;
		else if (cap & (1u << 7))
			m->iommu.caching_mode = 1;
		free(rel);
		free(unit);
	}
	if (m->ngroups)
		m->iommu.caching_mode = -1;	/* not read: the groups' types say it */
}

/*
 * Device-tree PCI host bridges (pcie@..., pci@...) that map requester IDs to an IOMMU: each
 * one's iommu-map (rid-base, IOMMU phandle, StreamID base, length: one-cell specifiers, as
 * SMMUv3 and virtio-iommu use), iommu-map-mask and linux,pci-domain.
 */
static void ic_collect_dt(const struct ic_root *root, struct ic_model *m)
{
	char **names;
	size_t n, cap = 0;

	if (ic_root_list(root, IC_PATH_DT_BASE, &names, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		struct ic_dt_host h = { .domain = -1, .mask = UINT32_MAX };
		uint32_t *c = NULL;
		char *node, *rel;
		long nc;

		if (strncmp(names[i], "pcie@", 5) && strncmp(names[i], "pci@", 4))
			continue;
		node = ic_path_cat(IC_PATH_DT_BASE, names[i]);
		rel = ic_xasprintf("%s/iommu-map", node);
		if (!ic_root_exists(root, rel)) {
			free(rel);
			free(node);
			continue;
		}
		if (!m->iommu.dt_iommu_map) {
			m->iommu.dt_iommu_map = true;
			m->iommu.dt_iommu_map_path = rel;
		} else {
			free(rel);
		}
		nc = ic_dt_cells(root, node, "iommu-map", &c);
		h.bad = nc <= 0 || nc % 4;
		if (!h.bad) {
			h.map = ic_xcalloc((size_t)nc / 4, sizeof(*h.map));
			for (long k = 0; k < nc / 4; k++) {
				h.map[k][0] = c[4 * k];
				h.map[k][1] = c[4 * k + 2];
				h.map[k][2] = c[4 * k + 3];
			}
			h.nmap = (size_t)nc / 4;
		}
		free(c);
		c = NULL;
		rel = ic_xasprintf("%s/iommu-map-mask", node);
		nc = ic_dt_cells(root, node, "iommu-map-mask", &c);
		if (nc == 1)
			h.mask = c[0];
		else if (ic_root_exists(root, rel))
			h.bad = true;	/* there, but not one cell */
		free(rel);
		free(c);
		c = NULL;
		if (ic_dt_cells(root, node, "linux,pci-domain", &c) == 1)
			h.domain = c[0];
		free(c);
		free(node);
		IC_APPEND(m->iommu.dt_hosts, m->iommu.ndt_hosts, cap, h);
	}
	ic_strv_free_n(names, n);
}

/*
 * ic_collect_iommu() - groups from /sys/kernel/iommu_groups (the devices must be collected and
 * sorted first), then the evidence used when there are none.
 */
void ic_collect_iommu(const struct ic_root *root, struct ic_model *m)
{
	char **names = NULL, *line;
	size_t n = 0, cap = 0;
	uint64_t id;
	int rc;

	rc = ic_root_list(root, IC_PATH_IOMMU_GROUPS, &names, &n);
	m->iommu.groups_dir = rc == 0;
	if (rc < 0 && rc != -ENOENT)
		ic_group_problem(root, m, IC_PATH_IOMMU_GROUPS, "unreadable");
	for (size_t i = 0; i < n; i++) {
		if (ic_parse_u64(names[i], 10, &id) < 0 || id > INT32_MAX)
			continue;
		IC_APPEND(m->groups, m->ngroups, cap, ((struct ic_group){ .id = (int)id }));
	}
	ic_strv_free_n(names, n);
	if (rc == -ENOENT && ic_groups_from_links(m, &cap))
		ic_group_problem(root, m, IC_PATH_IOMMU_GROUPS, "missing: the groups come from the "
				 "devices' iommu_group links; their types and reserved regions are unknown");
	ic_model_sort_groups(m);
	ic_collect_members(root, m);
	for (size_t i = 0; m->iommu.groups_dir && i < m->ngroups; i++)
		ic_collect_group(root, m, &m->groups[i]);

	if (ic_root_list(root, IC_PATH_CLASS_IOMMU, &m->iommu.units, &m->iommu.nunits) < 0)
		m->iommu.nunits = 0;
	ic_collect_caching_mode(root, m);
	if (ic_root_list(root, IC_PATH_ACPI_TABLES, &names, &n) == 0) {
		m->iommu.acpi_known = true;
		m->iommu.dmar = ic_has_name(names, n, "DMAR");
		m->iommu.ivrs = ic_has_name(names, n, "IVRS");
		m->iommu.iort = ic_has_name(names, n, "IORT");
		m->iommu.viot = ic_has_name(names, n, "VIOT");
		ic_strv_free_n(names, n);
	}
	if (m->iommu.ivrs)
		ic_collect_ivrs(root, m);
	if (m->iommu.iort)
		ic_collect_table(root, m, "IORT", &m->iommu.iort_table, &m->iommu.iort_len);
	if (m->iommu.viot)
		ic_collect_table(root, m, "VIOT", &m->iommu.viot_table, &m->iommu.viot_len);
	ic_collect_dt(root, m);
	if (ic_root_read_line(root, IC_PATH_CMDLINE, &m->iommu.cmdline) < 0)
		m->iommu.cmdline = NULL;
	m->iommu.vfio_enable_sriov = -1;
	if (ic_root_read_line(root, IC_PATH_MODULE "/vfio_pci/parameters/enable_sriov", &line) == 0) {
		if (ic_streq(line, "Y") || ic_streq(line, "N"))
			m->iommu.vfio_enable_sriov = line[0] == 'Y';
		free(line);
	}
	if (ic_root_list(root, IC_PATH_MODULE "/vfio_pci_core/holders", &m->iommu.vfio_variants,
			 &m->iommu.nvfio_variants) < 0)
		m->iommu.nvfio_variants = 0;
}
