/* SPDX-License-Identifier: GPL-2.0-or-later */
/* analyze-whatif.c - the what-if settings: pcie_acs_override= and pci=config_acs= as parsed. */
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
