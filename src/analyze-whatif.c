/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * analyze-whatif.c - the what-if settings: pcie_acs_override= and pci=config_acs= as parsed; and
 * the boot's own pci=disable_acs_redir= and pci=config_acs=, read from the command line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "predict.h"

bool ic_whatif_is_set(const struct ic_whatif *w)
{
	return w->override_downstream || w->override_multifunction || w->noverride_ids;
}

/* --acs-override=downstream,multifunction,id:VVVV:DDDD[,...] as pcie_acs_override= reads it. */
int ic_whatif_parse_override(struct ic_whatif *w, const char *arg, const char **err)
{
	char *copy = ic_xstrdup(arg), *tok, *save = NULL;
	int rc = 0;

	for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		unsigned int v, d;
		int n = 0;

		if (ic_streq(tok, "downstream"))
			w->override_downstream = true;
		else if (ic_streq(tok, "multifunction"))
			w->override_multifunction = true;
		else if (sscanf(tok, "id:%4x:%4x%n", &v, &d, &n) == 2 && !tok[n]) {
			w->override_ids = ic_xrealloc(w->override_ids, w->noverride_ids + 1, sizeof(uint32_t));
			w->override_ids[w->noverride_ids++] = v << 16 | d;
		} else {
			*err = "expected downstream, multifunction or id:VVVV:DDDD";
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

/*
 * --config-acs=FLAGS@DEVICE[;FLAGS@DEVICE...] as pci=config_acs= reads it: FLAGS right to left
 * from SV (bit 0) to DT (bit 6), each '0', '1' or 'x' (keep); DEVICE is [domain:]bus:dev.fn or
 * pci:vendor:device.
 */
int ic_whatif_parse_config_acs(struct ic_whatif *w, const char *arg, const char **err)
{
	char *copy = ic_xstrdup(arg), *tok, *save = NULL;
	int rc = 0;

	for (tok = strtok_r(copy, ";", &save); tok && rc == 0; tok = strtok_r(NULL, ";", &save)) {
		struct ic_config_acs ca = { 0 };
		char *at = strchr(tok, '@');
		size_t len;

		ic_select_init(&ca.sel);
		if (!at) {
			*err = "ACS flags missing: FLAGS@DEVICE";
			rc = -1;
			break;
		}
		*at = '\0';
		len = strlen(tok);
		if (!len || len > 7) {
			*err = "invalid ACS flags: 1 to 7 of 0, 1, x (DT UF CR RR TB SV read right to left)";
			rc = -1;
			break;
		}
		for (size_t i = 0; i < len && rc == 0; i++) {
			uint16_t bit = (uint16_t)(1u << (len - 1 - i));

			if (tok[i] == '1' || tok[i] == '0') {
				ca.mask |= bit;
				ca.value |= tok[i] == '1' ? bit : 0;
			} else if (tok[i] != 'x') {
				*err = "invalid ACS flags: 1 to 7 of 0, 1, x";
				rc = -1;
			}
		}
		if (rc == 0) {
			const char *dev = at + 1;

			if (!strncmp(dev, "pci:", 4))
				rc = ic_select_parse_id(&ca.sel, dev + 4, err);
			else
				rc = ic_select_parse_slot(&ca.sel, dev, err);
		}
		if (rc == 0) {
			w->config = ic_xrealloc(w->config, w->nconfig + 1, sizeof(*w->config));
			w->config[w->nconfig++] = ca;
		}
	}
	free(copy);
	return rc;
}

void ic_whatif_clear(struct ic_whatif *w)
{
	free(w->override_ids);
	free(w->config);
	memset(w, 0, sizeof(*w));
}

/*
 * A pci= device as the kernel's pci_dev_str_match() reads it: [domain:]bus:dev.fn[/dev.fn]*, a
 * path that walks from a bridge on BUS down through the secondary buses; or
 * pci:VVVV:DDDD[:SSSS:SSSS] by IDs. Fills CA's selector; -1: malformed, or a path through a
 * bridge the tree does not have (so it names no function of it).
 */
static int ic_boot_dev(const struct ic_model *m, const char *spec, struct ic_config_acs *ca)
{
	unsigned int dom = 0, bus, dev, fn, v, d, sv, sd;
	struct ic_select *sel = &ca->sel;
	const char *err, *p = spec;
	char bdf[16], id[10];
	int n = 0;

	ic_select_init(sel);
	if (!strncmp(spec, "pci:", 4)) {
		if (sscanf(spec + 4, "%4x:%4x:%4x:%4x%n", &v, &d, &sv, &sd, &n) == 4 && !spec[4 + n]) {
			ca->sub = true;
			ca->subvendor = (uint16_t)sv;
			ca->subdevice = (uint16_t)sd;
		} else if (sscanf(spec + 4, "%4x:%4x%n", &v, &d, &n) != 2 || spec[4 + n]) {
			return -1;
		}
		snprintf(id, sizeof(id), "%04x:%04x", v, d);
		return ic_select_parse_id(sel, id, &err);
	}
	if (sscanf(p, "%x:%x:%x.%x%n", &dom, &bus, &dev, &fn, &n) != 4) {
		dom = 0;
		if (sscanf(p, "%x:%x.%x%n", &bus, &dev, &fn, &n) != 3)
			return -1;
	}
	for (p += n; *p == '/'; p += n) {
		const struct ic_dev *b;

		snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", dom & 0xffff, bus & 0xff, dev & 0x1f, fn & 7);
		b = ic_model_find(m, bdf);
		if (!b || b->header_type != 1 || sscanf(p + 1, "%x.%x%n", &dev, &fn, &n) != 2)
			return -1;
		bus = b->secondary_bus;
		n++;
	}
	if (*p || bus > 0xff || dev > 0x1f || fn > 7)
		return -1;
	snprintf(bdf, sizeof(bdf), "%04x:%02x:%02x.%x", dom & 0xffff, bus, dev, fn);
	return ic_select_parse_slot(sel, bdf, &err);
}

/* The entries of one option's list (';'-separated; config_acs entries are FLAGS@DEVICE). */
static void ic_boot_list(const struct ic_model *m, struct ic_boot_acs *b, char *list, bool flags,
			 size_t *cap)
{
	char *save = NULL;

	for (char *tok = strtok_r(list, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		struct ic_config_acs ca = { 0 };
		char *at = flags ? strchr(tok, '@') : NULL;

		if (flags && !at)
			continue;	/* the kernel rejects it too ("ACS Flags missing") */
		if (ic_boot_dev(m, at ? at + 1 : tok, &ca) < 0) {
			b->nunresolved++;
			continue;
		}
		IC_APPEND(b->entries, b->nentries, *cap, ca);
	}
}

/* ic_boot_acs_parse() - the pci=disable_acs_redir= and pci=config_acs= of M's command line. */
void ic_boot_acs_parse(const struct ic_model *m, struct ic_boot_acs *b)
{
	const char *cmd = m->iommu.cmdline;
	size_t cap = 0;

	memset(b, 0, sizeof(*b));
	for (const char *p = cmd; p && *p;) {
		size_t w = strcspn(p, " ");

		if (w > 4 && !strncmp(p, "pci=", 4)) {
			char *opts = ic_xasprintf("%.*s", (int)(w - 4), p + 4), *save = NULL;

			/* pci= options are ','-separated (pci_setup()) */
			for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
				if (!strncmp(o, "disable_acs_redir=", 18)) {
					b->present = true;
					ic_boot_list(m, b, o + 18, false, &cap);
				} else if (!strncmp(o, "config_acs=", 11)) {
					b->present = true;
					ic_boot_list(m, b, o + 11, true, &cap);
				}
			}
			free(opts);
		}
		p += w;
		p += strspn(p, " ");
	}
}

/* Does an entry of B name D (so that D's ACS controls, as read, are the boot's)? */
bool ic_boot_acs_names(const struct ic_boot_acs *b, const struct ic_dev *d)
{
	for (size_t i = 0; b && i < b->nentries; i++) {
		const struct ic_config_acs *e = &b->entries[i];

		if (ic_select_dev(&e->sel, d) &&
		    (!e->sub || ((d->known & IC_KNOWN_SUBSYS) && d->subvendor == e->subvendor &&
				 d->subdevice == e->subdevice)))
			return true;
	}
	return false;
}

void ic_boot_acs_clear(struct ic_boot_acs *b)
{
	free(b->entries);
	memset(b, 0, sizeof(*b));
}
