/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect.c - fill the model from a root: PCI functions, then links, groups and modules. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect.h"
#include "ic.h"
#include "paths.h"

void ic_collect_error_clear(struct ic_collect_error *err)
{
	free(err->path);
	free(err->msg);
	err->path = err->msg = NULL;
}

static void ic_kernel_release(const struct ic_root *root, struct ic_model *m)
{
	if (ic_root_read_line(root, IC_PATH_OSRELEASE, &m->kernel_release) == 0)
		return;
	if (ic_root_read_line(root, IC_PATH_KERNEL_RELEASE, &m->kernel_release) == 0)
		return;
	m->kernel_release = NULL;
}

/* The host name fleet output carries (jsonl's host); blank, absent or the kernel's "(none)": unknown. */
static void ic_hostname(const struct ic_root *root, struct ic_model *m)
{
	static const char *const paths[] = { IC_PATH_HOSTNAME, IC_PATH_ETC_HOSTNAME };

	for (size_t i = 0; i < IC_ARRAY_SIZE(paths); i++) {
		if (ic_root_read_line(root, paths[i], &m->hostname) < 0)
			continue;
		if (m->hostname[strspn(m->hostname, " \t")] && !ic_streq(m->hostname, "(none)"))
			return;
		free(m->hostname);
	}
	m->hostname = NULL;
}

/* This host's page size, or the one a snapshot recorded in PAGE_SIZE; else unknown. */
static void ic_page_size(const struct ic_root *root, struct ic_model *m)
{
	uint64_t v;

	if (ic_root_is_live(root)) {
		long ps = sysconf(_SC_PAGESIZE);

		m->page_size = ps > 0 ? (uint64_t)ps : 0;
	} else if (ic_root_read_u64(root, IC_PATH_PAGE_SIZE, 10, &v) == 0 && v >= 512 &&
		   !(v & (v - 1))) {
		m->page_size = v;
	}
}

/*
 * ic_collect() - read everything iso-check needs from ROOT into a new model.
 * Return: 0 (the model may still be partial: see its problems), or a negative errno with
 * @err naming the path when nothing useful could be read.
 */
int ic_collect(struct ic_root *root, const struct ic_collect_opts *opts, struct ic_model **out,
	       struct ic_collect_error *err)
{
	struct ic_model *m;
	struct ic_pci *pci;
	struct ic_pci_scan scan = { .bus = { .fd = -1 } };
	char **names = NULL, *msg = NULL;
	size_t n = 0;
	int rc;

	rc = ic_root_list(root, IC_PATH_PCI_DEVICES, &names, &n);
	if (rc < 0) {
		err->path = ic_root_display(root, IC_PATH_PCI_DEVICES);
		err->msg = ic_xasprintf("cannot list PCI devices: %s%s", ic_strerror(-rc),
					ic_root_is_live(root) ? "" : " (is this a recorded sysfs tree?)");
		return rc;
	}
	rc = ic_pci_open(root, NULL, &pci, &msg);
	if (rc < 0) {
		err->path = ic_root_display(root, IC_PATH_PCI_BUS);
		err->msg = ic_xasprintf("libpci: %s", msg);
		free(msg);
		ic_strv_free_n(names, n);
		return rc;
	}
	m = ic_model_new();
	m->sysroot = ic_root_is_live(root) ? NULL : ic_xstrdup(ic_root_name(root));
	m->sysroot_archive = ic_root_is_archive(root);
	ic_kernel_release(root, m);
	ic_hostname(root, m);
	ic_page_size(root, m);
	m->devs_cap = n;
	m->devs = ic_xcalloc(n, sizeof(*m->devs));
	if (ic_rdir_open(root, IC_PATH_PCI_DEVICES, &scan.bus) == 0)
		for (size_t i = 0; i < n; i++)
			ic_collect_pci_dev(&scan, m, names[i]);
	ic_pci_scan_clear(&scan);
	ic_strv_free_n(names, n);
	for (size_t i = 0; !opts->numeric && i < m->ndevs; i++)
		ic_pci_names(pci, opts->pci_ids, &m->devs[i]);
	ic_pci_close(pci);

	ic_model_sort_devs(m);
	ic_collect_pci_links(m);
	ic_collect_iommu(root, m);
	ic_collect_phbs(root, m);
	if (opts->host)
		m->host = ic_xcalloc(1, sizeof(*m->host));	/* the module look-ups fill part of it */
	ic_collect_modules(root, m);
	if (opts->host)
		ic_collect_host(root, m);
	*out = m;
	return 0;
}
