/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * collect-config.c - libpci: names for every model (the udev hwdb, or pci.ids without one),
 * and config space of a pasted dump (its dump method). A tree's config files are read by the
 * root layer (collect-pci.c), so libpci opens no file of a root.
 */
#include <errno.h>
#include <pci/pci.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "ic.h"
#include "paths.h"

struct ic_pci {
	struct pci_access *acc;
	char *sysfs_path;	/* IC_PATH_PCI_BUS inside the root */
	/* names: the udev hwdb if there is one (looked up, never parsed), else pci.ids */
	struct pci_access *names;
	int hwdb;		/* the hwdb answers: 1, it does not: -1, not asked yet: 0 */
};

/*
 * libpci's default error handler exits the process. Ours jumps back to the libpci call that
 * failed, which then returns an error; libpci callbacks carry no context, hence the statics.
 */
static jmp_buf *ic_pci_jump;
static char ic_pci_errmsg[256];

static IC_NORETURN IC_PRINTF(1, 2) void ic_pci_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(ic_pci_errmsg, sizeof(ic_pci_errmsg), msg, ap);
	va_end(ap);
	if (ic_pci_jump)
		longjmp(*ic_pci_jump, 1);
	/* Unreachable: every libpci call below runs with a jump target set. */
	fprintf(stderr, "iso-check: libpci: %s\n", ic_pci_errmsg);
	abort();
}

/* libpci warnings (for example a short read) are expected on bad input: debug output only. */
static IC_PRINTF(1, 2) void ic_pci_warning(char *msg, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, msg);
	vsnprintf(buf, sizeof(buf), msg, ap);
	va_end(ap);
	ic_debug(IC_DEBUG_PCI, "libpci: %s", buf);
}

/*
 * ic_pci_open() - libpci forced to its sysfs method with sysfs.path inside ROOT, or, with
 * DUMP, to its dump method reading that lspci -x/-xxx/-xxxx file (then ROOT is unused).
 */
int ic_pci_open(const struct ic_root *root, const char *dump, struct ic_pci **out, char **errmsg)
{
	struct ic_pci *pci = ic_xcalloc(1, sizeof(*pci));
	jmp_buf jb;

	pci->sysfs_path = dump ? ic_xstrdup(dump) : ic_root_path(root, IC_PATH_PCI_BUS);
	pci->acc = pci_alloc();
	pci->acc->method = dump ? PCI_ACCESS_DUMP : PCI_ACCESS_SYS_BUS_PCI;
	pci->acc->error = ic_pci_error;
	pci->acc->warning = ic_pci_warning;
	pci->acc->debug = ic_pci_warning;
	ic_pci_jump = &jb;
	if (setjmp(jb)) {
		ic_pci_jump = NULL;
		*errmsg = ic_xstrdup(ic_pci_errmsg);
		pci_cleanup(pci->acc);
		free(pci->sysfs_path);
		free(pci);
		return -EIO;
	}
	if (pci_set_param(pci->acc, dump ? "dump.name" : "sysfs.path", pci->sysfs_path) < 0)
		ic_pci_error("no %s parameter in this libpci", dump ? "dump.name" : "sysfs.path");
	pci_init(pci->acc);
	if (dump)
		pci_scan_bus(pci->acc);	/* the dump method reads the whole file here */
	ic_pci_jump = NULL;
	*out = pci;
	return 0;
}

/* libpci for names alone (a text dump has no config space for it to read). */
struct ic_pci *ic_pci_open_names(void)
{
	return ic_xcalloc(1, sizeof(struct ic_pci));
}

void ic_pci_close(struct ic_pci *pci)
{
	if (!pci)
		return;
	if (pci->acc)
		pci_cleanup(pci->acc);
	if (pci->names)
		pci_cleanup(pci->names);
	free(pci->sysfs_path);
	free(pci);
}

/* A libpci handle for names: from the udev hwdb alone (HWDB), or from pci.ids (IDS_FILE or
 * libpci's default) alone. */
static struct pci_access *ic_pci_names_acc(const char *ids_file, bool hwdb)
{
	struct pci_access *a = pci_alloc();

	a->error = ic_pci_error;
	a->warning = ic_pci_warning;
	a->debug = ic_pci_warning;
	a->id_lookup_mode = hwdb ? 0 : PCI_LOOKUP_NO_HWDB;
	if (hwdb)
		pci_set_name_list_path(a, "", 0);	/* no pci.ids: libpci asks the hwdb */
	else if (ids_file)
		pci_set_name_list_path(a, (char *)ids_file, 0);
	return a;
}

