/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-groups.c - `iso-check groups`: options, then collect, analyse, print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze.h"
#include "cmd.h"
#include "ic.h"

static IC_NORETURN void ic_groups_usage(void)
{
	printf("Usage:\n iso-check groups [options]\n\n");
	printf("List IOMMU groups: members, drivers, domain type, reserved regions and whether\n"
	       "VFIO can take each group.\n\nOptions:\n"
	       " -s, --slot <[[[domain]:]bus]:][slot][.[func]]>  groups holding matching functions\n"
	       " -d, --device <[vendor]:[device][:class[:prog-if]]>  likewise, by ID\n"
	       " -g, --group <N>        only group N\n"
	       " -p, --predict          the groups the kernel forms from the topology, matched\n"
	       "                          with its actual groups; why each member is where it is\n"
	       " -e, --explain          --predict, with the chain of facts behind every member\n"
	       "     --isolate <address> what would it take to give this function a group of\n"
	       "                          its own: each obstacle, its fix, the result\n"
	       "     --acs-override <downstream,multifunction,id:VVVV:DDDD>\n"
	       "                        --predict as if booted with pcie_acs_override=\n"
	       "     --config-acs <FLAGS@DEVICE[;...]>\n"
	       "                        --predict as if booted with pci=config_acs=\n"
	       " -t, --tree             groups as parents, members as children (default)\n"
	       " -l, --list             one line per member\n"
	       " -o, --output <list>    columns to show, or +<list> to add to the defaults\n"
	       "                          (see --list-columns)\n"
	       "     --list-columns     list the columns and exit\n"
	       "     --noheadings       do not print column headings\n"
	       " -r, --raw              raw table: one blank between columns, one row a member\n"
	       " -P, --pairs            KEY=\"value\" pairs, one row a member\n"
	       " -J, --json             print JSON\n"
	       " -n, --numeric          show numbers only, no names\n"
	       " -i, --pci-ids <file>   use this PCI ID database\n"
	       "     --data-dir <dir>   read the quirk tables from <dir>\n"
	       "     --sysroot <dir>    read a recorded tree instead of this host\n"
	       "     --lspci-dump <file> read an lspci -x/-xxx/-xxxx dump (with --predict)\n"
	       " -h, --help             display this help\n");
	printf("\nFor more details see iso-check-groups(8).\n");
	exit(IC_EXIT_OK);
}

/* groups --isolate ADDRESS: the obstacles between a function and a group of its own. */
static int ic_groups_isolate(struct ic_ctx *ctx, const char *addr)
{
	struct ic_isolate_report rep;
	struct ic_quirks *quirks = NULL;
	struct ic_model *m;
	const struct ic_dev *d;
	char *full;
	int rc;

	uint32_t dom;
	uint8_t bus, slot, fn;

	/* lspci's short form bus:dev.fn means domain 0 */
	full = strlen(addr) < 12 ? ic_xasprintf("0000:%s", addr) : ic_xstrdup(addr);
	if (ic_bdf_parse(full, &dom, &bus, &slot, &fn) < 0) {
		free(full);
		ic_errtryhelp("groups", "--isolate %s: not a PCI address ([DDDD:]BB:DD.F)", addr);
	}
	rc = ic_load_quirks(ctx, &quirks);
	if (rc == 0)
		rc = ic_load_model(ctx, &m);
	if (rc) {
		ic_quirks_free(quirks);
		free(full);
		return rc;
	}
	d = ic_model_find(m, full);
	if (!d) {
		char *msg = ic_xasprintf("no PCI function %s", addr);

		/* named after what was read: the tree, the dump or this host */
		ctx->out->error(ctx->dump ? ctx->dump : ctx->sysroot ? ctx->sysroot : "/", msg);
		free(msg);
		rc = IC_EXIT_FAILURE;
	} else if (ic_analyze_isolate(m, quirks, d, &rep) < 0) {
		/* what is missing is named: a result, though an incomplete one */
		char *msg = ic_xasprintf("its group cannot be predicted: %s", rep.unknown_cause);

		ctx->out->error(d->bdf, msg);
		free(msg);
		ic_isolate_report_clear(&rep);
		rc = IC_EXIT_PARTIAL;
	} else {
		rc = ctx->out->isolate(&rep) < 0 ? IC_EXIT_FAILURE : ic_exit_status(m, IC_EXIT_OK);
		ic_isolate_report_clear(&rep);
	}
	free(full);
	ic_quirks_free(quirks);
	ic_model_free(m);
	return rc;
}

