/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cmd-metrics.c - `iso-check metrics`: the host's state for Prometheus, on stdout or, with
 * --textfile, replaced atomically in a file for node_exporter's textfile collector.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cmd.h"
#include "dest.h"
#include "ic.h"
#include "metrics.h"

struct ic_metrics_args {
	const char *textfile;
	struct timespec mono, real;	/* when check() ran: before anything was read */
};

static const struct ic_opt ic_metrics_opts[] = {
	{ "textfile", required_argument, IC_OPT_TEXTFILE, "<file>",
	  "write to FILE (temporary file and rename), for\nnode_exporter's textfile collector" },
	{ NULL, 0, 0, NULL, NULL },
};

static void ic_metrics_parse(struct ic_args *a, int c, const char *arg)
{
	struct ic_metrics_args *ma = a->priv;

	if (c == IC_OPT_TEXTFILE)
		ma->textfile = arg;
}

static void ic_metrics_check(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_metrics_args *ma = a->priv;

	if (ctx->out != &ic_output_text)
		ic_errtryhelp("metrics", "metrics prints the Prometheus text format: no --json");
	if (ma->textfile && !*ma->textfile)
		ic_errtryhelp("metrics", "--textfile: an empty file name");
	ctx->collect.host = true;	/* the audit's verdicts and host-critical groups */
	ctx->collect.numeric = true;	/* no metric carries a name: pci.ids is not read */
	clock_gettime(CLOCK_MONOTONIC, &ma->mono);
	clock_gettime(CLOCK_REALTIME, &ma->real);
}

static double ic_seconds(const struct timespec *t)
{
	return (double)t->tv_sec + (double)t->tv_nsec / 1e9;
}

static int ic_metrics_run(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_metrics_args *ma = a->priv;
	struct ic_metrics mx;
	struct ic_metrics_input in;
	struct timespec now;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	ic_analyze_metrics(a->model, a->quirks, &mx);
	clock_gettime(CLOCK_MONOTONIC, &now);
	in.started = ic_seconds(&ma->real);
	in.duration = ic_seconds(&now) - ic_seconds(&ma->mono);
	ic_metrics_set_times(&mx, &in);
	if (!ma->textfile) {
		rc = ic_metrics_print(stdout, &mx) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
		ic_metrics_clear(&mx);
		return rc;
	}
	f = open_memstream(&buf, &len);
	if (!f)
		ic_oom();
	rc = ic_metrics_print(f, &mx);
	if (fclose(f) != 0 && rc == 0)
		ic_oom();
	ic_metrics_clear(&mx);
	rc = ic_dest_replace(ma->textfile, buf, len);
	free(buf);
	if (rc < 0) {
		char *msg = ic_xasprintf("cannot write the metrics: %s", ic_strerror(-rc));

		ctx->out->error(ma->textfile, msg);
		free(msg);
		return IC_EXIT_FAILURE;
	}
	return IC_EXIT_OK;
}

const struct ic_command ic_metrics_command = {
	.name = "metrics",
	.summary = "the host's isolation state as Prometheus metrics (node_exporter textfile)",
	.synopsis = "[options]",
	.description = "Print the groups, their viability and sizes, functions by binding, findings by\n"
		       "code, the audit's verdicts, SR-IOV, the IOMMU and interrupt remapping in the\n"
		       "Prometheus text format, every metric named iso_check_*.",
	.more = "Exit status: 0, or 4 if some inputs could not be read (the metrics are still\n"
		"written, with iso_check_partial 1).\n",
	.flags = IC_CMD_MODEL | IC_CMD_QUIRKS,
	.opts = ic_metrics_opts,
	.nodump = "an lspci dump holds no groups, drivers or host state to measure",
	.priv_size = sizeof(struct ic_metrics_args),
	.parse = ic_metrics_parse,
	.check = ic_metrics_check,
	.run = ic_metrics_run,
};
