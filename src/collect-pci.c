/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect-pci.c - one PCI function from sysfs: identity, config space, resources, links. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "ic.h"
#include "paths.h"


/* Reads the attribute NAME of the function whose directory is DIR; the caller reports a failure. */
static int ic_attr_line(const struct ic_rdir *dir, const char *name, char **line)
{
	return ic_rdir_read_line(dir, name, line);
}

/* Reports attribute NAME of D as "PATH: WHAT[: strerror(ERR)]" and marks D partial. */
static void ic_attr_problem(const struct ic_root *root, struct ic_model *m, struct ic_dev *d,
			    const char *name, const char *what, int err)
{
	char *rel = ic_path_cat(d->syspath, name);
	char *path = ic_root_display(root, rel);

	if (err)
		ic_model_problem(m, path, "%s: %s", what, ic_strerror(-err));
	else
		ic_model_problem(m, path, "%s", what);
	d->partial = true;
	free(path);
	free(rel);
}

/*
 * Reads a hexadecimal attribute such as `vendor` ("0x8086"). An OPTIONAL attribute that a
 * recording did not keep is simply unknown; anything else unreadable is a problem.
 */
static bool ic_attr_hex_opt(const struct ic_rdir *dir, struct ic_model *m, struct ic_dev *d,
			    const char *name, uint64_t max, uint64_t *val, bool optional)
{
	const struct ic_root *root = dir->root;
	char word[64];
	int rc;

	rc = ic_rdir_read_word(dir, name, word, sizeof(word));
	if (rc == -EOVERFLOW)
		rc = -EINVAL;	/* longer than any number */
	if (rc == 0) {
		rc = ic_parse_u64(word, 16, val);
		if (rc == 0 && *val > max)
			rc = -ERANGE;
	}
	if (rc < 0 && !(optional && rc == -ENOENT))
		ic_attr_problem(root, m, d, name, rc == -EINVAL || rc == -ERANGE ?
				"not a hexadecimal number" : "unreadable", rc == -EINVAL || rc == -ERANGE ? 0 : rc);
	return rc == 0;
}

static bool ic_attr_hex(const struct ic_rdir *dir, struct ic_model *m, struct ic_dev *d,
			const char *name, uint64_t max, uint64_t *val)
{
	return ic_attr_hex_opt(dir, m, d, name, max, val, false);
}

/* Reads a link of the function in DIR and returns the basename of its target. */
static int ic_attr_link_name(const struct ic_rdir *dir, const char *name, char **out)
{
	char *target;
	int rc;

	rc = ic_rdir_readlink(dir, name, &target);
	if (rc < 0)
		return rc;
	*out = ic_xstrdup(ic_path_basename(target));
	free(target);
	return 0;
}

/* Capabilities iso-check reads beyond their header, and the bytes it reads of each. */
static const struct {
	uint16_t id;
	bool extended;
	uint16_t len;
	const char *name;
} ic_cap_sizes[] = {
	{ PCI_CAP_ID_EXP, false, 8, "PCI Express" },
	{ PCI_EXT_CAP_ID_ACS, true, 8, "ACS" },
	{ PCI_EXT_CAP_ID_SRIOV, true, 0x40, "SR-IOV" },
};

/* A capability whose registers run past the end of what was read is a problem, not a fact. */
static void ic_check_cap_sizes(struct ic_model *m, struct ic_dev *d, const char *path)
{
	for (size_t i = 0; i < d->ncaps; i++)
		for (size_t k = 0; k < IC_ARRAY_SIZE(ic_cap_sizes); k++) {
			const struct ic_cap *c = &d->caps[i];

			if (c->id != ic_cap_sizes[k].id || c->extended != ic_cap_sizes[k].extended ||
			    c->offset + (size_t)ic_cap_sizes[k].len <= d->config_len)
				continue;
			ic_model_problem(m, path, "the %s capability at 0x%03x is cut by the end of "
					 "config space (%zu bytes)", ic_cap_sizes[k].name, c->offset,
					 d->config_len);
			d->partial = true;
		}
}

/*
 * ic_dev_parse_config() - header fields and capability lists from the bytes that were read.
 * A list cut short because config space is hidden (not root) leaves its fields unknown; a
 * loop, a bad pointer or a truncated file is also a problem to report.
 */
