/* SPDX-License-Identifier: GPL-2.0-or-later */
/* diff.h - the changes between two states of a machine (two sysroots, snapshots or the host). */
#ifndef IC_DIFF_H
#define IC_DIFF_H

#include "model.h"

enum ic_change_kind {
	IC_CHANGE_IOMMU,	/* groups appeared or disappeared */
	IC_CHANGE_KERNEL,	/* the kernel release */
	IC_CHANGE_CMDLINE,	/* the kernel command line */
	IC_CHANGE_ADDED,	/* a function is only in B */
	IC_CHANGE_REMOVED,	/* a function is only in A */
	IC_CHANGE_IDENTITY,	/* vendor:device */
	IC_CHANGE_DRIVER,
	IC_CHANGE_ACS,		/* ACS control register */
	IC_CHANGE_VFS,		/* number of VFs enabled */
	IC_CHANGE_RESOURCES,	/* BARs, ROM, VF BARs */
	IC_CHANGE_WINDOWS,	/* bridge windows */
	IC_CHANGE_SPLIT,	/* a group of A is spread over several groups of B */
	IC_CHANGE_MERGED,	/* a group of B holds members of several groups of A */
};

struct ic_change {
	enum ic_change_kind kind;
	const char *device;	/* the function, or a member of the group; NULL: the platform */
	char *before, *after;	/* as text; NULL where there is nothing */
};

struct ic_diff {
	struct ic_change *changes;
	size_t n;
};

void ic_diff(const struct ic_model *a, const struct ic_model *b, struct ic_diff *df);
void ic_diff_clear(struct ic_diff *df);
const char *ic_change_kind_str(enum ic_change_kind k);

#endif
