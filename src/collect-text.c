/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * collect-text.c - what pasted `lspci -v/-vv/-vvv` text proves about each function, as
 * pciutils 3.5 to 3.14 print it (lspci.c, ls-caps.c, ls-ecaps.c), scanned line by line
 * (collect-text-model.c puts it in the model). Whatever the text does not print stays unknown.
 * Pastes are messy: lines wrapped by mail clients are joined back, stderr messages cut out,
 * tree (-t) sections and prompts skipped.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <pci/header.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect-text.h"
#include "collect.h"
#include "ic.h"

static IC_PRINTF(3, 4) void ic_text_problem(struct ic_text *t, size_t line, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		ic_oom();
	va_end(ap);
	IC_APPEND(t->problems, t->nproblems, t->problems_cap, ((struct ic_text_problem){ line, msg }));
}

static bool ic_hex_n(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return true;
}

static unsigned int ic_hex_parse(const char *s, size_t n)
{
	unsigned int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v << 4 | (unsigned int)ic_hexval(s[i]);
	return v;
}

/*
 * A function's header line: "[DDDD[D]:]BB:DD.F " at the start. Return: the address's width
 * (0 if S is not one), with the address in *F.
 */
static size_t ic_text_addr(const char *s, struct ic_text_fn *f)
{
	size_t dom = 0;

	if (ic_hex_n(s, 4) && s[4] == ':' && ic_hex_n(s + 5, 2) && s[7] == ':')
		dom = 5;
	else if (ic_hex_n(s, 5) && s[5] == ':' && ic_hex_n(s + 6, 2) && s[8] == ':')
		dom = 6;
	s += dom;
	if (!(ic_hex_n(s, 2) && s[2] == ':' && ic_hex_n(s + 3, 2) && s[5] == '.' && s[6] >= '0' &&
	      s[6] <= '7' && (s[7] == ' ' || s[7] == '\t')))
		return 0;
	f->domain = dom ? ic_hex_parse(s - dom, dom - 1) : 0;
	f->bus = (uint8_t)ic_hex_parse(s, 2);
	f->slot = (uint8_t)ic_hex_parse(s + 3, 2);
	f->func = (uint8_t)(s[6] - '0');
	return dom + 7;
}

/*
 * A hex row of a dump as libpci's reader takes one: "OFF: xx xx ...", the offset two to eight
 * hex digits, bytes one space apart. Return: true, with the offset, the bytes (at most 4096;
 * any more only count) and whether anything but blanks follows them (*junk).
 */
static bool ic_text_hexrow(const char *s, unsigned long *off, uint8_t *bytes, size_t *n, bool *junk)
{
	size_t h = strspn(s, "0123456789abcdefABCDEF");
	const char *p;

	if (h < 2 || h > 8 || s[h] != ':' || s[h + 1] != ' ')
		return false;
	*n = 0;
	for (p = s + h + 2; ic_hex_n(p, 2) && (!p[2] || p[2] == ' '); p += p[2] ? 3 : 2) {
		if (*n < 4096)
			bytes[*n] = (uint8_t)ic_hex_parse(p, 2);
		(*n)++;
	}
	*junk = p[strspn(p, " \t")] != '\0';
	*off = 0;
	for (size_t i = 0; i < h; i++)
		*off = *off << 4 | (unsigned long)ic_hexval(s[i]);
	return true;
}

static bool ic_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* "Name+" / "Name-" somewhere in S as a word: 1, 0; -1 if absent. */
static int ic_text_flag(const char *s, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(s, name); p; p = strstr(p + 1, name))
		if ((p == s || isspace((unsigned char)p[-1]) || p[-1] == ':') && (p[n] == '+' || p[n] == '-'))
			return p[n] == '+';
	return -1;
}

/* The bits named in an ACSCap:/ACSCtl: line, in register order; false if any is missing. */
static bool ic_text_acs_bits(const char *s, uint16_t *v)
{
	static const char *const names[] = {
		"SrcValid", "TransBlk", "ReqRedir", "CmpltRedir", "UpstreamFwd", "EgressCtrl", "DirectTrans",
	};

	*v = 0;
	for (unsigned int i = 0; i < IC_ARRAY_SIZE(names); i++) {
		int b = ic_text_flag(s, names[i]);

		if (b < 0)
			return false;
		*v |= (uint16_t)(b << i);
	}
	return true;
}