/*
 * A name from the udev hwdb, the database generated from pci.ids that libpci looks names up in
 * without parsing it (pci.ids it parses whole, about 5 ms, for the first name), or from pci.ids
 * where there is no hwdb (libpci built without it, a container without udev); IDS_FILE: from
 * that file alone. Whether there is one: it names Intel's vendor ID 8086.
 */
static char *ic_pci_lookup(struct ic_pci *pci, const char *ids_file, int flags, unsigned int a,
			   unsigned int b)
{
	char buf[256];
	const char *name;

	if (!pci->hwdb) {
		pci->hwdb = -1;
		if (!ids_file) {
			pci->names = ic_pci_names_acc(NULL, true);
			if (pci_lookup_name(pci->names, buf, sizeof(buf), PCI_LOOKUP_VENDOR | PCI_LOOKUP_NO_NUMBERS,
					    0x8086))
				pci->hwdb = 1;
			else
				pci_cleanup(pci->names);
		}
		if (pci->hwdb < 0)
			pci->names = ic_pci_names_acc(ids_file, false);
		ic_debug(IC_DEBUG_PCI, "names from %s", pci->hwdb > 0 ? "the udev hwdb" :
			 ids_file ? ids_file : pci->names->id_file_name);
	}
	name = pci_lookup_name(pci->names, buf, sizeof(buf), flags | PCI_LOOKUP_NO_NUMBERS, a, b);
	return name ? ic_xstrdup(name) : NULL;
}

/*
 * ic_pci_names() - vendor, device and class names of D (ic_pci_lookup()). A database that
 * cannot be read leaves the names unknown (NULL).
 */
void ic_pci_names(struct ic_pci *pci, const char *ids_file, struct ic_dev *d)
{
	jmp_buf jb;

	ic_pci_jump = &jb;
	if (setjmp(jb) == 0) {
		if (d->known & IC_KNOWN_IDENT) {
			d->vendor_name = ic_pci_lookup(pci, ids_file, PCI_LOOKUP_VENDOR, d->vendor, 0);
			d->device_name = ic_pci_lookup(pci, ids_file, PCI_LOOKUP_DEVICE, d->vendor, d->device);
		}
		if (d->known & IC_KNOWN_CLASS)
			d->class_name = ic_pci_lookup(pci, ids_file, PCI_LOOKUP_CLASS, d->class >> 8, 0);
	}
	ic_pci_jump = NULL;
}

/* One read of LEN bytes from offset 0; libpci's sysfs method fails a short read as a whole. */
static bool ic_pci_read_prefix(struct pci_dev *pd, uint8_t *buf, size_t len)
{
	volatile bool ok = false;
	jmp_buf jb;

	ic_pci_jump = &jb;
	if (setjmp(jb) == 0)
		ok = pci_read_block(pd, 0, buf, (int)len) != 0;
	ic_pci_jump = NULL;
	return ok;
}

/*
 * ic_pci_read_config() - read as much of a dumped function's config space as the dump holds.
 * @size: the most to read. libpci fails a read past the end of a dump as a whole, so the
 * readable part is a prefix, found by one read in the common case and by bisection otherwise.
 * Return: 0 with the buffer and its length set (the length may be 0).
 */
int ic_pci_read_config(struct ic_pci *pci, const struct ic_dev *d, size_t size, uint8_t **buf,
		       size_t *len)
{
	struct pci_dev *pd;
	uint8_t *data;
	size_t lo = 0, hi;

	if (size > IC_CFG_EXT_LEN)
		size = IC_CFG_EXT_LEN;
	data = ic_xcalloc(1, size ? size : 1);
	pd = pci_get_dev(pci->acc, (int)d->domain, d->bus, d->slot, d->func);
	if (size && ic_pci_read_prefix(pd, data, size)) {
		lo = size;
	} else if (size) {
		/* invariant: a read of lo bytes succeeds, one of hi bytes fails */
		hi = size;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;

			if (ic_pci_read_prefix(pd, data, mid))
				lo = mid;
			else
				hi = mid;
		}
		if (lo)
			ic_pci_read_prefix(pd, data, lo);
	}
	pci_free_dev(pd);
	*buf = data;
	*len = lo;
	return 0;
}
