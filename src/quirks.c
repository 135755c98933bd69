/* SPDX-License-Identifier: GPL-2.0-or-later */
/* quirks.c - loading the ACS quirk table: a versioned, line-oriented text file in data/. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "quirks.h"

#define IC_QUIRKS_FORMAT "# iso-check ACS quirk table, format 1"

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

/* Parses one data line (tab-separated); returns -EINVAL for anything malformed. */
static int ic_quirks_line(struct ic_quirks *q, char *line, size_t *acap, size_t *icap)
{
	char *f[7], *save = NULL;
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
		for (r = 0; r < IC_ARRAY_SIZE(ic_rule_codes) && !ic_streq(f[4], ic_rule_codes[r]); r++)
			;
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
	return -EINVAL;
}

/*
 * ic_quirks_load() - read DATADIR/acs-quirks.tsv. Its first line names the format; '#' lines
 * are comments. On error *path and *msg say where and what (caller frees).
 */
int ic_quirks_load(const char *datadir, struct ic_quirks **out, char **path, char **msg)
{
	struct ic_quirks *q = ic_xcalloc(1, sizeof(*q));
	size_t acap = 0, icap = 0, lineno = 0;
	char buf[512];
	FILE *f;

	*path = ic_xasprintf("%s/%s", datadir, IC_ACS_QUIRKS_FILE);
	*msg = NULL;
	f = fopen(*path, "re");
	if (!f) {
		*msg = ic_xasprintf("cannot read the quirk table: %s (see --data-dir)", strerror(errno));
		free(q);
		return -errno;
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *line = ic_strtrim(buf);

		lineno++;
		if (lineno == 1 && !ic_streq(line, IC_QUIRKS_FORMAT)) {
			*msg = ic_xasprintf("line 1: not \"%s\"", IC_QUIRKS_FORMAT);
			break;
		}
		if (!*line || *line == '#')
			continue;
		if (ic_quirks_line(q, line, &acap, &icap) < 0) {
			*msg = ic_xasprintf("line %zu: not a quirk or idset entry", lineno);
			break;
		}
	}
	fclose(f);
	if (!*msg && lineno == 0)
		*msg = ic_xstrdup("empty file");
	if (*msg) {
		ic_quirks_free(q);
		return -EINVAL;
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