void ic_dev_parse_config(struct ic_model *m, struct ic_dev *d, const char *path, bool dump)
{
	enum ic_caps_status st;
	const struct ic_cap *pcie;
	uint16_t where = 0;
	uint32_t flags;

	if (d->config_len < IC_CFG_HEADER_LEN) {
		ic_model_problem(m, path, "truncated: %zu bytes, the header alone is %d", d->config_len,
				 IC_CFG_HEADER_LEN);
		d->partial = true;
		return;
	}
	d->header_type = d->config[PCI_HEADER_TYPE] & 0x7f;
	d->multifunction = d->config[PCI_HEADER_TYPE] & 0x80;
	if (d->header_type == 1 || d->header_type == PCI_HEADER_TYPE_CARDBUS) {
		d->secondary_bus = d->config[PCI_SECONDARY_BUS];
		d->subordinate_bus = d->config[PCI_SUBORDINATE_BUS];
	}
	d->known |= IC_KNOWN_HEADER | IC_KNOWN_MULTIFN;

	/* The kernel shows unprivileged readers 64 bytes (128 for CardBus) of a larger file. */
	d->config_cut = d->config_len < d->config_size ||
			d->config_size == IC_CFG_HEADER_LEN ||
			(d->config_size == 2 * IC_CFG_HEADER_LEN && d->header_type == PCI_HEADER_TYPE_CARDBUS);
	if (d->config_cut && (d->config_len == IC_CFG_HEADER_LEN ||
			      (d->config_len == 2 * IC_CFG_HEADER_LEN && d->header_type == PCI_HEADER_TYPE_CARDBUS))) {
		m->config_cut = true;
		ic_cfg_decode(d);	/* the header's registers are known */
		return;
	}
	if (d->config_len != IC_CFG_LEGACY_LEN && d->config_len != IC_CFG_EXT_LEN) {
		ic_model_problem(m, path, "truncated: %zu bytes, expected %d or %d", d->config_len,
				 IC_CFG_LEGACY_LEN, IC_CFG_EXT_LEN);
		d->partial = true;
	}
	d->config_cut = false;

	st = ic_caps_walk_std(d->config, d->config_len, &d->caps, &d->ncaps, &where);
	pcie = ic_dev_find_cap(d, PCI_CAP_ID_EXP, false);
	if (pcie && ic_cfg_read(d, pcie->offset + PCI_EXP_FLAGS, 2, &flags)) {
		d->pcie_type = (int)((flags & PCI_EXP_FLAGS_TYPE) >> 4);
		d->known |= IC_KNOWN_PCIE;
	} else if (st == IC_CAPS_OK) {
		d->pcie_type = IC_PCIE_NONE;
		d->known |= IC_KNOWN_PCIE;
	}
	if (st != IC_CAPS_OK) {
		ic_model_problem(m, path, "capability pointer 0x%02x %s", where, ic_caps_status_str(st));
		d->partial = true;
	} else {
		d->known |= IC_KNOWN_CAPS;
	}

	where = 0;
	st = ic_caps_walk_ext(d->config, d->config_len, &d->caps, &d->ncaps, &where);
	if (st != IC_CAPS_OK) {
		ic_model_problem(m, path, "extended capability pointer 0x%03x %s", where,
				 ic_caps_status_str(st));
		d->partial = true;
	} else if (d->config_len > IC_CFG_LEGACY_LEN || (d->config_len == IC_CFG_LEGACY_LEN &&
			   !(dump && d->pcie_type != IC_PCIE_NONE))) {
		/* a 256-byte dump of a PCIe function says nothing about its extended space */
		d->known |= IC_KNOWN_ECAPS;
	}
	ic_check_cap_sizes(m, d, path);
	ic_cfg_decode(d);
}

/*
 * Config space is read through the root layer like every other file, never by libpci: a link
 * in a tree then resolves inside the root, and a FIFO or an oversized file is a problem.
 */
