/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view-audit.c - the audit view: one row per check, its columns, JSON rows, fixes and summary. */
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "ic.h"
#include "view.h"

enum {
	IC_ACOL_VERDICT, IC_ACOL_CHECK, IC_ACOL_SCOPE, IC_ACOL_SUBJECT, IC_ACOL_GROUP, IC_ACOL_TEXT,
	IC_ACOL_EVIDENCE, IC_ACOL_FIX, IC_NAUDIT_COLS,
};

static const struct ic_colinfo ic_audit_columns[IC_NAUDIT_COLS] = {
	[IC_ACOL_VERDICT] = { "VERDICT", 7, 0, "pass, note, unknown, warn or fail", "checks[].verdict", "string" },
	[IC_ACOL_CHECK] = { "CHECK", 0.1, 0, "the check's id", "checks[].id", "string" },
	[IC_ACOL_SCOPE] = { "SCOPE", 6, 0, "host, group or device", "checks[].scope", "string" },
	[IC_ACOL_SUBJECT] = { "SUBJECT", 0.1, 0, "host, the group or the function it is about",
		"checks[].subject", "string" },
	[IC_ACOL_GROUP] = { "GROUP", 5, SCOLS_FL_RIGHT, "the group (group and device checks)",
		"checks[].group", "integer" },
	[IC_ACOL_TEXT] = { "TEXT", 0.5, SCOLS_FL_WRAP, "what it found", "checks[].text", "string" },
	[IC_ACOL_EVIDENCE] = { "EVIDENCE", 0.3, SCOLS_FL_WRAP, "which file said what",
		"checks[].evidence", "list" },
	[IC_ACOL_FIX] = { "FIX", 0.3, SCOLS_FL_WRAP, "what to do about it", "checks[].fix", "string" },
};

static const int ic_audit_defaults[] = { IC_ACOL_VERDICT, IC_ACOL_CHECK, IC_ACOL_SUBJECT, IC_ACOL_TEXT };

const struct ic_columns ic_audit_view = { "audit", ic_audit_columns, IC_NAUDIT_COLS,
					  ic_audit_defaults, IC_ARRAY_SIZE(ic_audit_defaults) };

static char *ic_audit_join(char *const *v, size_t n, const char *sep)
{
	char *s = ic_xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *t = ic_xasprintf("%s%s%s", s, i ? sep : "", v[i]);

		free(s);
		s = t;
	}
	return s;
}

static void ic_audit_cells(const void *data, size_t k, char **cell)
{
	const struct ic_check *c = &((const struct ic_audit_report *)data)->checks[k];

	cell[IC_ACOL_VERDICT] = ic_xstrdup(ic_check_verdict_str(c->verdict));
	cell[IC_ACOL_CHECK] = ic_xstrdup(c->def->code);
	cell[IC_ACOL_SCOPE] = ic_xstrdup(ic_check_scope_str(c->scope));
	cell[IC_ACOL_SUBJECT] = ic_xstrdup(c->subject);
	cell[IC_ACOL_GROUP] = c->group >= 0 ? ic_xasprintf("%d", c->group) : ic_xstrdup("-");
	cell[IC_ACOL_TEXT] = ic_xstrdup(c->text);
	cell[IC_ACOL_EVIDENCE] = ic_audit_join(c->evidence, c->nevidence, "; ");
	cell[IC_ACOL_FIX] = ic_xstrdup(c->fix ? c->fix : "-");
}

static json_object *ic_audit_row_json(const void *data, size_t k)
{
	const struct ic_check *c = &((const struct ic_audit_report *)data)->checks[k];
	json_object *o = json_object_new_object(), *ev = json_object_new_array();

	ic_jadd(o, "id", json_object_new_string(c->def->code));
	ic_jadd(o, "scope", json_object_new_string(ic_check_scope_str(c->scope)));
	ic_jadd(o, "subject", json_object_new_string(c->subject));
	ic_jadd(o, "address", c->dev ? json_object_new_string(c->dev->bdf) : NULL);
	ic_jadd(o, "group", c->group >= 0 ? json_object_new_int(c->group) : NULL);
	ic_jadd(o, "verdict", json_object_new_string(ic_check_verdict_str(c->verdict)));
	ic_jadd(o, "text", json_object_new_string(c->text));
	for (size_t i = 0; i < c->nevidence; i++)
		json_object_array_add(ev, json_object_new_string(c->evidence[i]));
	ic_jadd(o, "evidence", ev);
	ic_jadd(o, "fix", ic_jstr(c->fix));
	return o;
}

static void ic_audit_json_head(const void *data, json_object *top)
{
	const struct ic_audit_report *r = data;

	ic_jadd(top, "predicted_groups", json_object_new_boolean(r->predicted));
}

/* After the table: each fix once, with the checks that call for it. */
static void ic_audit_text_tail(const void *data)
{
	const struct ic_audit_report *r = data;
	bool head = false;

	for (size_t i = 0; i < r->nchecks; i++) {
		const struct ic_check *c = &r->checks[i];

		if (!c->fix || c->verdict == IC_CV_PASS)
			continue;
		if (!head)
			printf("\nFixes:\n");
		head = true;
		printf("  %s %s: %s.\n", c->def->code, c->subject, c->fix);
	}
	if (head)
		putchar('\n');
}

static void ic_audit_text_summary(const void *data)
{
	const struct ic_audit_report *r = data;
	size_t n[IC_CV_FAIL + 1] = { 0 };

	for (size_t i = 0; i < r->nchecks; i++)
		n[r->checks[i].verdict]++;
	printf("%zu check%s: %zu fail, %zu warn, %zu unknown, %zu note, %zu pass%s.\n", r->nchecks,
	       r->nchecks == 1 ? "" : "s", n[IC_CV_FAIL], n[IC_CV_WARN], n[IC_CV_UNKNOWN], n[IC_CV_NOTE],
	       n[IC_CV_PASS], r->predicted ? " (groups predicted: the IOMMU is off)" : "");
}

void ic_audit_result(const struct ic_audit_report *r, struct ic_result *res)
{
	bool *show = ic_xcalloc(r->nchecks + 1, sizeof(*show));

	for (size_t i = 0; i < r->nchecks; i++)
		show[i] = true;
	*res = (struct ic_result){
		.view = &ic_audit_view, .rows_key = "checks", .model = r->model, .data = r,
		.nrows = r->nchecks, .show = show, .noun = "check", .cells = ic_audit_cells,
		.row_json = ic_audit_row_json, .json_head = ic_audit_json_head,
		.text_tail = ic_audit_text_tail, .text_summary = ic_audit_text_summary,
		.no_findings = true,
	};
}

void ic_audit_result_free(struct ic_result *res)
{
	free((bool *)res->show);
}

