/* SPDX-License-Identifier: GPL-2.0-or-later */
/* select.h - lspci-style selectors (-s, -d) and group numbers (-g). */
#ifndef IC_SELECT_H
#define IC_SELECT_H

#include <pci/pci.h>
#include <stdbool.h>

#include "model.h"

struct ic_select {
	struct pci_filter slot;	/* -s [[[domain]:]bus]:[slot][.[func]] */
	struct pci_filter id;	/* -d [vendor]:[device][:class[:prog-if]] */
	bool has_slot, has_id;
	int group;		/* -g N; -1: any */
};

void ic_select_init(struct ic_select *sel);
int ic_select_parse_slot(struct ic_select *sel, const char *arg, const char **err);
int ic_select_parse_id(struct ic_select *sel, const char *arg, const char **err);
int ic_select_parse_group(struct ic_select *sel, const char *arg);
bool ic_select_dev(const struct ic_select *sel, const struct ic_dev *d);
bool ic_select_any_dev_filter(const struct ic_select *sel);

#endif