static void ic_collect_config(const struct ic_rdir *dir, struct ic_model *m, struct ic_dev *d)
{
	const struct ic_root *root = dir->root;
	char *rel = ic_xasprintf("%s/config", d->syspath);
	char *path;
	struct stat st;
	char *buf;
	size_t len;
	int rc;

	rc = ic_rdir_read_max(dir, "config", IC_CFG_EXT_LEN, &buf, &len, &st);
	path = ic_root_display(root, rel);
	if (rc == 0) {
		d->config_size = (size_t)st.st_size;
		d->config = (uint8_t *)buf;
		d->config_len = len;
		ic_dev_parse_config(m, d, path, false);
		/* every analysis reads the decoded registers: 4 KiB a function is not kept */
		free(d->config);
		d->config = NULL;
		d->config_read = true;
		goto out;
	}
	if (rc == -ENOENT && ic_root_readlink(root, rel, &buf) == 0) {
		/* links resolve inside the root: one to a host file finds nothing there */
		ic_model_problem(m, path, "a link to %s that is not in the tree", buf);
		free(buf);
		d->partial = true;
		goto out;
	}
	if (rc == -ENOENT && ic_root_exists(root, d->syspath)) {
		/* a recording that kept no config space: like an unprivileged read, unknown */
		m->nconfig_missing++;
		goto out;
	}
	if (rc == -IC_ETOOBIG)
		ic_model_problem(m, path, "larger than %d bytes: not a config space", IC_CFG_EXT_LEN);
	else
		ic_model_problem(m, path, "unreadable: %s", ic_strerror(-rc));
	d->partial = true;
out:
	free(path);
	free(rel);
}

static void ic_collect_resources(const struct ic_rdir *dir, struct ic_model *m, struct ic_dev *d)
{
	const struct ic_root *root = dir->root;
	size_t bad = 0;
	char *text;
	int rc;

	rc = ic_rdir_read_max(dir, "resource", IC_ROOT_MAX_FILE, &text, NULL, NULL);
	if (rc == 0) {
		rc = ic_resource_parse(text, &d->res, &d->nres, &bad);
		free(text);
	}
	if (rc == 0) {
		d->known |= IC_KNOWN_RESOURCES;
	} else if (rc == -ENOENT) {
		/* not recorded: the resources are unknown (the device itself was checked) */
	} else {
		char *rel = ic_xasprintf("%s/resource", d->syspath);
		char *path = ic_root_display(root, rel);

		if (rc == -EINVAL)
			ic_model_problem(m, path, "line %zu is not three hexadecimal numbers", bad);
		else
			ic_model_problem(m, path, "unreadable: %s", ic_strerror(-rc));
		d->partial = true;
		free(path);
		free(rel);
	}
}

void ic_pci_scan_clear(struct ic_pci_scan *scan)
{
	ic_rdir_close(&scan->bus);
	free(scan->host);
	free(scan->host_fw);
	for (size_t i = 0; i < scan->ndrivers; i++) {
		free(scan->drivers[i].name);
		free(scan->drivers[i].module);
	}
	free(scan->drivers);
	memset(scan, 0, sizeof(*scan));
	scan->bus.fd = -1;
}

/*
 * A function directly below a host bridge (sys/devices/pciDDDD:BB/BDF): the ACPI node of that
 * bridge, from its firmware_node link (absent on platforms without ACPI and in old recordings),
 * read once per bridge; and the function's own of_node link (the device tree: PowerNV's PHBs).
 */
static void ic_collect_host_fw(struct ic_pci_scan *scan, const struct ic_rdir *dir, struct ic_dev *d)
{
	const struct ic_root *root = dir->root;
	const char *slash = strrchr(d->syspath, '/');
	char *host, *rel, *target;

	if (!slash)
		return;
	host = ic_xasprintf("%.*s", (int)(slash - d->syspath), d->syspath);
	if (strncmp(ic_path_basename(host), "pci", 3) != 0) {
		free(host);
		return;
	}
	if (!scan->host || !ic_streq(scan->host, host)) {
		free(scan->host);
		free(scan->host_fw);
		scan->host_fw = NULL;
		rel = ic_xasprintf("%s/firmware_node", host);
		if (ic_root_readlink(root, rel, &target) == 0) {
			scan->host_fw = ic_xstrdup(ic_path_basename(target));
			free(target);
		}
		free(rel);
		scan->host = host;
	} else {
		free(host);
	}
	d->host_fw = scan->host_fw ? ic_xstrdup(scan->host_fw) : NULL;
	if (ic_rdir_readlink(dir, "of_node", &target) == 0) {
		d->of_node = ic_path_join_normalize(d->syspath, target);
		free(target);
	}
}

