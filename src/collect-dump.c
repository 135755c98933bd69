/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect-dump.c - a model from a pasted `lspci -x/-xxx/-xxxx` dump (libpci's dump method). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

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

static bool ic_hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

struct ic_dump_fn {
	unsigned long addr;	/* domain, bus, slot, function packed for sorting */
	size_t line;
};

static int ic_dump_fn_cmp(const void *a, const void *b)
{
	const struct ic_dump_fn *x = a, *y = b;

	return x->addr != y->addr ? (x->addr < y->addr ? -1 : 1) : (x->line < y->line ? -1 : 1);
}

/*
 * A function line as libpci's dump reader takes one: "BB:DD.F ", "DDDD:BB:DD.F " or
 * "DDDDD:BB:DD.F " at the start. Return: its width, or 0 if LINE is not one.
 */
static size_t ic_dump_fn_width(const char *line)
{
	for (size_t dom = 0; dom <= 5; dom += dom ? 1 : 4) {
		const char *b = line + (dom ? dom + 1 : 0);

		if (dom && (!ic_hex_run(line, dom) || line[dom] != ':'))
			continue;
		if (ic_hex_run(b, 2) && b[2] == ':' && ic_hex_run(b + 3, 2) && b[5] == '.' &&
		    isxdigit((unsigned char)b[6]) && b[7] == ' ')
			return (size_t)(b - line) + 7;
	}
	return 0;
}

/*
 * ic_dump_validate() - check TEXT, the very bytes libpci's dump reader will read (ic_text_hex()),
 * the way it reads them, before it does: libpci 3.9 keeps a row's offset in an int and checks
 * only its upper bound, so a row at 80000000 or above writes before its buffer. Every function
 * line must be a real address, given once; every hex row below one must lie inside the 4096
 * bytes of config space. LINES[i] is the file's line number of TEXT's line i.
 * Return: 0, or -EINVAL with *msg saying which line is wrong and why.
 */
static int ic_dump_validate(const char *text, size_t len, const size_t *lines, char **msg)
{
	struct ic_dump_fn *fns = NULL;
	size_t nfns = 0, cap = 0, lineno = 0;
	bool in_fn = false;
	int rc = 0;

	for (const char *p = text; rc == 0 && p < text + len; lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p), w;
		char line[256];
		unsigned int dom = 0, bus, slot, fn;

		if (n && p[n - 1] == '\r')
			n--;
		if (memchr(p, '\0', n)) {
			*msg = ic_xasprintf("line %zu: a NUL byte: not a text dump", lines[lineno]);
			rc = -EINVAL;
			break;
		}
		if (n >= sizeof(line) - 2) {
			/* libpci refuses such a line itself; say which */
			*msg = ic_xasprintf("line %zu: a row longer than %zu characters", lines[lineno],
					    sizeof(line) - 3);
			rc = -EINVAL;
			break;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		p = nl ? nl + 1 : text + len;
		w = ic_dump_fn_width(line);
		if (w) {
			int k = w > 8 ? sscanf(line, "%x:%x:%x.%x", &dom, &bus, &slot, &fn) - 1 :
					sscanf(line, "%x:%x.%x", &bus, &slot, &fn);

			if (k != 3 || slot > 0x1f || fn > 7 || dom > 0xffff) {
				*msg = ic_xasprintf("line %zu: %.*s is not a PCI function address",
						    lines[lineno], (int)w, line);
				rc = -EINVAL;
			}
			IC_APPEND(fns, nfns, cap, ((struct ic_dump_fn){
				.addr = (unsigned long)dom << 16 | bus << 8 | slot << 3 | fn,
				.line = lines[lineno] }));
			in_fn = true;
		} else if (!n) {
			in_fn = false;
		} else if (in_fn) {
			size_t h = strspn(line, "0123456789abcdefABCDEF");
			unsigned long off, nbytes = 0;

			if (h < 2 || h > 8 || line[h] != ':' || line[h + 1] != ' ')
				continue;	/* not a row: libpci skips it too */
			off = strtoul(line, NULL, 16);
			for (const char *z = line + h + 2; ic_hex_run(z, 2) && (!z[2] || z[2] == ' ');
			     z += z[2] ? 3 : 2)
				nbytes++;
			if (off >= 0x1000 || off + nbytes > 0x1000) {
				*msg = ic_xasprintf("line %zu: row at offset 0x%lx is past the 4096 bytes of config space",
						    lines[lineno], off);
				rc = -EINVAL;
			}
		}
	}
	if (rc == 0 && nfns > 1) {
		qsort(fns, nfns, sizeof(*fns), ic_dump_fn_cmp);
		for (size_t i = 1; i < nfns; i++)
			if (fns[i].addr == fns[i - 1].addr) {
				*msg = ic_xasprintf("line %zu: the function of line %zu again (several machines in one file?)",
						    fns[i].line, fns[i - 1].line);
				rc = -EINVAL;
				break;
			}
	}
	free(fns);
	return rc;
}

/*
 * libpci's dump reader takes a file name: it is given the function lines and hex rows alone,
 * in memory (a memfd), so that decoded text around them never reaches it. Return: 0 and *pci.
 */
static int ic_dump_open(const char *hex, size_t len, struct ic_pci **pci, char **msg)
{
	int fd = memfd_create("iso-check-dump", MFD_CLOEXEC);
	char name[64];
	int rc;

	if (fd < 0) {
		*msg = ic_xasprintf("memfd_create: %s", strerror(errno));
		return -errno;
	}
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, hex + off, len - off);

		if (w <= 0) {
			*msg = ic_xasprintf("memfd: %s", strerror(errno));
			close(fd);
			return -EIO;
		}
		off += (size_t)w;
	}
	snprintf(name, sizeof(name), "/proc/self/fd/%d", fd);
	rc = ic_pci_open(NULL, name, pci, msg);
	close(fd);
	return rc;
}

