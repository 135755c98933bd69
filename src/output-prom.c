/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output-prom.c - the Prometheus text exposition format (version 0.0.4) of `metrics`: per
 * family its HELP and TYPE lines, then its samples; label values and HELP texts escaped as
 * the format says, values in the shortest form that reads back exactly.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "ic.h"
#include "metrics.h"

/* S with the format's escapes: backslash and newline, and in label values the double quote. */
static void ic_prom_escaped(FILE *f, const char *s, bool label)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '"' && label)
			fputs("\\\"", f);
		else
			fputc(*s, f);
	}
}

static void ic_prom_value(FILE *f, double v)
{
	if (isnan(v))
		fputs("NaN", f);
	else if (isinf(v))
		fputs(v > 0 ? "+Inf" : "-Inf", f);
	else if (v == (double)(int64_t)v)
		fprintf(f, "%" PRId64, (int64_t)v);	/* counts and the fingerprint, exactly */
	else
		fprintf(f, "%.6f", v);			/* times: microseconds are enough */
}

/* Prints every family that has samples. Return: 0, or -EIO if F failed. */
int ic_metrics_print(FILE *f, const struct ic_metrics *mx)
{
	for (size_t i = 0; i < IC_NMETRICS; i++) {
		const struct ic_metric_def *d = &ic_metric_defs[i];
		const struct ic_family *fam = &mx->fam[i];

		if (!fam->n)
			continue;
		fprintf(f, "# HELP %s ", d->name);
		ic_prom_escaped(f, d->help, false);
		fprintf(f, "\n# TYPE %s %s\n", d->name, d->type);
		for (size_t k = 0; k < fam->n; k++) {
			const struct ic_sample *s = &fam->s[k];

			fprintf(f, "%s%s", d->name, s->suffix);
			for (size_t j = 0; j < IC_METRIC_MAX_LABELS && s->label[j]; j++) {
				fprintf(f, "%s%s=\"", j ? "," : "{", s->label[j]);
				ic_prom_escaped(f, s->value[j], true);
				fputc('"', f);
			}
			fputs(s->label[0] ? "} " : " ", f);
			ic_prom_value(f, s->v);
			fputc('\n', f);
		}
	}
	return ferror(f) ? -EIO : 0;
}
