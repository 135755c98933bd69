/* SPDX-License-Identifier: GPL-2.0-or-later */
/* select.c - selectors parsed and matched by libpci's own filter code, on model data only. */
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "select.h"

void ic_select_init(struct ic_select *sel)
{
	memset(sel, 0, sizeof(*sel));
	pci_filter_init(NULL, &sel->slot);
	pci_filter_init(NULL, &sel->id);
	sel->group = -1;
}

/* libpci's parsers return NULL or an error text; they may write into their argument. */
int ic_select_parse_slot(struct ic_select *sel, const char *arg, const char **err)
{
	char *copy = ic_xstrdup(arg);

	*err = pci_filter_parse_slot(&sel->slot, copy);
	free(copy);
	if (*err)
		return -1;
	sel->has_slot = true;
	return 0;
}

int ic_select_parse_id(struct ic_select *sel, const char *arg, const char **err)
{
	char *copy = ic_xstrdup(arg);

	*err = pci_filter_parse_id(&sel->id, copy);
	free(copy);
	if (*err)
		return -1;
	sel->has_id = true;
	return 0;
}

int ic_select_parse_group(struct ic_select *sel, const char *arg)
{
	uint64_t v;

	if (ic_parse_u64(arg, 10, &v) < 0 || v > INT32_MAX)
		return -1;
	sel->group = (int)v;
	return 0;
}

bool ic_select_any_dev_filter(const struct ic_select *sel)
{
	return sel->has_slot || sel->has_id;
}

/*
 * ic_select_dev() - does D match -s and -d? A libpci device record is filled from the model
 * and marked known, so pci_filter_match() never reads anything.
 */
bool ic_select_dev(const struct ic_select *sel, const struct ic_dev *d)
{
	struct pci_dev pd;

	memset(&pd, 0, sizeof(pd));
	pd.domain = (int)d->domain;
	pd.domain_16 = d->domain > 0xffff ? 0xffff : (u16)d->domain;
	pd.bus = d->bus;
	pd.dev = d->slot;
	pd.func = d->func;
	pd.vendor_id = d->vendor;
	pd.device_id = d->device;
	pd.device_class = (u16)(d->class >> 8);
	pd.prog_if = (u8)(d->class & 0xff);
	pd.known_fields = PCI_FILL_IDENT | PCI_FILL_CLASS | PCI_FILL_CLASS_EXT;
	if (sel->has_slot && !pci_filter_match((struct pci_filter *)&sel->slot, &pd))
		return false;
	if (sel->has_id) {
		if (!(d->known & IC_KNOWN_IDENT))
			return false;
		if (!pci_filter_match((struct pci_filter *)&sel->id, &pd))
			return false;
	}
	return true;
}