int ic_cmd_groups(struct ic_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "slot", required_argument, NULL, 's' },
		{ "device", required_argument, NULL, 'd' },
		{ "group", required_argument, NULL, 'g' },
		{ "predict", no_argument, NULL, 'p' },
		{ "explain", no_argument, NULL, 'e' },
		{ "acs-override", required_argument, NULL, IC_OPT_ACS_OVERRIDE },
		{ "isolate", required_argument, NULL, IC_OPT_ISOLATE },
		{ "config-acs", required_argument, NULL, IC_OPT_CONFIG_ACS },
		{ "tree", no_argument, NULL, 't' },
		{ "list", no_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "list-columns", no_argument, NULL, IC_OPT_LIST_COLUMNS },
		{ "noheadings", no_argument, NULL, IC_OPT_NOHEADINGS },
		{ "raw", no_argument, NULL, 'r' },
		{ "pairs", no_argument, NULL, 'P' },
		IC_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct ic_out_opts oo = { .layout = IC_LAYOUT_TREE };
	struct ic_groups_report rep;
	struct ic_select sel;
	struct ic_prediction pred = { 0 }, base = { 0 };
	struct ic_whatif whatif = { 0 }, nooverride;
	const char *acs_override = NULL, *config_acs = NULL, *isolate = NULL;
	struct ic_explanation expl = { 0 };
	struct ic_quirks *quirks = NULL;
	struct ic_model *m;
	bool list_columns = false, predict = false, explain = false;
	const char *err;
	int c, rc;

	ic_select_init(&sel);
	while ((c = getopt_long(argc, argv, IC_OPTSTRING("s:d:g:peltlo:rP"), longopts, NULL)) != -1) {
		if (ic_global_opt(ctx, c, optarg))
			continue;
		switch (c) {
		case 's':
			if (ic_select_parse_slot(&sel, optarg, &err) < 0)
				ic_errtryhelp("groups", "-s %s: %s", optarg, err);
			break;
		case 'd':
			if (ic_select_parse_id(&sel, optarg, &err) < 0)
				ic_errtryhelp("groups", "-d %s: %s", optarg, err);
			break;
		case 'g':
			if (ic_select_parse_group(&sel, optarg) < 0)
				ic_errtryhelp("groups", "-g %s: not a group number", optarg);
			break;
		case 'p':
			predict = true;
			break;
		case 'e':
			predict = explain = true;
			break;
		case IC_OPT_ISOLATE:
			isolate = optarg;
			break;
		case IC_OPT_ACS_OVERRIDE:
			if (ic_whatif_parse_override(&whatif, optarg, &err) < 0)
				ic_errtryhelp("groups", "--acs-override %s: %s", optarg, err);
			acs_override = optarg;
			predict = true;
			break;
		case IC_OPT_CONFIG_ACS:
			if (ic_whatif_parse_config_acs(&whatif, optarg, &err) < 0)
				ic_errtryhelp("groups", "--config-acs %s: %s", optarg, err);
			config_acs = optarg;
			predict = true;
			break;
		case 't':
			oo.layout = IC_LAYOUT_TREE;
			break;
		case 'l':
			oo.layout = IC_LAYOUT_LIST;
			break;
		case 'o':
			oo.columns = optarg;
			break;
		case IC_OPT_LIST_COLUMNS:
			list_columns = true;
			break;
		case IC_OPT_NOHEADINGS:
			oo.noheadings = true;
			break;
		case 'r':
			oo.raw = true;
			break;
		case 'P':
			oo.pairs = true;
			break;
		case 'h':
			ic_groups_usage();
		case 'V':
			ic_print_version();
		default:
			ic_errbadopt("groups", c, argv);
		}
	}
	if (optind < argc)
		ic_errtryhelp("groups", "unexpected argument '%s'", argv[optind]);
	if (list_columns)
		return ctx->out->columns(ic_group_columns, IC_NCOLS) < 0 ? IC_EXIT_FAILURE : IC_EXIT_OK;
	if (oo.columns) {
		const char *list = oo.columns[0] == '+' ? oo.columns + 1 : oo.columns;
		int cols[64];

		if (ic_columns_parse(list, cols, IC_ARRAY_SIZE(cols), &err) <= 0)
			ic_errtryhelp("groups", "-o %s: unknown column '%s'", oo.columns,
				      *list ? err : "");
	}
	if (oo.raw && oo.pairs)
		ic_errtryhelp("groups", "-r and -P exclude each other");
	if (oo.raw || oo.pairs)
		oo.layout = IC_LAYOUT_LIST;	/* one row a member, for scripts */

	if (isolate && (acs_override || config_acs))
		ic_errtryhelp("groups", "--isolate proposes its own settings: no --acs-override or --config-acs");
	if (isolate)
		return ic_groups_isolate(ctx, isolate);
	if (ctx->dump && !predict)
		ic_errtryhelp("groups", "an lspci dump holds no kernel groups: use --predict");
	if (predict) {
		rc = ic_load_quirks(ctx, &quirks);
		if (rc)
			return rc;
	}
	rc = ic_load_model(ctx, &m);
	if (rc) {
		ic_quirks_free(quirks);
		return rc;
	}
	if (predict) {
		ic_predict_whatif(m, quirks, &whatif, &pred);
		rc = ic_analyze_predicted(m, &pred, &sel, acs_override || config_acs, &rep);
		rep.acs_override = acs_override;
		rep.config_acs = config_acs;
		if (rc == 0 && ic_whatif_is_set(&whatif)) {
			/* the same what-if without the override tells what rests on it */
			nooverride = (struct ic_whatif){ .config = whatif.config, .nconfig = whatif.nconfig };
			ic_predict_whatif(m, quirks, &nooverride, &base);
			ic_mark_unsafe(&base, &pred, &rep);
		}
		if (explain) {
			ic_explain(m, quirks, &pred, &expl);
			rep.explain = &expl;
		}
	} else {
		rc = ic_analyze_groups(m, &sel, &rep);
	}
	if (rc < 0) {
		char *msg = ic_xasprintf("%sgroup %d does not exist", predict ? "predicted " : "", sel.group);

		ctx->out->error(NULL, msg);
		free(msg);
		rc = IC_EXIT_FAILURE;
	} else {
		rc = ctx->out->groups(&rep, &oo) < 0 ? IC_EXIT_FAILURE :
		     rep.iommu_on ? IC_EXIT_OK : IC_EXIT_NO_IOMMU;
		for (size_t i = 0; i < rep.nfindings; i++)
			ic_ctx_saw(ctx, rep.findings[i].def->severity);
		rc = ic_exit_status(m, rc);
	}
	ic_groups_report_clear(&rep);
	ic_explanation_clear(m, &expl);
	ic_prediction_clear(&pred);
	ic_prediction_clear(&base);
	ic_whatif_clear(&whatif);
	ic_quirks_free(quirks);
	ic_model_free(m);
	return rc;
}
