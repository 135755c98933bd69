/* SPDX-License-Identifier: GPL-2.0-or-later */
/* explain.h - why each function is in its predicted group, as facts with stable codes. */
#ifndef IC_EXPLAIN_H
#define IC_EXPLAIN_H

#include "predict.h"

/* One fact in the chain that made a group. */
struct ic_fact {
	const char *code;		/* stable snake_case code, see iso-check-groups(8) */
	const struct ic_dev *about;	/* the function the fact is about */
	char *text;			/* in words */
};

struct ic_explanation {
	struct ic_fact **facts;	/* per model function: its facts, from it upward */
	size_t *nfacts;
};

void ic_explain(const struct ic_model *m, const struct ic_quirks *quirks,
		const struct ic_prediction *p, struct ic_explanation *e);
void ic_explanation_clear(const struct ic_model *m, struct ic_explanation *e);

#endif