/* The last "[vvvv:dddd]" in S (before END): true with the IDs. */
static bool ic_text_ids(const char *s, const char *end, uint16_t *a, uint16_t *b)
{
	for (const char *p = end - 1; p >= s + 10; p--)
		if (*p == ']' && p[-10] == '[' && p[-5] == ':' && ic_hex_n(p - 9, 4) && ic_hex_n(p - 4, 4)) {
			*a = (uint16_t)ic_hex_parse(p - 9, 4);
			*b = (uint16_t)ic_hex_parse(p - 4, 4);
			return true;
		}
	return false;
}

static char *ic_text_dup(const char *s, const char *e)
{
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	while (s < e && isspace((unsigned char)*s))
		s++;
	return e > s ? strndup(s, (size_t)(e - s)) : NULL;
}

/*
 * The rest of a header line after the address: "CLASS [cccc]: DESC [vvvv:dddd] (rev rr)
 * (prog-if pp [name])" with -nn, "cccc: vvvv:dddd (rev rr)" with -n, names alone otherwise.
 */
static void ic_text_header(struct ic_text *t, struct ic_text_fn *f, const char *s)
{
	const char *colon, *end, *p;
	unsigned int progif = 0;

	s += strspn(s, " \t");
	colon = strstr(s, ": ");
	end = s + strlen(s);

	if (!colon) {
		ic_text_problem(t, f->line, "%02x:%02x.%u: no class in its first line", f->bus, f->slot, f->func);
		return;
	}
	if ((p = strstr(colon, " (prog-if ")) && ic_hex_n(p + 10, 2)) {
		progif = ic_hex_parse(p + 10, 2);
		end = p;
	}
	if ((p = strstr(colon, " (rev ")) && p < end && ic_hex_n(p + 6, 2) && p[8] == ')') {
		f->revision = (uint8_t)ic_hex_parse(p + 6, 2);
		end = p;
	}
	if (colon - s == 4 && ic_hex_n(s, 4)) {
		/* -n: numbers only */
		f->class = ic_hex_parse(s, 4) << 8 | progif;
		if (ic_hex_n(colon + 2, 4) && colon[6] == ':' && ic_hex_n(colon + 7, 4)) {
			f->vendor = (uint16_t)ic_hex_parse(colon + 2, 4);
			f->device = (uint16_t)ic_hex_parse(colon + 7, 4);
			f->known |= IC_KNOWN_IDENT | IC_KNOWN_CLASS | IC_KNOWN_REVISION;
		}
		t->form |= IC_TF_N;
		return;
	}
	if (colon - s >= 7 && colon[-1] == ']' && colon[-6] == '[' && ic_hex_n(colon - 5, 4) &&
	    ic_text_ids(colon, end, &f->vendor, &f->device)) {
		f->class = ic_hex_parse(colon - 5, 4) << 8 | progif;
		f->known |= IC_KNOWN_IDENT | IC_KNOWN_CLASS | IC_KNOWN_REVISION;
		f->class_text = ic_text_dup(s, colon - 6);
		t->form |= IC_TF_NN;
	} else {
		f->class_text = ic_text_dup(s, colon);
		t->form |= IC_TF_NAMES;
	}
	f->desc_text = ic_text_dup(colon + 1, end);
}

/* Capability names as lspci prints them, to their IDs; the rest are kept as unknown. */
static const struct ic_text_capname {
	const char *name;
	uint16_t id;
	bool extended;
	int kind;
} ic_text_capnames[] = {
	{ "Power Management version", PCI_CAP_ID_PM, false, IC_TC_PM },
	{ "Express ", PCI_CAP_ID_EXP, false, IC_TC_EXP },
	{ "PCI Advanced Features", PCI_CAP_ID_AF, false, IC_TC_AF },
	{ "MSI-X:", PCI_CAP_ID_MSIX, false, IC_TC_OTHER },
	{ "MSI:", PCI_CAP_ID_MSI, false, IC_TC_OTHER },
	{ "Access Control Services", PCI_EXT_CAP_ID_ACS, true, IC_TC_ACS },
	{ "Single Root I/O Virtualization", PCI_EXT_CAP_ID_SRIOV, true, IC_TC_SRIOV },
	{ "Alternative Routing-ID Interpretation", PCI_EXT_CAP_ID_ARI, true, IC_TC_OTHER },
	{ "Device Serial Number", PCI_EXT_CAP_ID_DSN, true, IC_TC_OTHER },
};

