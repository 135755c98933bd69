/* SPDX-License-Identifier: GPL-2.0-or-later */
/* findings.h - the finding registry: every finding any view reports, with its severity. */
#ifndef IC_FINDINGS_H
#define IC_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ic_dev;

/* How much a finding matters, lowest first. */
enum ic_severity {
	IC_SEV_NOTE,	/* worth knowing; nothing is wrong */
	IC_SEV_WARN,	/* isolation is weaker than it looks, or an answer is incomplete */
	IC_SEV_FAIL,	/* isolation is broken, or assignment will fail */
};

/* One registered finding: the single source of its code, severity, view and help line. */
struct ic_finding_def {
	const char *code;	/* stable snake_case, as in JSON */
	enum ic_severity severity;
	const char *view;	/* the command that reports it */
	const char *help;	/* one line */
	const char *at;		/* the JSON key of its address (page, segment, start); NULL: none */
};

/*
 * One finding of any view: a registered code, its text (rendered once, by the analysis), the
 * functions it concerns and its typed extras. Both back ends print these, nothing else.
 */
struct ic_finding {
	const struct ic_finding_def *def;	/* its registry row: code, severity, view, help */
	char *text;			/* one sentence without its final period */
	const struct ic_dev **devs;	/* the functions involved, first the one it is about */
	size_t ndevs;
	int group;			/* groups: the kernel's group of devs[0]; -1: none */
	int predicted;			/* groups: its predicted group; -1: none or unknown */
	const char *cause;		/* groups: the likely cause (prediction_differs), the quirk
					 * function (uncertain_quirk); NULL: none */
	uint64_t address;		/* with def->at: the page, segment or start it is about */
};

extern const struct ic_finding_def ic_findings[];
extern const size_t ic_nfindings;

const struct ic_finding_def *ic_finding_lookup(const char *code);
const struct ic_finding_def *ic_finding_registered(const char *code);
const char *ic_severity_str(enum ic_severity s);
struct ic_finding *ic_finding_new(struct ic_finding **v, size_t *n, size_t *cap, const char *code,
				  char *text);
void ic_finding_dev(struct ic_finding *f, const struct ic_dev *d);
void ic_finding_dev_append(struct ic_finding *f, const struct ic_dev *d);
void ic_findings_free(struct ic_finding *v, size_t n);

#endif
