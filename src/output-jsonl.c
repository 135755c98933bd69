/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output-jsonl.c - the JSON-lines back end (--jsonl): the JSON document of a view, cut into one
 * compact object a line for journald, Vector or Fluent Bit. Every line starts with the same
 * envelope (schema_version, host, view, record); a "summary" line holds the document's own
 * keys, then one "row" line per row and one "finding" line per finding carry their fields.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "ic.h"
#include "output.h"
#include "view.h"

/* An array of the document whose elements become lines of their own, and what they are. */
struct ic_jsonl_split {
	const char *key;
	const char *record;
};

static const char *ic_jsonl_view_name = "iso-check";	/* the command's name, for every line */

void ic_jsonl_set_view(const char *view)
{
	ic_jsonl_view_name = view;
}

/* A new line object: the envelope, then (with FIELDS) FIELDS' own keys, shared not copied. */
static json_object *ic_jsonl_line(json_object *host, const char *record, json_object *fields)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "schema_version", json_object_new_int(IC_SCHEMA_VERSION));
	json_object_object_add(o, "host", json_object_get(host));
	json_object_object_add(o, "view", json_object_new_string(ic_jsonl_view_name));
	json_object_object_add(o, "record", json_object_new_string(record));
	if (fields && json_object_is_type(fields, json_type_object)) {
		json_object_object_foreach(fields, k, v) {
			/* the envelope's keys are never a row's: data/schemas keeps them apart */
			if (!json_object_object_get_ex(o, k, NULL))
				json_object_object_add(o, k, json_object_get(v));
		}
	} else if (fields) {
		json_object_object_add(o, "value", json_object_get(fields));
	}
	return o;
}

static int ic_jsonl_put(json_object *line)
{
	const char *s = json_object_to_json_string_ext(line, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = puts(s) < 0 ? -EIO : 0;

	json_object_put(line);
	return rc;
}

static bool ic_jsonl_is_split(const struct ic_jsonl_split *sp, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (ic_streq(sp[i].key, key))
			return true;
	return false;
}

/*
 * ic_jsonl_emit() - print TOP (consumed) as lines: the summary of every key but
 * schema_version and the SPLIT arrays, then each element of those arrays in order; the arrays
 * of ST (if not NULL) are made element by element as they are printed.
 */
static int ic_jsonl_emit(json_object *top, const struct ic_jsonl_split *sp, size_t nsp,
			 const struct ic_jstreams *st)
{
	json_object *src, *host = NULL, *rest = json_object_new_object(), *arr;
	int rc;

	if (json_object_object_get_ex(top, "source", &src))
		json_object_object_get_ex(src, "host", &host);
	json_object_object_foreach(top, k, v) {
		if (!ic_streq(k, "schema_version") && !ic_jsonl_is_split(sp, nsp, k))
			json_object_object_add(rest, k, json_object_get(v));
	}
	rc = ic_jsonl_put(ic_jsonl_line(host, "summary", rest));
	json_object_put(rest);
	for (size_t i = 0; rc == 0 && i < nsp; i++) {
		const struct ic_jstream *rows = ic_jstream_find(st, sp[i].key);

		if (rows) {
			for (size_t j = 0; rc == 0 && j < rows->n; j++) {
				json_object *row = rows->row(rows->data, j);

				if (row)
					rc = ic_jsonl_put(ic_jsonl_line(host, sp[i].record, row));
				json_object_put(row);
			}
			continue;
		}
		if (!json_object_object_get_ex(top, sp[i].key, &arr) ||
		    !json_object_is_type(arr, json_type_array))
			continue;
		for (size_t j = 0; rc == 0 && j < json_object_array_length(arr); j++)
			rc = ic_jsonl_put(ic_jsonl_line(host, sp[i].record,
							json_object_array_get_idx(arr, j)));
	}
	json_object_put(top);
	return rc;
}

static int ic_jsonl_groups(const struct ic_groups_report *r, const struct ic_out_opts *o)
{
	static const struct ic_jsonl_split sp[] = {
		{ "groups", "row" }, { "ungrouped", "ungrouped" }, { "findings", "finding" },
	};

	struct ic_jstreams st = { .n = 0 };
	json_object *doc = ic_jdoc_groups(r, &st);

	(void)o;
	return ic_jsonl_emit(doc, sp, IC_ARRAY_SIZE(sp), &st);
}

static int ic_jsonl_result(const struct ic_result *r, const struct ic_out_opts *o)
{
	const struct ic_jsonl_split sp[] = { { r->rows_key, "row" }, { "findings", "finding" } };

	struct ic_jstreams st = { .n = 0 };
	json_object *doc = ic_jdoc_result(r, &st);

	(void)o;
	return ic_jsonl_emit(doc, sp, IC_ARRAY_SIZE(sp), &st);
}

static int ic_jsonl_isolate(const struct ic_isolate_report *r)
{
	return ic_jsonl_emit(ic_jdoc_isolate(r), NULL, 0, NULL);
}

static int ic_jsonl_diff(const struct ic_model *a, const struct ic_model *b, const struct ic_diff *df)
{
	static const struct ic_jsonl_split sp[] = { { "changes", "row" } };

	return ic_jsonl_emit(ic_jdoc_diff(a, b, df), sp, IC_ARRAY_SIZE(sp), NULL);
}

static int ic_jsonl_snapshot(const struct ic_snapshot_summary *s)
{
	return ic_jsonl_emit(ic_jdoc_snapshot(s), NULL, 0, NULL);
}

/* A fatal error: the line on stderr, and one "error" line, as --json prints its object. */
static void ic_jsonl_error(const char *path, const char *msg)
{
	json_object *top = ic_jdoc_error(path, msg), *e;

	ic_output_text.error(path, msg);
	json_object_object_get_ex(top, "error", &e);
	ic_jsonl_put(ic_jsonl_line(NULL, "error", e));
	json_object_put(top);
}

static int ic_jsonl_columns(const struct ic_colinfo *cols, size_t n)
{
	static const struct ic_jsonl_split sp[] = { { "columns", "row" } };

	return ic_jsonl_emit(ic_jdoc_columns(cols, n), sp, IC_ARRAY_SIZE(sp), NULL);
}

/* The registry's rows have a view of their own: the document stays one summary line. */
static int ic_jsonl_findings(void)
{
	return ic_jsonl_emit(ic_jdoc_findings(), NULL, 0, NULL);
}

const struct ic_output_ops ic_output_jsonl = {
	.result = ic_jsonl_result,
	.groups = ic_jsonl_groups,
	.error = ic_jsonl_error,
	.columns = ic_jsonl_columns,
	.isolate = ic_jsonl_isolate,
	.snapshot = ic_jsonl_snapshot,
	.findings = ic_jsonl_findings,
	.diff = ic_jsonl_diff,
};