/* PCI Express port types after "Express (vN) ", longest names first where one begins another. */
static const struct { const char *name; int type; } ic_text_exptypes[] = {
	{ "Legacy Endpoint", IC_PCIE_LEG_END },
	{ "Endpoint", IC_PCIE_ENDPOINT },
	{ "Root Port", IC_PCIE_ROOT_PORT },
	{ "Upstream Port", IC_PCIE_UPSTREAM },
	{ "Downstream Port", IC_PCIE_DOWNSTREAM },
	{ "PCI-Express to PCI/PCI-X Bridge", IC_PCIE_PCI_BRIDGE },
	{ "PCI/PCI-X to PCI-Express Bridge", IC_PCIE_PCIE_BRIDGE },
	{ "Root Complex Integrated Endpoint", IC_PCIE_RC_END },
	{ "Root Complex Event Collector", IC_PCIE_RC_EC },
};

/* "Capabilities: [OFF] NAME" or "[OFF vN] NAME" (extended), or "<access denied>". */
static void ic_text_capline(struct ic_text *t, struct ic_text_fn *f, const char *s, size_t line)
{
	size_t h;
	unsigned int off;
	const char *name;

	f->caps_line = true;
	f->cap = IC_TC_NONE;
	s += strspn(s, " \t");
	if (ic_prefix(s, "<access denied>")) {
		f->caps_denied = true;
		t->form |= IC_TF_DENIED;
		return;
	}
	h = s[0] == '[' ? strspn(s + 1, "0123456789abcdef") : 0;
	if (h < 2 || h > 3 || (s[1 + h] != ']' && s[1 + h] != ' ')) {
		ic_text_problem(t, line, "%02x:%02x.%u: a capability line iso-check cannot read", f->bus,
				f->slot, f->func);
		f->caps_broken = true;
		return;
	}
	off = ic_hex_parse(s + 1, h);
	name = strchr(s, ']');
	name = name ? name + 1 + strspn(name + 1, " ") : s + strlen(s);
	if (ic_prefix(name, "<chain looped>") || ic_prefix(name, "<chain broken>")) {
		ic_text_problem(t, line, "%02x:%02x.%u: capability list %s", f->bus, f->slot, f->func,
				name[7] == 'l' ? "loops" : "is broken");
		f->caps_broken = true;
		return;
	}
	f->cap = IC_TC_OTHER;
	for (size_t i = 0; i < IC_ARRAY_SIZE(ic_text_capnames); i++) {
		const struct ic_text_capname *c = &ic_text_capnames[i];

		if (!ic_prefix(name, c->name) || c->extended != (off >= 0x100))
			continue;
		IC_APPEND(f->caps, f->ncaps, f->caps_cap, ((struct ic_cap){ .id = c->id, .offset = (uint16_t)off,
					  .extended = c->extended }));
		f->cap = c->kind;
		if (c->kind == IC_TC_SRIOV)
			f->sriov = true;
		break;
	}
	if (f->cap == IC_TC_EXP && f->pcie_type == IC_PCIE_NONE) {
		const char *ty = name + strlen("Express ");

		if (ty[0] == '(' && (ty = strchr(ty, ')')))
			ty += 1 + strspn(ty + 1, " ");
		for (size_t i = 0; ty && i < IC_ARRAY_SIZE(ic_text_exptypes); i++)
			if (ic_prefix(ty, ic_text_exptypes[i].name)) {
				f->pcie_type = ic_text_exptypes[i].type;
				f->known |= IC_KNOWN_PCIE;
				if (strstr(ty, "(Slot+)"))
					f->exp_flags |= PCI_EXP_FLAGS_SLOT;
				break;
			}
		if (!(f->known & IC_KNOWN_PCIE))
			ic_text_problem(t, line, "%02x:%02x.%u: a PCI Express type iso-check does not know",
					f->bus, f->slot, f->func);
	}
}

