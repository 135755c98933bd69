/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output.h - output back ends (text through libsmartcols, JSON through json-c), chosen once. */
#ifndef IC_OUTPUT_H
#define IC_OUTPUT_H

#include <stdbool.h>

#include "analyze.h"
#include "diff.h"
#include "isolate.h"
#include "mmio.h"

enum ic_layout {
	IC_LAYOUT_TREE,	/* groups as parents, members as children */
	IC_LAYOUT_LIST,	/* one row per member */
};

struct ic_out_opts {
	enum ic_layout layout;
	const char *columns;	/* -o LIST, or +LIST after the defaults; NULL: the layout's defaults */
	bool noheadings;
	bool raw;		/* -r: columns split by one blank, values escaped (lsblk -r) */
	bool pairs;		/* -P: KEY="value" pairs, one row a line (lsblk -P) */
};

/* Columns of the text table, in the order of ic_group_columns[]. */
enum {
	IC_COL_NAME,
	IC_COL_GROUP,
	IC_COL_DEVICE,
	IC_COL_ID,
	IC_COL_CLASS,
	IC_COL_DRIVER,
	IC_COL_VFIO,
	IC_COL_VIABLE,
	IC_COL_TYPE,
	IC_COL_PCIE,
	IC_COL_NUMA,
	IC_COL_MODULES,
	IC_COL_RESERVED,
	IC_COL_KERNEL,
	IC_COL_WHY,
	IC_COL_DESCRIPTION,
	IC_COL_SRIOV,
	IC_COL_RESET,
	IC_COL_CRITICAL,
	IC_COL_PE,
	IC_NCOLS,
};

struct ic_colinfo {
	const char *name;	/* as given to -o */
	double whint;		/* width hint for libsmartcols */
	int flags;		/* SCOLS_FL_* */
	const char *help;	/* for --help and --list-columns */
	const char *json;	/* where the view's JSON document holds the same value */
	const char *type;	/* string, integer, boolean, hex, size or list */
};

/* The columns of bridges and bars, in the order of their tables below. */
enum {
	IC_BCOL_BRIDGE, IC_BCOL_TYPE, IC_BCOL_BUSES, IC_BCOL_IO, IC_BCOL_MEMORY,
	IC_BCOL_PREFETCHABLE, IC_BCOL_DOMAINS, IC_NBRIDGE_COLS,
};
enum {
	IC_RCOL_DEVICE, IC_RCOL_RES, IC_RCOL_SPACE, IC_RCOL_START, IC_RCOL_END, IC_RCOL_SIZE,
	IC_RCOL_ALIGN, IC_RCOL_DOMAIN, IC_RCOL_MMAP, IC_RCOL_SHARES, IC_NBAR_COLS,
};

/* A table view's columns: what -o, --list-columns and the text back end read. */
struct ic_columns {
	const char *view;
	const struct ic_colinfo *cols;
	size_t n;
	const int *defaults;	/* shown without -o; NULL: the view chooses (groups, by layout) */
	size_t ndefaults;
};

struct ic_result;	/* view.h */

extern const struct ic_colinfo ic_group_columns[IC_NCOLS];
extern const struct ic_columns ic_groups_view, ic_bridges_view, ic_bars_view;
int ic_columns_parse(const char *list, int *cols, size_t max, const char **bad);
int ic_columns_parse_in(const struct ic_columns *t, const char *list, int *cols, size_t max,
			const char **bad);

/* What `snapshot` recorded. */
struct ic_snapshot_summary {
	const char *path;		/* where */
	size_t files, links, dirs;
	bool config_cut;		/* config space was cut (not root) */
	bool redacted;
	const struct ic_model *model;
};

struct ic_output_ops {
	/* Prints the groups report; returns 0 or -errno if stdout failed. */
	int (*groups)(const struct ic_groups_report *r, const struct ic_out_opts *o);
	/* A fatal error: text goes to stderr only; JSON also prints an error object. */
	void (*error)(const char *path, const char *msg);
	/* diff: A and B are the two models */
	int (*diff)(const struct ic_model *a, const struct ic_model *b, const struct ic_diff *df);
	/* snapshot */
	int (*snapshot)(const struct ic_snapshot_summary *s);
	/* groups --isolate */
	int (*isolate)(const struct ic_isolate_report *r);
	/* a table view's result (bridges, bars and every view to come) */
	int (*result)(const struct ic_result *r, const struct ic_out_opts *o);
	/* --list-columns */
	int (*columns)(const struct ic_colinfo *cols, size_t n);
	/* --list-findings: the finding registry */
	int (*findings)(void);
};

extern const struct ic_output_ops ic_output_text;
extern const struct ic_output_ops ic_output_json;
extern const struct ic_output_ops ic_output_jsonl;
void ic_jsonl_set_view(const char *view);	/* what every line's "view" says */

#define IC_SCHEMA_VERSION 2	/* of every document but --list-findings' own */

#endif
