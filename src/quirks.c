/* SPDX-License-Identifier: GPL-2.0-or-later */
/* quirks.c - loading the ACS quirk table: a versioned, line-oriented text file in data/. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "quirks.h"

#define IC_ACS_FORMAT "# iso-check ACS quirk table, format 1"
#define IC_ALIAS_FORMAT "# iso-check DMA alias quirk table, format 1"
#define IC_RESET_FORMAT "# iso-check reset quirk table, format 1"

static const char *const ic_rule_codes[] = {
	[IC_RULE_AMD_SB_IVRS] = "AMD_SB_IVRS",
	[IC_RULE_MF_ENDPOINT] = "MF_ENDPOINT",
	[IC_RULE_RCIEP_ONLY] = "RCIEP_ONLY",
	[IC_RULE_UNCOND] = "UNCOND_SV_RR_CR_UF",
	[IC_RULE_INTEL_PCH_FLAG] = "INTEL_PCH_FLAG",
	[IC_RULE_INTEL_SPT_DWORD_CTRL] = "INTEL_SPT_DWORD_CTRL",
	[IC_RULE_CAVIUM_RP_RANGES] = "CAVIUM_RP_RANGES",
	[IC_RULE_ROOT_PORT_ONLY] = "ROOT_PORT_ONLY_SV_RR_CR_UF",
	[IC_RULE_ZHAOXIN_PORTS] = "ZHAOXIN_PORT_LIST_ELSE_0",
	[IC_RULE_WANGXUN_NICS] = "WANGXUN_LIST_ELSE_0",
};

static const char *const ic_alias_codes[] = {
	[IC_ALIAS_FUNC0] = "FUNC0",
	[IC_ALIAS_FUNC1] = "FUNC1",
	[IC_ALIAS_FIXED_01_0] = "FIXED_01_0",
	[IC_ALIAS_PCIE_BRIDGE] = "PCIE_BRIDGE_ALIAS",
	[IC_ALIAS_MIC_X200] = "MIC_X200",
	[IC_ALIAS_PEX_VCA] = "PEX_VCA",
	[IC_ALIAS_XLATE_ROOT] = "XLATE_ROOT",
	[IC_ALIAS_PLX_NTB_ALL] = "PLX_NTB_ALL",
	[IC_ALIAS_SWITCHTEC] = "SWITCHTEC_RUNTIME",
};

static const char *const ic_reset_codes[] = {
	[IC_RESET_NO_BUS] = "NO_BUS_RESET",
	[IC_RESET_NO_PM] = "NO_PM_RESET",
	[IC_RESET_NO_FLR] = "NO_FLR",
	[IC_RESET_DEVICE_SPECIFIC] = "DEVICE_SPECIFIC",
	[IC_RESET_VENDOR_RESET] = "VENDOR_RESET",
};

static size_t ic_code_index(const char *const *codes, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n && !ic_streq(code, codes[i]); i++)
		;
	return i;
}

const char *ic_reset_effect_str(enum ic_reset_effect e)
{
	return ic_reset_codes[e];
}

const char *ic_acs_rule_str(enum ic_acs_rule rule)
{
	return ic_rule_codes[rule];
}

static int ic_hex16(const char *s, uint16_t *v)
{
	uint64_t x;

	if (strlen(s) != 4 || ic_parse_u64(s, 16, &x) < 0)
		return -EINVAL;
	*v = (uint16_t)x;
	return 0;
}

/* A reset quirk's CONDITION: "-" or a comma list of vga, nvme, not_root_bus, flr, rev=XX. */
static int ic_reset_cond(char *s, struct ic_reset_quirk *r)
{
	static const struct { const char *name; unsigned int bit; } words[] = {
		{ "vga", IC_RQ_VGA }, { "nvme", IC_RQ_NVME }, { "not_root_bus", IC_RQ_NOT_ROOT_BUS },
		{ "flr", IC_RQ_FLR },
	};
	char *save = NULL;

	if (ic_streq(s, "-"))
		return 0;
	for (char *t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		size_t i;
		uint64_t rev;

		for (i = 0; i < IC_ARRAY_SIZE(words) && !ic_streq(t, words[i].name); i++)
			;
		if (i < IC_ARRAY_SIZE(words)) {
			r->cond |= words[i].bit;
		} else if (!strncmp(t, "rev=", 4) && strlen(t) == 6 && ic_parse_u64(t + 4, 16, &rev) == 0) {
			r->cond |= IC_RQ_REV;
			r->rev = (uint8_t)rev;
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

static int ic_reset_line(struct ic_quirks *q, char **f, size_t *rcap)
{
	struct ic_reset_quirk r = { 0 };
	size_t e = ic_code_index(ic_reset_codes, IC_ARRAY_SIZE(ic_reset_codes), f[4]);

	if (ic_hex16(f[1], &r.vendor) < 0 || ic_hex16(f[2], &r.first) < 0 || ic_hex16(f[3], &r.last) < 0 ||
	    r.first > r.last || e == IC_ARRAY_SIZE(ic_reset_codes) || ic_reset_cond(f[6], &r) < 0)
		return -EINVAL;
	r.effect = (enum ic_reset_effect)e;
	r.function = ic_xstrdup(f[5]);
	IC_APPEND(q->reset, q->nreset, *rcap, r);
	return 0;
}

/* Parses one data line (tab-separated); returns -EINVAL for anything malformed. */
static int ic_quirks_line(struct ic_quirks *q, char *line, size_t *acap, size_t *icap,
			  size_t *lcap, size_t *rcap)
{
	char *f[8], *save = NULL;
	size_t n = 0;
	uint64_t order;

	for (char *t = strtok_r(line, "\t", &save); t && n < IC_ARRAY_SIZE(f); t = strtok_r(NULL, "\t", &save))
		f[n++] = t;
	if (n == 6 && ic_streq(f[0], "quirk")) {
		struct ic_acs_quirk a = { 0 };
		uint16_t dev;
		size_t r;

		if (ic_parse_u64(f[1], 10, &order) < 0 || ic_hex16(f[2], &a.vendor) < 0)
			return -EINVAL;
		if (ic_streq(f[3], "ANY"))
			a.device = -1;
		else if (ic_hex16(f[3], &dev) == 0)
			a.device = dev;
		else
			return -EINVAL;
		r = ic_code_index(ic_rule_codes, IC_ARRAY_SIZE(ic_rule_codes), f[4]);
		if (r == IC_ARRAY_SIZE(ic_rule_codes))
			return -EINVAL;
		a.order = (unsigned int)order;
		a.rule = (enum ic_acs_rule)r;
		a.function = ic_xstrdup(f[5]);
		IC_APPEND(q->acs, q->nacs, *acap, a);
		return 0;
	}
	if (n == 6 && ic_streq(f[0], "idset")) {
		struct ic_idrange id = { 0 };

		if (ic_hex16(f[2], &id.vendor) < 0 || ic_hex16(f[3], &id.first) < 0 ||
		    ic_hex16(f[4], &id.last) < 0 || id.first > id.last)
			return -EINVAL;
		id.set = ic_xstrdup(f[1]);
		IC_APPEND(q->ids, q->nids, *icap, id);
		return 0;
	}
	if (n == 7 && ic_streq(f[0], "reset"))
		return ic_reset_line(q, f, rcap);
	if (n == 5 && ic_streq(f[0], "alias")) {
		struct ic_alias_quirk al = { 0 };
		size_t r = ic_code_index(ic_alias_codes, IC_ARRAY_SIZE(ic_alias_codes), f[3]);

		if (ic_hex16(f[1], &al.vendor) < 0 || ic_hex16(f[2], &al.device) < 0 ||
		    r == IC_ARRAY_SIZE(ic_alias_codes))
			return -EINVAL;
		al.rule = (enum ic_alias_rule)r;
		al.function = ic_xstrdup(f[4]);
		IC_APPEND(q->alias, q->nalias, *lcap, al);
		return 0;
	}
	return -EINVAL;
}

/* Reads one table file into Q; on error sets *msg (the caller owns *path). */
static int ic_quirks_file(struct ic_quirks *q, const char *path, const char *format, char **msg,
			  size_t caps[4])
{
	size_t lineno = 0;
	char buf[512];
	FILE *f;

	f = fopen(path, "re");
	if (!f) {
		int rc = -errno;

		*msg = ic_xasprintf("cannot read the quirk table: %s (see --data-dir)", strerror(errno));
		return rc;
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *line = ic_strtrim(buf);

		lineno++;
		if (lineno == 1 && !ic_streq(line, format)) {
			*msg = ic_xasprintf("line 1: not \"%s\"", format);
			break;
		}
		if (!*line || *line == '#')
			continue;
		if (ic_quirks_line(q, line, &caps[0], &caps[1], &caps[2], &caps[3]) < 0) {
			*msg = ic_xasprintf("line %zu: not a quirk, idset, alias or reset entry", lineno);
			break;
		}
	}
	fclose(f);
	if (!*msg && lineno == 0)
		*msg = ic_xstrdup("empty file");
	return *msg ? -EINVAL : 0;
}

/*
 * ic_quirks_load() - read DATADIR/acs-quirks.tsv, dma-alias-quirks.tsv and reset-quirks.tsv. Each file's
 * first line names its format; '#' lines are comments. On error *path and *msg say which file
 * and what (caller frees both).
 */
int ic_quirks_load(const char *datadir, struct ic_quirks **out, char **path, char **msg)
{
	static const struct { const char *name, *format; } files[] = {
		{ IC_ACS_QUIRKS_FILE, IC_ACS_FORMAT },
		{ IC_ALIAS_QUIRKS_FILE, IC_ALIAS_FORMAT },
		{ IC_RESET_QUIRKS_FILE, IC_RESET_FORMAT },
	};
	struct ic_quirks *q = ic_xcalloc(1, sizeof(*q));
	size_t caps[4] = { 0 };
	int rc = 0;

	*path = NULL;
	*msg = NULL;
	for (size_t i = 0; i < IC_ARRAY_SIZE(files) && rc == 0; i++) {
		free(*path);
		*path = ic_path_cat(datadir, files[i].name);
		rc = ic_quirks_file(q, *path, files[i].format, msg, caps);
	}
	if (rc < 0) {
		ic_quirks_free(q);
		return rc;
	}
	*out = q;
	return 0;
}

void ic_quirks_free(struct ic_quirks *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->nacs; i++)
		free(q->acs[i].function);
	for (size_t i = 0; i < q->nids; i++)
		free(q->ids[i].set);
	for (size_t i = 0; i < q->nalias; i++)
		free(q->alias[i].function);
	for (size_t i = 0; i < q->nreset; i++)
		free(q->reset[i].function);
	free(q->reset);
	free(q->alias);
	free(q->acs);
	free(q->ids);
	free(q);
}

bool ic_quirks_in_set(const struct ic_quirks *q, const char *set, uint16_t vendor, uint16_t device)
{
	for (size_t i = 0; i < q->nids; i++)
		if (q->ids[i].vendor == vendor && device >= q->ids[i].first &&
		    device <= q->ids[i].last && ic_streq(q->ids[i].set, set))
			return true;
	return false;
}

/* The DMA-alias fixup for D, if any (Switchtec's only for its NTB function, class 0x0680). */
const struct ic_alias_quirk *ic_quirks_alias(const struct ic_quirks *q, const struct ic_dev *d)
{
	if (!q || !(d->known & IC_KNOWN_IDENT))
		return NULL;
	for (size_t i = 0; i < q->nalias; i++) {
		const struct ic_alias_quirk *a = &q->alias[i];

		if (a->vendor != d->vendor || a->device != d->device)
			continue;
		if (a->rule == IC_ALIAS_SWITCHTEC && (d->class >> 8) != 0x0680)
			continue;
		if (a->rule == IC_ALIAS_FIXED_01_0 && !(d->subvendor == 0x9005 &&
		    (d->subdevice == 0x02bb || d->subdevice == 0x02bc)))
			continue;
		return a;
	}
	return NULL;
}

#define IC_DEVFN(slot, fn) ((unsigned int)((slot) << 3 | (fn)))

/* Does the fixup A give D a DMA alias at DEVFN of its own bus (pci_add_dma_alias())? */
bool ic_alias_has(const struct ic_alias_quirk *a, const struct ic_dev *d, unsigned int devfn)
{
	switch (a->rule) {
	case IC_ALIAS_FUNC0:
		return d->func != 0 && devfn == IC_DEVFN(d->slot, 0);
	case IC_ALIAS_FUNC1:
		return d->func != 1 && devfn == IC_DEVFN(d->slot, 1);
	case IC_ALIAS_FIXED_01_0:
		return devfn == IC_DEVFN(1, 0);
	case IC_ALIAS_MIC_X200:
		return devfn == IC_DEVFN(0x10, 0) || devfn == IC_DEVFN(0x11, 0) || devfn == IC_DEVFN(0x12, 3);
	case IC_ALIAS_PEX_VCA:
		return (devfn & 7) <= 4;
	case IC_ALIAS_PLX_NTB_ALL:
		return true;
	case IC_ALIAS_PCIE_BRIDGE:
	case IC_ALIAS_XLATE_ROOT:
	case IC_ALIAS_SWITCHTEC:
		break;
	}
	return false;
}

/* One condition of R on D: 1 holds, 0 does not, -1 unknown. */
static int ic_reset_cond_holds(const struct ic_reset_quirk *r, const struct ic_dev *d)
{
	int v = 1;

	if ((r->cond & IC_RQ_VGA) && (d->class >> 8) != 0x0300)
		return 0;
	if ((r->cond & IC_RQ_NVME) && d->class != 0x010802)
		return 0;
	if ((r->cond & IC_RQ_REV) && d->revision != r->rev)
		return 0;
	if ((r->cond & IC_RQ_NOT_ROOT_BUS) && !d->parent)
		return 0;
	if (r->cond & IC_RQ_FLR) {
		if (!(d->cfg.known & IC_CFG_DEVCAP))
			v = -1;
		else if (!(d->cfg.devcap & (1u << 28)))
			return 0;
	}
	return v;
}

/*
 * ic_quirks_reset() - the reset quirk of EFFECT for D, as the kernel applies it (the first in
 * table order whose IDs and conditions match; a function on a root bus is never "not on a
 * root bus"). *HIT is the entry (also when the answer is -1).
 */
int ic_quirks_reset(const struct ic_quirks *q, const struct ic_dev *d, enum ic_reset_effect effect,
		    const struct ic_reset_quirk **hit)
{
	int best = 0;

	*hit = NULL;
	if (!q || !(d->known & IC_KNOWN_IDENT))
		return 0;
	for (size_t i = 0; i < q->nreset; i++) {
		const struct ic_reset_quirk *r = &q->reset[i];
		int v;

		if (r->effect != effect || r->vendor != d->vendor || d->device < r->first || d->device > r->last)
			continue;
		v = ic_reset_cond_holds(r, d);
		if (v == 1) {
			*hit = r;
			return 1;
		}
		if (v < 0 && !best) {
			*hit = r;
			best = -1;
		}
	}
	return best;
}