/* Lines inside a capability: only those the analyses use. */
static void ic_text_capdetail(struct ic_text *t, struct ic_text_fn *f, const char *s, size_t line)
{
	unsigned int a, b, c;
	int v;

	switch (f->cap) {
	case IC_TC_EXP:
		if (ic_prefix(s, "DevCap:"))
			f->in_devcap = true;
		else if (ic_prefix(s, "DevCtl:"))
			f->in_devcap = false;
		if (f->in_devcap && (v = ic_text_flag(s, "FLReset")) >= 0)
			f->flr = v;
		break;
	case IC_TC_PM:
		if (ic_prefix(s, "Status: D") && (v = ic_text_flag(s, "NoSoftRst")) >= 0)
			f->nosoftrst = v;
		break;
	case IC_TC_AF:
		if (ic_prefix(s, "AFCap:")) {
			f->af_flr = ic_text_flag(s, "FLR");
			f->af_tp = ic_text_flag(s, "TP");
		}
		break;
	case IC_TC_ACS:
		if (ic_prefix(s, "ACSCap:"))
			f->acs_cap_line = ic_text_acs_bits(s, &f->acs_cap);
		else if (ic_prefix(s, "ACSCtl:"))
			f->acs_ctl_line = ic_text_acs_bits(s, &f->acs_ctl);
		else
			break;
		if (!f->acs_cap_line && ic_prefix(s, "ACSCap:"))
			ic_text_problem(t, line, "%02x:%02x.%u: an ACSCap line iso-check cannot read", f->bus,
					f->slot, f->func);
		if (!f->acs_ctl_line && ic_prefix(s, "ACSCtl:"))
			ic_text_problem(t, line, "%02x:%02x.%u: an ACSCtl line iso-check cannot read", f->bus,
					f->slot, f->func);
		break;
	case IC_TC_SRIOV:
		if (ic_prefix(s, "IOVCtl:") && (v = ic_text_flag(s, "Enable")) >= 0) {
			f->iov_ctl = true;
			f->iov_ctrl = (uint16_t)(v ? PCI_IOV_CTRL_VFE : 0);
			if (ic_text_flag(s, "ARIHierarchy") == 1)
				f->iov_ctrl |= PCI_IOV_CTRL_ARI;
		} else if (sscanf(s, "Initial VFs: %u, Total VFs: %u, Number of VFs: %u", &a, &b, &c) == 3 &&
			   a <= 0xffff && b <= 0xffff && c <= 0xffff) {
			f->initial_vfs = (uint16_t)a, f->total_vfs = (uint16_t)b, f->num_vfs = (uint16_t)c;
			f->iov_vfs = true;
		} else if (sscanf(s, "VF offset: %u, stride: %u, Device ID: %x", &a, &b, &c) == 3 &&
			   a <= 0xffff && b <= 0xffff && c <= 0xffff) {
			f->vf_offset = (uint16_t)a, f->vf_stride = (uint16_t)b, f->vf_device = (uint16_t)c;
			f->iov_layout = true;
		}
		break;
	default:
		break;
	}
}

/* ", NUMA node N" and ", IOMMU group N" of a -v "Flags:" line, or the -vv lines themselves. */
static bool ic_text_int(const char *s, const char *key, int *out)
{
	const char *p = strstr(s, key);
	char *e;
	long v;

	if (!p)
		return false;
	p += strlen(key);
	v = strtol(p, &e, 10);
	if (e == p || v < 0 || v > INT32_MAX || (*e && *e != ',' && !isspace((unsigned char)*e)))
		return false;
	*out = (int)v;
	return true;
}