static int ic_dump_fail(struct ic_collect_error *err, const char *file, int rc, char *msg)
{
	err->path = ic_xstrdup(file);
	err->msg = msg;
	return rc;
}

/*
 * The parent of a VF is its PF's (the kernel's virtual buses have no bridge of their own);
 * after the parents from bus numbers.
 */
static void ic_dump_vf_parents(struct ic_model *m)
{
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_dev *d = &m->devs[i], *p;

		if (!d->physfn || d->parent == d->physfn->parent)
			continue;
		p = d->parent = d->physfn->parent;
		if (p && (!p->nchild_buses || p->child_buses[p->nchild_buses - 1] != d->bus)) {
			p->child_buses = ic_xrealloc(p->child_buses, p->nchild_buses + 1, 1);
			p->child_buses[p->nchild_buses++] = d->bus;
		}
	}
}

/*
 * ic_collect_dump() - read FILE, what users paste into bug reports: lspci's hex dump
 * (-x/-xxx/-xxxx), its decoded text (-v/-vv/-vvv, with or without -nn, -k, -D, -t), or both
 * (hex rows win). Only what the file shows is known: resources, a hex dump's drivers and
 * groups, and everything the text does not print stay unknown.
 */
int ic_collect_dump(const char *file, const struct ic_collect_opts *opts, struct ic_model **out,
		    struct ic_collect_error *err)
{
	struct ic_pci *pci = NULL;
	struct ic_text *t = NULL;
	struct ic_model *m;
	const char *hex;
	const size_t *lines;
	char *msg = NULL;
	size_t n, len, hexlen;
	char *text;
	int rc;

	rc = ic_read_file(file, IC_ROOT_MAX_FILE, &text, &len);
	if (rc < 0)
		return ic_dump_fail(err, file, rc, ic_xasprintf("cannot read the lspci dump: %s", ic_strerror(-rc)));
	rc = ic_text_scan(text, len, &t, &msg);
	free(text);
	if (rc == 0)
		rc = ic_text_check(t, &msg);
	if (rc < 0) {
		ic_text_free(t);
		rc = ic_dump_fail(err, file, rc, ic_xasprintf("not lspci output iso-check can read: %s", msg));
		free(msg);
		return rc;
	}
	n = ic_text_count(t);
	if (!n) {
		ic_text_free(t);
		return ic_dump_fail(err, file, -ENODATA, ic_xstrdup("no device in the lspci dump"));
	}
	/* libpci's dump reader says little about a bad file and trusts its rows: check first */
	hex = ic_text_hex(t, &hexlen, &lines);
	if (hex && ((rc = ic_dump_validate(hex, hexlen, lines, &msg)) < 0 ||
		    (rc = ic_dump_open(hex, hexlen, &pci, &msg)) < 0)) {
		rc = -EINVAL;
		ic_text_free(t);
		rc = ic_dump_fail(err, file, rc, ic_xasprintf("not an lspci -x dump iso-check can read: %s", msg));
		free(msg);
		return rc;
	}
	m = ic_model_new();
	m->dump = ic_xstrdup(file);
	m->dump_form = ic_text_form(t);
	m->devs = ic_xcalloc(n, sizeof(*m->devs));
	m->ndevs = m->devs_cap = n;
	for (size_t i = 0; i < n; i++) {
		struct ic_dev *d = &m->devs[i];
		bool has_hex = ic_text_addr_of(t, i, d);

		snprintf(d->bdf, sizeof(d->bdf), "%04x:%02x:%02x.%u", d->domain, d->bus, d->slot, d->func);
		d->syspath = ic_xasprintf("lspci-dump/%s", d->bdf);
		d->numa_node = -1;
		d->iommu_group = -1;
		d->pcie_type = IC_PCIE_NONE;
		if (has_hex && pci) {
			char *path = ic_xasprintf("%s: %s", file, d->bdf);

			ic_pci_read_config(pci, d, IC_CFG_EXT_LEN, &d->config, &d->config_len);
			d->config_size = d->config_len;
			ic_dump_ident(d);
			ic_dev_parse_config(m, d, path, true);
			free(path);
		}
		ic_text_apply(t, i, m, d);
	}
	ic_text_problems(t, m, file);
	m->config_cut = false;	/* what text did not fill in */
	for (size_t i = 0; i < n; i++)
		m->config_cut |= m->devs[i].config_cut;
	for (size_t i = 0; !opts->numeric && i < n; i++)
		if (m->devs[i].known & IC_KNOWN_IDENT) {
			if (!pci)
				pci = ic_pci_open_names();
			ic_pci_names(pci, opts->pci_ids, &m->devs[i]);
		}
	ic_pci_close(pci);
	ic_model_sort_devs(m);
	ic_text_finish(t, m);
	ic_dump_parents(m);
	ic_dump_vf_parents(m);
	ic_text_maybe_vfs(m);
	ic_text_free(t);
	*out = m;
	return 0;
}
