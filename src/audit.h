/* SPDX-License-Identifier: GPL-2.0-or-later */
/* audit.h - the pre-assignment audit: host, group and device checks, each with a verdict. */
#ifndef IC_AUDIT_H
#define IC_AUDIT_H

#include "analyze.h"
#include "ic.h"
#include "findings.h"
#include "model.h"
#include "predict.h"
#include "select.h"

/* A check's outcome, mildest first; the exit status follows the worst. */
enum ic_check_verdict {
	IC_CV_PASS,
	IC_CV_NOTE,
	IC_CV_UNKNOWN,	/* an input it depends on is unknown */
	IC_CV_WARN,
	IC_CV_FAIL,
};

enum ic_check_scope { IC_SCOPE_HOST, IC_SCOPE_GROUP, IC_SCOPE_DEVICE };

/* One check's result: its registry row (code = check id), subject, verdict, why, and fix. */
struct ic_check {
	const struct ic_finding_def *def;
	enum ic_check_scope scope;
	char *subject;			/* "host", "group 7", "0000:03:00.0" */
	enum ic_check_verdict verdict;
	char *text;			/* one sentence without its final period */
	char **evidence;		/* "PATH: what it said" */
	size_t nevidence;
	char *fix;			/* NULL: none */
	const struct ic_dev *dev;	/* device checks: the function; NULL */
	int group;			/* group checks: the group number; -1 */
};

struct ic_audit_report {
	const struct ic_model *model;
	bool predicted;			/* the IOMMU is off: group checks ran on predicted groups */
	struct ic_check *checks;
	size_t nchecks;
};

void ic_analyze_audit(const struct ic_model *m, const struct ic_quirks *q, const struct ic_select *sel,
		      struct ic_audit_report *r);
void ic_audit_report_clear(struct ic_audit_report *r);
const char *ic_check_verdict_str(enum ic_check_verdict v);
const char *ic_check_scope_str(enum ic_check_scope s);
int ic_audit_status(const struct ic_audit_report *r, bool warn_fails);

/* Shared by analyze-audit.c and analyze-audit-dev.c: the checks being gathered. */
struct ic_audit_ctx {
	const struct ic_model *m;
	const struct ic_quirks *q;	/* the reset quirks; NULL: none loaded */
	struct ic_audit_report *r;
	size_t cap;
	bool by_pe;			/* PowerNV: PEs, MSIs checked by the PHB, the sPAPR TCE container */
};

struct ic_bars_report;
struct ic_check *ic_check_add(struct ic_audit_ctx *c, const char *id, enum ic_check_scope scope,
			      char *subject, enum ic_check_verdict v, char *text);
void ic_evid(const struct ic_model *m, struct ic_check *k, const char *rel, const char *fmt, ...)
	IC_PRINTF(4, 5);
bool ic_yes(const char *v);
char *ic_audit_reset_info(const struct ic_model *m, const struct ic_quirks *q, const struct ic_dev *d,
			  bool *predicted, bool *vendor_reset);
char *ic_audit_reset_cell(const struct ic_model *m, const struct ic_quirks *q, const struct ic_dev *d);
const char *ic_audit_critical_what(const struct ic_model *m, const struct ic_dev *d);
int ic_audit_group_critical(const struct ic_model *m, const struct ic_group *g);
void ic_device_checks(struct ic_audit_ctx *c, const struct ic_dev *d, const struct ic_bars_report *b,
		      const size_t *bar_row, size_t *first_child, size_t *next_sibling);

#endif