/* One logical line of a function's body (indentation and wraps already undone). */
static void ic_text_body(struct ic_text *t, struct ic_text_fn *f, const char *s, size_t line)
{
	unsigned int pri, sec, sub;

	f->last = line;
	if (ic_prefix(s, "Capabilities:")) {
		ic_text_capline(t, f, s + strlen("Capabilities:"), line);
		t->form |= IC_TF_DECODED | IC_TF_VERBOSE;
		return;
	}
	if (ic_prefix(s, "Kernel driver in use:")) {
		free(f->driver);
		f->driver = ic_text_dup(s + strlen("Kernel driver in use:"), s + strlen(s));
		f->cap = IC_TC_NONE;
		f->complete = true;
		t->form |= IC_TF_KERNEL | IC_TF_DECODED;
		return;
	}
	if (ic_prefix(s, "Kernel modules:")) {
		f->cap = IC_TC_NONE;
		f->complete = true;
		t->form |= IC_TF_KERNEL | IC_TF_DECODED;
		return;
	}
	if (f->cap != IC_TC_NONE) {
		ic_text_capdetail(t, f, s, line);
		return;
	}
	if (ic_prefix(s, "Subsystem:")) {
		const char *v = s + strlen("Subsystem:") + strspn(s + strlen("Subsystem:"), " \t");

		if (ic_text_ids(v, v + strlen(v), &f->subvendor, &f->subdevice) ||
		    (ic_hex_n(v, 4) && v[4] == ':' && ic_hex_n(v + 5, 4) &&
		     (f->subvendor = (uint16_t)ic_hex_parse(v, 4), f->subdevice = (uint16_t)ic_hex_parse(v + 5, 4), 1)))
			f->known |= IC_KNOWN_SUBSYS;
	} else if (ic_prefix(s, "Flags:")) {
		t->form |= IC_TF_V1 | IC_TF_DECODED | IC_TF_VERBOSE;
		ic_text_int(s, "NUMA node ", &f->numa);
		if (ic_text_int(s, "IOMMU group ", &f->group))
			t->form |= IC_TF_GROUPS;
	} else if (ic_prefix(s, "Control:")) {
		t->form |= IC_TF_V2 | IC_TF_DECODED | IC_TF_VERBOSE;
	} else if (ic_prefix(s, "NUMA node:")) {
		ic_text_int(s, "NUMA node: ", &f->numa);
	} else if (ic_prefix(s, "IOMMU group:")) {
		if (ic_text_int(s, "IOMMU group: ", &f->group))
			t->form |= IC_TF_GROUPS | IC_TF_VERBOSE | IC_TF_DECODED;
		else
			ic_text_problem(t, line, "%02x:%02x.%u: an IOMMU group line iso-check cannot read",
					f->bus, f->slot, f->func);
	} else if (ic_prefix(s, "Bus: primary=")) {
		if (sscanf(s, "Bus: primary=%x, secondary=%x, subordinate=%x", &pri, &sec, &sub) == 3 &&
		    pri <= 0xff && sec <= 0xff && sub <= 0xff) {
			f->bus_line = true;
			f->secondary = (uint8_t)sec;
			f->subordinate = (uint8_t)sub;
		} else {
			ic_text_problem(t, line, "%02x:%02x.%u: a bridge's bus numbers iso-check cannot read",
					f->bus, f->slot, f->func);
		}
		t->form |= IC_TF_DECODED | IC_TF_VERBOSE;
	} else if (ic_prefix(s, "I/O behind bridge") || ic_prefix(s, "Memory behind bridge") ||
		   ic_prefix(s, "Prefetchable memory behind bridge") || ic_prefix(s, "Secondary status:") ||
		   (ic_prefix(s, "BridgeCtl:") && ic_text_flag(s, "NoISA") >= 0)) {
		f->type1 = true;
	} else if (ic_prefix(s, "Memory window ") || ic_prefix(s, "I/O window ") ||
		   ic_prefix(s, "16-bit legacy interface") ||
		   (ic_prefix(s, "BridgeCtl:") && ic_text_flag(s, "16bInt") >= 0)) {
		f->type2 = true;
	} else if (ic_prefix(s, "!!! Unknown header type")) {
		f->htype_unknown = true;
	} else if (ic_prefix(s, "<access denied to the rest>")) {
		f->caps_denied = true;
		t->form |= IC_TF_DENIED;
	}
}

/* A branch of a -t tree: "-[0000:00]-+-00.0", "+-01.0-[01]--", "\\-1f.3", "|". */
static bool ic_text_tree(const char *s)
{
	return ic_prefix(s, "-[") || ic_prefix(s, "+-") || ic_prefix(s, "\\-") || s[0] == '|';
}

/* A line that is no part of lspci's output: a prompt, a comment, a tree. */
static bool ic_text_noise(const char *s)
{
	return s[0] == '#' || s[0] == '$' || ic_text_tree(s) || ic_prefix(s, "lspci") ||
	       ic_prefix(s, "sudo ") || strstr(s, "$ lspci") || strstr(s, "# lspci");
}

/* Where a message of pciutils on stderr begins inside S, or NULL. */
static const char *ic_text_stderr(const char *s)
{
	static const char *const who[] = { "pcilib: ", "lspci: ", "setpci: " };
	const char *best = NULL;

	for (size_t i = 0; i < IC_ARRAY_SIZE(who); i++) {
		const char *p = strstr(s, who[i]);

		if (p && (!best || p < best))
			best = p;
	}
	return best;
}

