/* SPDX-License-Identifier: GPL-2.0-or-later */
/* findings.h - the finding registry: every finding any view reports, with its severity. */
#ifndef IC_FINDINGS_H
#define IC_FINDINGS_H

#include <stddef.h>

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
};

extern const struct ic_finding_def ic_findings[];
extern const size_t ic_nfindings;

const struct ic_finding_def *ic_finding_lookup(const char *code);
const struct ic_finding_def *ic_finding_registered(const char *code);
const char *ic_severity_str(enum ic_severity s);

#endif
