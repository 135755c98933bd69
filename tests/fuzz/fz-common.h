/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fz-common.h - what the libFuzzer harnesses share: the kernel's quirk tables of the source tree. */
#ifndef IC_FZ_COMMON_H
#define IC_FZ_COMMON_H

#include <stdlib.h>

#include "quirks.h"

/* The quirk tables, or NULL (the harness then runs without device quirks). */
static inline struct ic_quirks *fz_quirks(void)
{
	struct ic_quirks *q = NULL;
	char *path = NULL, *msg = NULL;

	if (ic_quirks_load(IC_SRCDATADIR, &q, &path, &msg) < 0)
		q = NULL;
	free(path);
	free(msg);
	return q;
}

#endif