struct ic_text_pending {
	char *buf;			/* the logical line being gathered */
	size_t len, cap, line;
	bool glue;			/* the next physical line continues it directly (stderr cut it) */
};

static void ic_pending_add(struct ic_text_pending *p, const char *s, size_t n)
{
	if (p->len + n + 1 > p->cap) {
		p->cap = (p->len + n + 1) * 2;
		p->buf = ic_xrealloc(p->buf, p->cap, 1);
	}
	memcpy(p->buf + p->len, s, n);
	p->len += n;
	p->buf[p->len] = '\0';
}

/* The hex dump libpci reads: function lines cut to their address, and their hex rows. */
static void ic_text_hex_add(struct ic_text *t, const char *s, size_t n, size_t lineno)
{
	if (t->hexlen + n + 2 > t->hex_cap) {
		t->hex_cap = (t->hexlen + n + 2) * 2;
		t->hex = ic_xrealloc(t->hex, t->hex_cap, 1);
	}
	memcpy(t->hex + t->hexlen, s, n);
	t->hexlen += n;
	t->hex[t->hexlen++] = '\n';
	t->hex[t->hexlen] = '\0';
	IC_APPEND(t->hex_lines, t->nhex_lines, t->hex_lines_cap, lineno);
}

/* A hex row as libpci will read it, written the one way lspci writes it. */
static void ic_text_hex_row(struct ic_text *t, unsigned long off, const uint8_t *bytes, size_t n,
			    size_t lineno)
{
	char *row = ic_xmalloc(16 + 3 * n);
	size_t len = (size_t)sprintf(row, "%02lx:", off);

	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(row + len, " %02x", bytes[i]);
	ic_text_hex_add(t, row, len, lineno);
	free(row);
}

/* Hand a gathered line to its function. */
static void ic_pending_flush(struct ic_text *t, struct ic_text_pending *p)
{
	struct ic_text_fn *f = t->nfns ? &t->fns[t->nfns - 1] : NULL;

	if (!p->len || !f) {
		p->len = 0;
		return;
	}
	p->buf[p->len] = '\0';
	if (p->line == f->line)
		ic_text_header(t, f, p->buf + ic_text_addr(p->buf, &(struct ic_text_fn){ 0 }) );
	else
		ic_text_body(t, f, p->buf + strspn(p->buf, " \t"), p->line);
	p->len = 0;
	p->glue = false;
}

static void ic_text_fn_free(struct ic_text_fn *f)
{
	free(f->class_text);
	free(f->desc_text);
	free(f->caps);
	free(f->driver);
}

void ic_text_free(struct ic_text *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nfns; i++)
		ic_text_fn_free(&t->fns[i]);
	free(t->fns);
	for (size_t i = 0; i < t->nproblems; i++)
		free(t->problems[i].msg);
	free(t->problems);
	free(t->hex);
	free(t->hex_lines);
	free(t);
}

static int ic_text_fn_cmp(const void *a, const void *b)
{
	const struct ic_text_fn *x = *(struct ic_text_fn *const *)a, *y = *(struct ic_text_fn *const *)b;
	uint64_t ka = (uint64_t)x->domain << 16 | x->bus << 8 | x->slot << 3 | x->func;
	uint64_t kb = (uint64_t)y->domain << 16 | y->bus << 8 | y->slot << 3 | y->func;

	return ka != kb ? (ka < kb ? -1 : 1) : (x->line < y->line ? -1 : 1);
}

/* Several machines in one file show up as one address twice. */
static int ic_text_dups(const struct ic_text *t, char **msg)
{
	struct ic_text_fn **v = ic_xcalloc(t->nfns ? t->nfns : 1, sizeof(*v));
	int rc = 0;

	for (size_t i = 0; i < t->nfns; i++)
		v[i] = &t->fns[i];
	qsort(v, t->nfns, sizeof(*v), ic_text_fn_cmp);
	for (size_t i = 1; i < t->nfns && !rc; i++)
		if (v[i]->domain == v[i - 1]->domain && v[i]->bus == v[i - 1]->bus &&
		    v[i]->slot == v[i - 1]->slot && v[i]->func == v[i - 1]->func) {
			*msg = ic_xasprintf("line %zu: the function of line %zu again (several machines in one file?)",
					    v[i]->line, v[i - 1]->line);
			rc = -EINVAL;
		}
	free(v);
	return rc;
}