/* The module of driver NAME (drivers/NAME/module), read once per driver. */
static char *ic_driver_module(struct ic_pci_scan *scan, const struct ic_root *root, const char *name)
{
	struct ic_scan_driver drv = { .name = ic_xstrdup(name) };
	char *rel, *target;

	for (size_t i = 0; i < scan->ndrivers; i++)	/* a host has a few dozen drivers at most */
		if (ic_streq(scan->drivers[i].name, name)) {
			free(drv.name);
			return scan->drivers[i].module ? ic_xstrdup(scan->drivers[i].module) : NULL;
		}
	rel = ic_xasprintf("%s/%s/module", IC_PATH_PCI_DRIVERS, name);
	if (ic_root_readlink(root, rel, &target) == 0) {
		drv.module = ic_xstrdup(ic_path_basename(target));
		free(target);
	}
	free(rel);
	IC_APPEND(scan->drivers, scan->ndrivers, scan->drivers_cap, drv);
	return drv.module ? ic_xstrdup(drv.module) : NULL;
}

/*
 * A PF's sriov_* attributes: each is known only if it reads as a number (absent on functions
 * without SR-IOV; sriov_vf_device is hexadecimal).
 */
static void ic_collect_sriov_attrs(const struct ic_rdir *dir, struct ic_dev *d)
{
	static const struct {
		const char *name;
		unsigned int bit;
		int base;
		size_t off;
	} attrs[] = {
		{ "sriov_totalvfs", IC_SV_TOTAL, 10, offsetof(struct ic_sriov_sysfs, total_vfs) },
		{ "sriov_numvfs", IC_SV_NUM, 10, offsetof(struct ic_sriov_sysfs, num_vfs) },
		{ "sriov_offset", IC_SV_OFFSET, 10, offsetof(struct ic_sriov_sysfs, offset) },
		{ "sriov_stride", IC_SV_STRIDE, 10, offsetof(struct ic_sriov_sysfs, stride) },
		{ "sriov_vf_device", IC_SV_VF_DEVICE, 16, offsetof(struct ic_sriov_sysfs, vf_device) },
		{ "sriov_drivers_autoprobe", IC_SV_AUTOPROBE, 10, offsetof(struct ic_sriov_sysfs, autoprobe) },
		{ "sriov_vf_total_msix", IC_SV_MSIX, 10, offsetof(struct ic_sriov_sysfs, vf_total_msix) },
	};
	char word[64];
	uint64_t v;

	/* the kernel makes them for a function with the SR-IOV capability only */
	if ((d->known & IC_KNOWN_ECAPS) && !ic_dev_find_cap(d, PCI_EXT_CAP_ID_SRIOV, true))
		return;
	for (size_t i = 0; i < IC_ARRAY_SIZE(attrs); i++) {
		if (ic_rdir_read_word(dir, attrs[i].name, word, sizeof(word)) < 0)
			continue;
		if (ic_parse_u64(word, attrs[i].base, &v) == 0 && v <= UINT32_MAX) {
			*(uint32_t *)((char *)&d->sriov + attrs[i].off) = (uint32_t)v;
			d->sriov.known |= attrs[i].bit;
		}
	}
}

/* Links: driver and its module, IOMMU group, SR-IOV PF and VFs (resolved after sorting). */
static void ic_collect_links(struct ic_pci_scan *scan, const struct ic_rdir *dir, struct ic_model *m,
			     struct ic_dev *d)
{
	const struct ic_root *root = dir->root;
	char *name = NULL;
	uint64_t v;
	int rc;

	rc = ic_attr_link_name(dir, "driver", &d->driver);
	if (rc == 0 || rc == -ENOENT)
		d->known |= IC_KNOWN_DRIVER;
	else
		ic_attr_problem(root, m, d, "driver", "unreadable link", rc);
	if (d->driver)
		d->driver_module = ic_driver_module(scan, root, d->driver);

	d->iommu_group = -1;
	rc = ic_attr_link_name(dir, "iommu_group", &name);
	if (rc == 0) {
		if (ic_parse_u64(name, 10, &v) == 0 && v <= INT32_MAX) {
			d->iommu_group = (int)v;
			d->known |= IC_KNOWN_IOMMU_GROUP;
		} else {
			ic_attr_problem(root, m, d, "iommu_group", "links to a group that is not a number", 0);
		}
		free(name);
	} else if (rc == -ENOENT) {
		d->known |= IC_KNOWN_IOMMU_GROUP;
	} else {
		ic_attr_problem(root, m, d, "iommu_group", "unreadable link", rc);
	}

