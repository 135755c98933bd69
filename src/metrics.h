/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * metrics.h - `iso-check metrics`: the host's state as Prometheus metric families. The
 * analysis (analyze-metrics.c) fills them from the other views' reports; output-prom.c prints
 * them in the text exposition format. Every family is a row of ic_metric_defs[].
 */
#ifndef IC_METRICS_H
#define IC_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "audit.h"
#include "model.h"
#include "quirks.h"

/* The families, in the order they are printed: the index of each in ic_metric_defs[]. */
enum ic_metric {
	IC_M_BUILD_INFO,
	IC_M_KERNEL_INFO,
	IC_M_PARTIAL,
	IC_M_PROBLEMS,
	IC_M_IOMMU_ENABLED,
	IC_M_GROUPS_PENDING,
	IC_M_INTERRUPT_REMAPPING,
	IC_M_PCI_FUNCTIONS,
	IC_M_FUNCTIONS,
	IC_M_GROUPS,
	IC_M_GROUP_SIZE,
	IC_M_HOST_CRITICAL_GROUPS,
	IC_M_GROUPS_FINGERPRINT,
	IC_M_FINDINGS,
	IC_M_AUDIT_VERDICT,
	IC_M_AUDIT_CHECKS,
	IC_M_SRIOV_PFS,
	IC_M_SRIOV_VFS,
	IC_M_SRIOV_VFS_SUPPORTED,
	IC_M_SRIOV_VF_ISOLATION,
	IC_M_COLLECTION_TIMESTAMP,
	IC_M_COLLECTION_DURATION,
	IC_NMETRICS,
};

/* One family's registry row: its name (with the iso_check_ prefix), type and HELP text. */
struct ic_metric_def {
	const char *name;
	const char *type;		/* gauge or histogram */
	const char *labels;		/* its label names, comma-separated; "" none (for the docs) */
	const char *help;
};

#define IC_METRIC_MAX_LABELS 3

struct ic_sample {
	const char *suffix;		/* histograms: _bucket, _sum, _count; "" otherwise */
	const char *label[IC_METRIC_MAX_LABELS];	/* label names, NULL-ended early */
	char *value[IC_METRIC_MAX_LABELS];		/* their values (owned) */
	double v;			/* NAN: the value is not known */
};

struct ic_family {
	struct ic_sample *s;
	size_t n, cap;
};

struct ic_metrics {
	struct ic_family fam[IC_NMETRICS];
};

extern const struct ic_metric_def ic_metric_defs[IC_NMETRICS];

/* What the analysis is given besides the model: the clock readings of the collection. */
struct ic_metrics_input {
	double started;		/* when the collection began, seconds since the epoch */
	double duration;	/* how long collecting and analysing took, in seconds */
};

void ic_analyze_metrics(const struct ic_model *m, const struct ic_quirks *q, struct ic_metrics *out);
void ic_metrics_set_times(struct ic_metrics *mx, const struct ic_metrics_input *in);
struct ic_sample *ic_metric_add(struct ic_metrics *mx, enum ic_metric id, double v, ...);
void ic_metrics_clear(struct ic_metrics *mx);
int ic_metrics_print(FILE *f, const struct ic_metrics *mx);
uint64_t ic_groups_fingerprint(const struct ic_model *m);

#endif
