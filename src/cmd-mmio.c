// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * cmd-mmio.c - `iso-check bridges` (windows and containment) and `iso-check bars` (BARs, and
 * pages or platform segments shared across isolation domains).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "ic.h"
#include "mmio.h"
#include "select.h"

/* The output options of both commands' --help, as groups has them. */
#define IC_MMIO_OUTPUT_HELP                                                                   \
	" -o, --output <list>    columns to show, or +<list> to add to the defaults\n"       \
	"     --list-columns     list the columns and exit\n"                                \
	"     --noheadings       do not print column headings\n"                             \
	" -r, --raw              raw table: one blank between columns\n"                     \
	" -P, --pairs            KEY=\"value\" pairs, one row a line\n"                       \
	" -J, --json             print JSON\n"

static IC_NORETURN void ic_bridges_usage(void)
{
	printf("Usage:\n iso-check bridges [options]\n\n");
	printf("Every PCI-to-PCI bridge with its bus range and its I/O, memory and prefetchable\n"
	       "windows (config space, checked against the kernel's view), the isolation domains\n"
	       "below it, and whether every BAR lies inside the windows above it.\n\nOptions:\n"
	       " -s, --slot <[[dom:]bus:]dev.fn>  bridges matching, or above a function matching\n"
	       " -d, --device <vendor:device>     bridges matching, or above a function matching\n"
	       IC_MMIO_OUTPUT_HELP
	       " -h, --help             display this help\n");
	printf("\nFor more details see iso-check-bridges(8).\n");
	exit(IC_EXIT_OK);
}

static IC_NORETURN void ic_bars_usage(void)
{
	printf("Usage:\n iso-check bars [options]\n\n");
	printf("Every BAR, ROM and SR-IOV BAR with its isolation domain, and every page or\n"
	       "platform segment that holds BARs of more than one domain.\n\nOptions:\n"
	       " -s, --slot <[[dom:]bus:]dev.fn>  only resources of matching functions\n"
	       " -d, --device <vendor:device>     only resources of matching functions\n"
	       "     --page-size <size> 4K, 16K or 64K (default: the host's, or the snapshot's)\n"
	       "     --segments <base:size:count>  MMIO cut into equal segments, one owner each\n"
	       "                        (PowerNV M32: 3G:1G:128); repeatable\n"
	       IC_MMIO_OUTPUT_HELP
	       " -h, --help             display this help\n");
	printf("\nFor more details see iso-check-bars(8).\n");
	exit(IC_EXIT_OK);
}

/* A size or address: decimal or 0x hex, with an optional binary suffix K, M, G or T (or k...). */
static int ic_parse_size(const char *s, uint64_t *v)
{
	static const char suffixes[] = "KMGT";
	size_t n = strlen(s);
	const char *u = n > 1 ? strchr(suffixes, toupper((unsigned char)s[n - 1])) : NULL;
	char *num = ic_xasprintf("%.*s", (int)(u && *u ? n - 1 : n), s);
	int rc = ic_parse_u64(num, 0, v);

	free(num);
	for (long k = 0; rc == 0 && u && *u && k <= u - suffixes; k++) {
		if (*v > UINT64_MAX / 1024)
			return -ERANGE;
		*v *= 1024;
	}
	return rc;
}

/* --segments BASE:SIZE:COUNT: SIZE must split into COUNT equal segments. */
static int ic_parse_segments(const char *arg, struct ic_segments *sg, const char **err)
{
	char *copy = ic_xstrdup(arg), *size, *count;
	uint64_t n;
	int rc = -1;

	*err = "expected BASE:SIZE:COUNT, e.g. 3G:1G:128";
	size = strchr(copy, ':');
	count = size ? strchr(size + 1, ':') : NULL;
	if (!count)
		goto out;
	*size++ = '\0';
	*count++ = '\0';
	if (ic_parse_size(copy, &sg->base) < 0 || ic_parse_size(size, &sg->size) < 0 ||
	    ic_parse_size(count, &n) < 0)
		goto out;
	if (!n || n > UINT32_MAX || !sg->size || sg->size % n) {
		*err = "SIZE must split into COUNT (1 or more) equal segments";
		goto out;
	}
	if (sg->base + sg->size - 1 < sg->base) {
		*err = "BASE + SIZE is beyond the address space";
		goto out;
	}
	sg->count = (uint32_t)n;
	rc = 0;
out:
	free(copy);
	return rc;
}