	if (ic_attr_link_name(dir, "physfn", &name) == 0)
		d->physfn_bdf = name;
	ic_collect_sriov_attrs(dir, d);
	v = d->sriov.num_vfs;
	if ((d->sriov.known & IC_SV_NUM) && v > 0 && v <= 0xffff) {
		d->virtfn_bdf = ic_xcalloc(v, sizeof(char *));
		for (size_t i = 0; i < v; i++) {
			char attr[32];

			snprintf(attr, sizeof(attr), "virtfn%zu", i);
			if (ic_attr_link_name(dir, attr, &d->virtfn_bdf[d->nvirtfn]) == 0)
				d->nvirtfn++;
			else
				ic_attr_problem(root, m, d, attr, "missing VF link", -ENOENT);
		}
	}
}

/*
 * ic_collect_pci_dev() - add the function NAME (an entry of BUS, /sys/bus/pci/devices) to the
 * model. A function whose directory is gone (removed during the scan) is reported and left out.
 * Its attributes are read through one handle on its directory.
 */
void ic_collect_pci_dev(struct ic_pci_scan *scan, struct ic_model *m, const char *name)
{
	const struct ic_rdir *bus = &scan->bus;
	const struct ic_root *root = bus->root;
	char *rel = ic_path_cat(IC_PATH_PCI_DEVICES, name);
	struct ic_dev d = { .numa_node = -1, .iommu_group = -1, .pcie_type = IC_PCIE_NONE };
	struct ic_rdir dir = { .fd = -1 };
	char word[64], *target;
	uint64_t v;
	int rc;

	if (ic_bdf_parse(name, &d.domain, &d.bus, &d.slot, &d.func) < 0) {
		char *path = ic_root_display(root, rel);

		ic_model_problem(m, path, "not a PCI address");
		free(path);
		goto out;
	}
	snprintf(d.bdf, sizeof(d.bdf), "%04x:%02x:%02x.%u", d.domain, d.bus, d.slot, d.func);
	rc = ic_rdir_readlink(bus, name, &target);
	if (rc == 0) {
		d.syspath = ic_path_join_normalize(IC_PATH_PCI_DEVICES, target);
		free(target);
	} else if (rc == -EINVAL) {	/* a directory rather than a link: use it as it is */
		d.syspath = ic_xstrdup(rel);
	} else {
		goto gone;
	}
	if (ic_rdir_open(root, d.syspath, &dir) < 0)
		goto gone;

	if (ic_attr_hex(&dir, m, &d, "vendor", 0xffff, &v)) {
		d.vendor = (uint16_t)v;
		if (ic_attr_hex(&dir, m, &d, "device", 0xffff, &v)) {
			d.device = (uint16_t)v;
			d.known |= IC_KNOWN_IDENT;
		}
	} else if (!ic_root_exists(root, d.syspath)) {
		goto gone;
	}
	if (ic_attr_hex_opt(&dir, m, &d, "subsystem_vendor", 0xffff, &v, true)) {
		d.subvendor = (uint16_t)v;
		if (ic_attr_hex_opt(&dir, m, &d, "subsystem_device", 0xffff, &v, true)) {
			d.subdevice = (uint16_t)v;
			d.known |= IC_KNOWN_SUBSYS;
		}
	}
	if (ic_attr_hex(&dir, m, &d, "class", 0xffffff, &v)) {
		d.class = (uint32_t)v;
		d.known |= IC_KNOWN_CLASS;
	}
	if (ic_attr_hex_opt(&dir, m, &d, "revision", 0xff, &v, true)) {
		d.revision = (uint8_t)v;
		d.known |= IC_KNOWN_REVISION;
	}
	rc = ic_rdir_read_word(&dir, "numa_node", word, sizeof(word));
	if (rc == 0 || rc == -EOVERFLOW) {
		char *end;
		long long node = 0;

		errno = 0;
		if (rc == 0)
			node = strtoll(word, &end, 10);
		if (rc == 0 && !errno && !*end && end != word && node >= -1 && node <= INT32_MAX) {
			d.numa_node = (int)node;	/* -1: the platform gives none */
			d.known |= IC_KNOWN_NUMA;
		} else {
			ic_attr_problem(root, m, &d, "numa_node", "not a NUMA node number", 0);
		}
	} else if (rc != -ENOENT) {
		ic_attr_problem(root, m, &d, "numa_node", rc == -ENODATA ? "empty" : "unreadable",
				rc == -ENODATA ? 0 : rc);
	}
	if (ic_attr_line(&dir, "modalias", &d.modalias) == 0)
		d.known |= IC_KNOWN_MODALIAS;

	/* POWER EEH: on PowerNV the function's PE number */
	if (ic_attr_hex_opt(&dir, m, &d, "eeh_pe_config_addr", UINT32_MAX, &v, true)) {
		d.has_eeh_pe = true;
		d.eeh_pe = (uint32_t)v;
	}
	ic_collect_config(&dir, m, &d);
	ic_collect_resources(&dir, m, &d);
	ic_collect_links(scan, &dir, m, &d);
	ic_collect_host_fw(scan, &dir, &d);
	IC_APPEND(m->devs, m->ndevs, m->devs_cap, d);
	goto out;
gone:
	{
		char *path = ic_root_display(root, rel);

		ic_model_problem(m, path, "the device disappeared during the scan");
		free(path);
		free(d.syspath);
	}
out:
	ic_rdir_close(&dir);
	free(rel);
}

