/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * view.h - a table view's result as both back ends print it, and the helpers views share to
 * fill one: a view provides its rows through callbacks; output-text.c and output-json.c each
 * print any result with one function.
 */
#ifndef IC_VIEW_H
#define IC_VIEW_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>

#include "findings.h"
#include "mmio.h"
#include "output.h"

struct ic_result {
	const struct ic_columns *view;	/* its columns and default columns */
	const char *rows_key;		/* JSON: the key of the array of rows */
	const struct ic_model *model;
	const void *data;		/* the view's report, passed to the callbacks */
	size_t nrows;
	const bool *show;		/* which rows -s/-d selected */
	const struct ic_finding *findings;
	size_t nfindings;
	const char *noun;		/* what a row is, for the summary: "bridge", "resource" */
	const char *none;		/* the summary's start when no row is shown; NULL: "0 NOUNs" */
	/* the nearest row above row K in a tree, -1: none; NULL: a flat table */
	int (*parent)(const void *data, size_t k);
	/* the text of every column of row K into CELL[0..view->n) (owned, NULL: empty) */
	void (*cells)(const void *data, size_t k, char **cell);
	/* row K as a JSON object; NULL: none (it is nested in another row's) */
	json_object *(*row_json)(const void *data, size_t k);
	/* the view's own keys of the JSON document, before the rows; NULL: none */
	void (*json_head)(const void *data, json_object *top);
	/* the view's own lines after the table, before the findings; NULL: none */
	void (*text_tail)(const void *data);
	/* the summary line instead of "N NOUNs, M findings."; NULL: that one */
	void (*text_summary)(const void *data);
	bool no_findings;		/* the rows are the findings (audit): no findings key */
};

/* Helpers of the JSON side of views (output-json.c). */
json_object *ic_jhex(uint64_t v, int width);
json_object *ic_jstr(const char *s);

/*
 * Adds V to O under KEY, a string that outlives O (a literal, a registry's name): json-c then
 * keeps the pointer instead of a copy of the key, for every key of every row.
 */
static inline void ic_jadd(json_object *o, const char *key, json_object *v)
{
	json_object_object_add_ex(o, key, v, JSON_C_OBJECT_KEY_IS_CONSTANT);
}
json_object *ic_jdomain(const struct ic_domain *d);
json_object *ic_jfinding(const struct ic_finding *f);

/*
 * Every JSON document, built and not printed (output-json.c): the JSON back end prints one,
 * the JSON-lines back end (output-jsonl.c) cuts it into lines.
 */
struct ic_groups_report;
struct ic_isolate_report;
struct ic_snapshot_summary;
/*
 * The long arrays of a document (its rows, its findings), made one element at a time while it
 * is printed, so that no document of a host with thousands of functions is ever held whole:
 * the document's top-level KEY holds the marker IC_JSTREAM_MARK instead; ROW(DATA, I) builds
 * element I (NULL: none of its own), for I < N. They come in the document's order.
 */
#define IC_JSTREAM_MARK "\001iso-check rows\001"
struct ic_jstream {
	const char *key;
	size_t n;
	json_object *(*row)(const void *data, size_t i);
	const void *data;
};
struct ic_jstreams {
	struct ic_jstream v[2];
	size_t n;
};
const struct ic_jstream *ic_jstream_find(const struct ic_jstreams *st, const char *key);
json_object *ic_jdoc_groups(const struct ic_groups_report *r, struct ic_jstreams *st);
json_object *ic_jdoc_result(const struct ic_result *r, struct ic_jstreams *st);
json_object *ic_jdoc_isolate(const struct ic_isolate_report *r);
json_object *ic_jdoc_diff(const struct ic_model *a, const struct ic_model *b, const struct ic_diff *df);
json_object *ic_jdoc_snapshot(const struct ic_snapshot_summary *s);
json_object *ic_jdoc_error(const char *path, const char *msg);
json_object *ic_jdoc_columns(const struct ic_colinfo *cols, size_t n);
json_object *ic_jdoc_findings(void);

/* Helpers of the text side of views (output-text.c). */
char *ic_size_text(uint64_t v);
char *ic_domains_text(const struct ic_domain *d, size_t n);

/* The table views. */
void ic_bridges_result(const struct ic_bridges_report *r, const bool *show, struct ic_result *res);
void ic_bars_result(const struct ic_bars_report *r, const bool *show, struct ic_result *res);
struct ic_sriov_report;
struct ic_select;
extern const struct ic_columns ic_sriov_view;
void ic_sriov_result(const struct ic_sriov_report *r, const struct ic_select *sel,
		     struct ic_result *res);
void ic_sriov_result_free(struct ic_result *res);
struct ic_audit_report;
extern const struct ic_columns ic_audit_view;
void ic_audit_result(const struct ic_audit_report *r, struct ic_result *res);
void ic_audit_result_free(struct ic_result *res);

#endif
