/* SPDX-License-Identifier: GPL-2.0-or-later */
/* isolate.h - "what would it take to isolate this function?": each obstacle, its fix, the result. */
#ifndef IC_ISOLATE_H
#define IC_ISOLATE_H

#include "predict.h"

enum ic_fix_kind {
	IC_FIX_CONFIG_ACS,	/* enable ACS controls the hardware has: real isolation */
	IC_FIX_OVERRIDE,	/* pcie_acs_override: the kernel pretends; unsafe */
	IC_FIX_NONE,		/* nothing a setting can change (a bridge that aliases IDs) */
};

/* One obstacle between the function and a group of its own. */
struct ic_obstacle {
	const struct ic_dev *dev;	/* the port or function that does not isolate */
	const char *why;		/* acs_missing, acs_disabled, alias_bridge, function_no_acs, ... */
	enum ic_fix_kind kind;
	char *setting;			/* the kernel parameter value; NULL for IC_FIX_NONE */
	const struct ic_dev **after;	/* the function's group with this fix alone */
	size_t nafter;
};

struct ic_isolate_report {
	const struct ic_model *model;
	const struct ic_dev *dev;		/* the function asked about */
	const struct ic_dev **now;		/* its predicted group now */
	size_t nnow;
	struct ic_obstacle *obstacles;
	size_t nobstacles;
	const struct ic_dev **all;		/* its group with every fix applied */
	size_t nall;
	bool all_safe;				/* no fix among them is an override */
	bool unknown;				/* an input is unknown: the answer is incomplete */
	char *unknown_cause;			/* D's own group is unknown: why (see predict.h) */
};

int ic_analyze_isolate(const struct ic_model *m, const struct ic_quirks *quirks,
		       const struct ic_dev *d, struct ic_isolate_report *r);
void ic_isolate_report_clear(struct ic_isolate_report *r);
const char *ic_fix_kind_str(enum ic_fix_kind k);

#endif