/* Keeps the findings that involve a function SEL matches, or one of the KEEP devices. */
static void ic_prune_findings(const struct ic_model *m, const struct ic_select *sel,
			      const bool *keep, struct ic_mmio_finding *f, size_t *n)
{
	size_t out = 0;

	for (size_t i = 0; i < *n; i++) {
		bool want = false;

		for (size_t k = 0; k < f[i].ndevs && !want; k++)
			want = ic_select_dev(sel, f[i].devs[k]) || (keep && keep[f[i].devs[k] - m->devs]);
		if (want) {
			f[out++] = f[i];
		} else {
			free(f[i].devs);
			free(f[i].text);
		}
	}
	*n = out;
}

/* Options both commands take: -s, -d and the globals; bars adds --page-size and --segments. */
struct ic_mmio_args {
	struct ic_select sel;
	uint64_t page_size;
	struct ic_segments *segs;
	size_t nsegs;
	struct ic_out_opts out;		/* -o, --noheadings, -r, -P */
	bool list_columns;
};

static void ic_mmio_parse(struct ic_ctx *ctx, int argc, char **argv, const char *cmd,
			  void (*usage)(void), struct ic_mmio_args *a)
{
	static const struct option longopts[] = {
		{ "slot", required_argument, NULL, 's' },
		{ "device", required_argument, NULL, 'd' },
		{ "page-size", required_argument, NULL, IC_OPT_PAGE_SIZE },
		{ "segments", required_argument, NULL, IC_OPT_SEGMENTS },
		{ "output", required_argument, NULL, 'o' },
		{ "list-columns", no_argument, NULL, IC_OPT_LIST_COLUMNS },
		{ "noheadings", no_argument, NULL, IC_OPT_NOHEADINGS },
		{ "raw", no_argument, NULL, 'r' },
		{ "pairs", no_argument, NULL, 'P' },
		IC_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	bool bars = usage == ic_bars_usage;
	const char *err;
	int c;

	memset(a, 0, sizeof(*a));
	ic_select_init(&a->sel);
	while ((c = getopt_long(argc, argv, IC_OPTSTRING("s:d:o:rP"), longopts, NULL)) != -1) {
		if (ic_global_opt(ctx, c, optarg))
			continue;
		switch (c) {
		case 's':
			if (ic_select_parse_slot(&a->sel, optarg, &err) < 0)
				ic_errtryhelp(cmd, "-s %s: %s", optarg, err);
			break;
		case 'd':
			if (ic_select_parse_id(&a->sel, optarg, &err) < 0)
				ic_errtryhelp(cmd, "-d %s: %s", optarg, err);
			break;
		case IC_OPT_PAGE_SIZE:
			if (!bars)
				ic_errtryhelp(cmd, "unknown option '--page-size'");
			if (ic_parse_size(optarg, &a->page_size) < 0 || a->page_size < 512 ||
			    (a->page_size & (a->page_size - 1)))
				ic_errtryhelp(cmd, "--page-size %s: not a power of two of 512 or more "
					      "(4K, 16K, 64K)", optarg);
			break;
		case IC_OPT_SEGMENTS:
			if (!bars)
				ic_errtryhelp(cmd, "unknown option '--segments'");
			a->segs = ic_xrealloc(a->segs, a->nsegs + 1, sizeof(*a->segs));
			if (ic_parse_segments(optarg, &a->segs[a->nsegs], &err) < 0)
				ic_errtryhelp(cmd, "--segments %s: %s", optarg, err);
			a->nsegs++;
			break;
		case 'o':
			a->out.columns = optarg;
			break;
		case IC_OPT_LIST_COLUMNS:
			a->list_columns = true;
			break;
		case IC_OPT_NOHEADINGS:
			a->out.noheadings = true;
			break;
		case 'r':
			a->out.raw = true;
			break;
		case 'P':
			a->out.pairs = true;
			break;
		case 'h':
			usage();	/* exits */
			break;
		case 'V':
			ic_print_version();
		default:
			ic_errbadopt(cmd, c, argv);
		}
	}
	if (optind < argc)
		ic_errtryhelp(cmd, "unexpected argument '%s'", argv[optind]);
	if (a->out.raw && a->out.pairs)
		ic_errtryhelp(cmd, "-r and -P exclude each other");
	if (a->out.columns) {
		const char *list = a->out.columns + (a->out.columns[0] == '+');
		int cols[64];

		if (ic_columns_parse_in(bars ? &ic_bars_view : &ic_bridges_view, list, cols,
					IC_ARRAY_SIZE(cols), &err) <= 0)
			ic_errtryhelp(cmd, "-o %s: unknown column '%s'", a->out.columns, *list ? err : "");
	}
}

/* --list-columns of bridges or bars: exits. */
static void ic_mmio_list_columns(struct ic_ctx *ctx, const struct ic_mmio_args *a,
				 const struct ic_columns *v)
{
	if (a->list_columns)
		exit(ctx->out->columns(v->cols, v->n) < 0 || fflush(stdout) ? IC_EXIT_FAILURE : IC_EXIT_OK);
}

/* The model and, per function, the isolation domain that owns its MMIO. */
static int ic_mmio_load(struct ic_ctx *ctx, struct ic_model **m, struct ic_domain **dom)
{
	struct ic_quirks *quirks = NULL;
	int rc;

	rc = ic_load_model(ctx, m);
	if (rc)
		return rc;
	/* without kernel groups, the predicted ones own the BARs */
	if ((*m)->ngroups == 0 && (rc = ic_load_quirks(ctx, &quirks)) != 0) {
		ic_model_free(*m);
		return rc;
	}
	*dom = ic_domains(*m, quirks);
	ic_quirks_free(quirks);
	return 0;
}

int ic_cmd_bridges(struct ic_ctx *ctx, int argc, char **argv)
{
	struct ic_bridges_report r;
	struct ic_mmio_args a;
	struct ic_domain *dom;
	struct ic_model *m;
	bool *show, *keep;
	int rc;

	ic_mmio_parse(ctx, argc, argv, "bridges", ic_bridges_usage, &a);
	ic_mmio_list_columns(ctx, &a, &ic_bridges_view);
	rc = ic_mmio_load(ctx, &m, &dom);
	if (rc)
		return rc;
	ic_analyze_bridges(m, dom, &r);
	show = ic_xcalloc(r.nrows + 1, sizeof(*show));
	keep = ic_xcalloc(m->ndevs + 1, sizeof(*keep));
	if (!ic_select_any_dev_filter(&a.sel)) {
		for (size_t k = 0; k < r.nrows; k++)
			show[k] = true;
	} else {
		/* a bridge is shown if it matches or a function below it does */
		for (size_t i = 0; i < m->ndevs; i++)
			if (ic_select_dev(&a.sel, &m->devs[i]))
				for (const struct ic_dev *b = &m->devs[i]; b; b = b->parent)
					keep[b - m->devs] = true;
		for (size_t k = 0; k < r.nrows; k++)
			show[k] = keep[r.rows[k].dev - m->devs];
		ic_prune_findings(m, &a.sel, keep, r.findings, &r.nfindings);
	}
	rc = ctx->out->bridges(&r, show, &a.out) < 0 ? IC_EXIT_FAILURE : ic_exit_status(m, IC_EXIT_OK);
	for (size_t i = 0; i < r.nfindings; i++)
		ic_ctx_saw(ctx, r.findings[i].def->severity);
	free(show);
	free(keep);
	ic_bridges_report_clear(&r);
	free(dom);
	ic_model_free(m);
	return rc;
}

int ic_cmd_bars(struct ic_ctx *ctx, int argc, char **argv)
{
	struct ic_bars_report r;
	struct ic_mmio_args a;
	struct ic_bars_opts o;
	struct ic_domain *dom;
	struct ic_model *m;
	bool *show;
	int rc;

	ic_mmio_parse(ctx, argc, argv, "bars", ic_bars_usage, &a);
	ic_mmio_list_columns(ctx, &a, &ic_bars_view);
	if (ctx->dump)
		ic_errtryhelp("bars", "an lspci dump holds no BAR addresses the kernel assigned: use a "
			      "tree or a snapshot");
	rc = ic_mmio_load(ctx, &m, &dom);
	if (rc) {
		free(a.segs);
		return rc;
	}
	o = (struct ic_bars_opts){ .page_size = a.page_size, .segs = a.segs, .nsegs = a.nsegs };
	ic_analyze_bars(m, dom, &o, &r);
	show = ic_xcalloc(r.nrows + 1, sizeof(*show));
	for (size_t k = 0; k < r.nrows; k++)
		show[k] = ic_select_dev(&a.sel, r.rows[k].dev);
	if (ic_select_any_dev_filter(&a.sel))
		ic_prune_findings(m, &a.sel, NULL, r.findings, &r.nfindings);
	rc = ctx->out->bars(&r, show, &a.out) < 0 ? IC_EXIT_FAILURE : ic_exit_status(m, IC_EXIT_OK);
	for (size_t i = 0; i < r.nfindings; i++)
		ic_ctx_saw(ctx, r.findings[i].def->severity);
	free(show);
	ic_bars_report_clear(&r);
	free(a.segs);
	free(dom);
	ic_model_free(m);
	return rc;
}