/* The parent bridge is the directory above the function's own, if that is a PCI function. */
static struct ic_dev *ic_dev_parent(struct ic_model *m, const struct ic_dev *d)
{
	const char *slash = strrchr(d->syspath, '/');
	char *dir;
	struct ic_dev *p;

	if (!slash)
		return NULL;
	dir = strndup(d->syspath, (size_t)(slash - d->syspath));
	if (!dir)
		return NULL;
	p = ic_model_find(m, ic_path_basename(dir));
	free(dir);
	return p == d ? NULL : p;
}

/*
 * A function in an Intel VMD domain (PCI domain 0x10000 and up) sits below a host bridge
 * directory, pciDDDDD:BB, inside the VMD endpoint's own directory: that endpoint is the
 * function the kernel's pci_real_dma_dev() returns for it (x86, CONFIG_VMD).
 */
static struct ic_dev *ic_dev_vmd(struct ic_model *m, const struct ic_dev *d)
{
	const char *slash = strrchr(d->syspath, '/');
	char *dir, *up;
	struct ic_dev *vmd = NULL;

	if (d->domain < 0x10000 || !slash)
		return NULL;
	dir = strndup(d->syspath, (size_t)(slash - d->syspath));
	if (!dir)
		return NULL;
	up = strrchr(dir, '/');
	if (up && !strncmp(up + 1, "pci", 3)) {
		*up = '\0';
		vmd = ic_model_find(m, ic_path_basename(dir));
	}
	free(dir);
	return vmd;
}

/*
 * ic_collect_pci_links() - after sorting, turn names into pointers: parent bridges from the
 * device paths and their child buses, SR-IOV PFs and VFs from their links. O(n log n).
 */
void ic_collect_pci_links(struct ic_model *m)
{
	size_t *caps = ic_xcalloc(m->ndevs, sizeof(*caps));	/* capacity of each child_buses */

	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_dev *d = &m->devs[i], *p;

		p = d->parent = ic_dev_parent(m, d);
		if (!p)
			d->dma_dev = ic_dev_vmd(m, d);
		/* functions come by ascending bus, so a bus already listed is the last one */
		if (p && (!p->nchild_buses || p->child_buses[p->nchild_buses - 1] != d->bus))
			IC_APPEND(p->child_buses, p->nchild_buses, caps[p - m->devs], d->bus);
		if (d->physfn_bdf)
			d->physfn = ic_model_find(m, d->physfn_bdf);
		if (d->nvirtfn) {
			d->virtfn = ic_xcalloc(d->nvirtfn, sizeof(*d->virtfn));
			for (size_t j = 0; j < d->nvirtfn; j++)
				d->virtfn[j] = ic_model_find(m, d->virtfn_bdf[j]);
		}
	}
	free(caps);
}