/*
 * ic_text_scan() - read lspci's output, text, hex or both, into *OUT.
 * Return: 0, or -EINVAL with *msg naming the line that makes the file unreadable.
 */
int ic_text_scan(const char *text, size_t len, struct ic_text **out, char **msg)
{
	struct ic_text *t = ic_xcalloc(1, sizeof(*t));
	struct ic_text_pending p = { 0 };
	size_t lineno = 0;
	bool blank_after = false, in_fn = false, cut_line = len && text[len - 1] != '\n';
	uint8_t *bytes = ic_xmalloc(4096);
	int rc = 0;

	for (const char *s = text; s < text + len && !rc;) {
		const char *nl = memchr(s, '\n', (size_t)(text + len - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(text + len - s), hexn;
		unsigned long off;
		bool junk;
		char *line;
		const char *err;
		struct ic_text_fn f = { 0 };

		lineno++;
		if (memchr(s, '\0', n)) {
			*msg = ic_xasprintf("line %zu: a NUL byte: not lspci output", lineno);
			rc = -EINVAL;
			break;
		}
		if (n && s[n - 1] == '\r')
			n--;
		line = strndup(s, n);
		if (!line)
			ic_oom();
		s = nl ? nl + 1 : text + len;

		/* stderr inside a line: the line goes on after the message's end */
		if ((err = ic_text_stderr(line))) {
			t->stderr_lines++;
			if (err == line + strspn(line, " \t")) {
				free(line);
				continue;
			}
			*(char *)err = '\0';
		}
		if (p.glue) {
			ic_pending_add(&p, line, strlen(line));
			p.glue = err != NULL;
			free(line);
			continue;
		}
		if (ic_text_addr(line, &f) && f.slot > 0x1f) {
			*msg = ic_xasprintf("line %zu: %.*s is not a PCI function address", lineno,
					    (int)ic_text_addr(line, &f), line);
			rc = -EINVAL;
		} else if (ic_text_addr(line, &f)) {
			ic_pending_flush(t, &p);
			size_t w = ic_text_addr(line, &f);

			f.line = f.last = lineno;
			f.pcie_type = IC_PCIE_NONE;
			f.flr = f.nosoftrst = f.af_flr = f.af_tp = f.numa = f.group = -1;
			if (w > 8)
				t->form |= IC_TF_DOMAINS;
			if (line[w + 1] == '"')
				t->form |= IC_TF_MACHINE;
			if (t->nfns)
				t->fns[t->nfns - 1].complete = true;	/* the next function began */
			IC_APPEND(t->fns, t->nfns, t->fns_cap, f);
			line[w] = ' ';		/* libpci's reader wants the space */
			ic_text_hex_add(t, line, w + 1, lineno);
			ic_pending_add(&p, line, strlen(line));
			p.line = lineno;
			p.glue = err != NULL;
			blank_after = false;
			in_fn = true;
		} else if (!line[strspn(line, " \t")]) {
			ic_pending_flush(t, &p);
			blank_after = true;
			in_fn = in_fn && line[0];	/* libpci's reader: an empty line ends the rows */
			if (t->nfns)
				t->fns[t->nfns - 1].complete = true;
		} else if (in_fn && ic_text_hexrow(line, &off, bytes, &hexn, &junk)) {
			ic_pending_flush(t, &p);
			if (junk || hexn > 4096) {
				*msg = ic_xasprintf("line %zu: a hex row with %s after its bytes: not lspci -x output",
						    lineno, junk ? "text" : "too many");
				rc = -EINVAL;
				free(line);
				break;
			}
			t->fns[t->nfns - 1].hex = true;
			t->form |= IC_TF_HEX;
			if (off + hexn > t->max_hex)
				t->max_hex = off + hexn;
			ic_text_hex_row(t, off, bytes, hexn, lineno);
		} else if (isspace((unsigned char)line[0])) {
			ic_pending_flush(t, &p);
			if (ic_text_tree(line + strspn(line, " \t"))) {
				t->form |= IC_TF_TREE;	/* a -t tree's branches */
			} else if (t->nfns) {
				ic_pending_add(&p, line, strlen(line));
				p.line = lineno;
				p.glue = err != NULL;
			}
		} else if (ic_text_noise(line)) {
			ic_pending_flush(t, &p);
			if (ic_text_tree(line))
				t->form |= IC_TF_TREE;
		} else if (p.len) {
			/* a line wrapped by a mail client or a forum: it goes on the one before */
			ic_pending_add(&p, " ", 1);
			ic_pending_add(&p, line, strlen(line));
			p.glue = err != NULL;
			t->wrapped++;
		}
		free(line);
	}
	ic_pending_flush(t, &p);
	free(p.buf);
	free(bytes);
	if (rc == 0 && t->nfns) {
		struct ic_text_fn *last = &t->fns[t->nfns - 1];

		/* the end of a paste: the last function is whole if a blank line or a kernel line ends it */
		last->complete = !cut_line && (blank_after || last->complete ||
					       ((t->form & IC_TF_HEX) && !(t->form & IC_TF_DECODED)));
		if (!last->complete && (t->form & IC_TF_DECODED))
			ic_text_problem(t, last->last, "%02x:%02x.%u: the text may end in the middle of it (no "
					"blank line after it): what follows its last line is unknown",
					last->bus, last->slot, last->func);
		rc = ic_text_dups(t, msg);
	}
	if (rc < 0) {
		ic_text_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

size_t ic_text_count(const struct ic_text *t)
{
	return t->nfns;
}

/* The address of function I, and whether hex rows give its config space. */
bool ic_text_addr_of(const struct ic_text *t, size_t i, struct ic_dev *d)
{
	const struct ic_text_fn *f = &t->fns[i];

	d->domain = f->domain;
	d->bus = f->bus;
	d->slot = f->slot;
	d->func = f->func;
	return f->hex;
}

/*
 * Function lines and hex rows: libpci's dump reader's input, and the file's line number of each
 * of its lines (*lines). NULL without hex rows.
 */
const char *ic_text_hex(const struct ic_text *t, size_t *len, const size_t **lines)
{
	*len = t->hexlen;
	*lines = t->hex_lines;
	return (t->form & IC_TF_HEX) ? t->hex : NULL;
}

/*
 * ic_text_check() - whether T can be read at all; return: 0, or -EINVAL with *msg.
 */
int ic_text_check(const struct ic_text *t, char **msg)
{
	if (t->form & IC_TF_MACHINE) {
		*msg = ic_xstrdup("lspci -m output (quoted fields) holds no topology: take lspci -vvnn");
		return -EINVAL;
	}
	if (t->nfns && !(t->form & (IC_TF_HEX | IC_TF_VERBOSE))) {
		*msg = ic_xasprintf("line %zu: plain lspci output names the functions but holds no bus numbers "
				    "or capabilities: take lspci -vvnn, as root", t->fns[0].line);
		return -EINVAL;
	}
	return 0;
}

/* What was read, in the words of lspci's options: "lspci -vvnnD text with drivers and groups". */
char *ic_text_form(const struct ic_text *t)
{
	unsigned int f = t->form;
	char opts[32];

	if (!(f & IC_TF_DECODED))
		return ic_xasprintf("an lspci -x%s hex dump", t->max_hex > 256 ? "xxx" : t->max_hex > 64 ? "xx" : "");
	snprintf(opts, sizeof(opts), "-%s%s%s%s%s", f & IC_TF_V2 ? "vv" : f & IC_TF_V1 ? "v" : "v(v)",
		 f & IC_TF_NN ? "nn" : f & IC_TF_N ? "n" : "", f & IC_TF_KERNEL ? "k" : "",
		 f & IC_TF_DOMAINS ? "D" : "", f & IC_TF_TREE ? "t" : "");
	return ic_xasprintf("lspci %s text%s%s%s%s%s%s%s", opts,
			    f & IC_TF_HEX ? " with hex rows (they win where both are)" : "",
			    f & IC_TF_GROUPS ? ", with the kernel's IOMMU groups" : ", without IOMMU groups",
			    f & (IC_TF_NN | IC_TF_N | IC_TF_HEX) ? "" : ", without IDs (no -nn)",
			    f & IC_TF_DENIED ? ", not as root (capabilities denied)" : "",
			    t->wrapped ? "; wrapped lines joined" : "",
			    t->wrapped && t->stderr_lines ? "," : t->stderr_lines ? ";" : "",
			    t->stderr_lines ? " error messages cut out" : "");
}
