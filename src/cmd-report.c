/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-report.c - `iso-check report`: one .tar.gz for a bug report: snapshot, JSON, summary. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "cmd.h"
#include "ic.h"

/* One view of the report: a command line of iso-check and the file its output goes to. */
static const struct ic_report_view {
	const char *file;
	bool json;
	const struct ic_command *cmd;
	const char *argv[6];
} ic_report_views[] = {
	{ "groups.json", true, &ic_groups_command, { "groups", NULL } },
	{ "groups-predict.json", true, &ic_groups_command, { "groups", "--explain", NULL } },
	{ "bridges.json", true, &ic_bridges_command, { "bridges", NULL } },
	{ "bars.json", true, &ic_bars_command, { "bars", NULL } },
	{ "sriov.json", true, &ic_sriov_command, { "sriov", NULL } },
	{ "audit.json", true, &ic_audit_command, { "audit", NULL } },
	{ "summary.txt", false, &ic_groups_command, { "groups", NULL } },
	{ "summary.txt", false, &ic_groups_command, { "groups", "--predict", NULL } },
};

/*
 * Runs a command in a child with stdout appended to FILE, against the snapshot SYSROOT: the
 * same code as on the command line, so the report holds exactly what a user would see.
 */
static int ic_report_view_run(const struct ic_ctx *ctx, const char *sysroot, const struct ic_report_view *v,
			 const char *file)
{
	int status = 0;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		struct ic_ctx c = *ctx;
		char *argv[8];
		int argc = 0, fd;

		fd = open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
			_exit(IC_EXIT_FAILURE);
		if (!v->json) {
			printf("$ iso-check");
			for (size_t i = 0; v->argv[i]; i++)
				printf(" %s", v->argv[i]);
			putchar('\n');
		}
		c.sysroot = sysroot;
		if (v->cmd != &ic_snapshot_command)
			c.sysroot_label = "snapshot";	/* as the bundle names it */
		c.out = v->json ? &ic_output_json : &ic_output_text;
		for (size_t i = 0; v->argv[i]; i++)
			argv[argc++] = (char *)v->argv[i];
		argv[argc] = NULL;
		status = ic_command_run(&c, v->cmd, argc, argv);
		if (!v->json)
			printf("(exit status %d)\n\n", status);
		fflush(stdout);
		_exit(status);
	}
	ic_cleanup_add_child(pid, true);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ic_cleanup_del_child(pid);
	if (!WIFEXITED(status))
		return -EIO;
	return WEXITSTATUS(status);
}

static int ic_report_run(struct ic_ctx *ctx, struct ic_args *a)
{
	const char *dest = "iso-check-report.tar.gz";
	bool redact;
	char *work, *snap, *targv[7];
	int rc = 0, worst = IC_EXIT_OK;

	redact = *(bool *)a->priv;
	if (a->argc)
		dest = a->argv[0];
	if (faccessat(AT_FDCWD, dest, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
		ctx->out->error(dest, "already exists: iso-check does not overwrite");
		return IC_EXIT_FAILURE;
	}
	work = ic_xasprintf("%s.tmp-XXXXXX", dest);
	if (!mkdtemp(work)) {
		char *msg = ic_xasprintf("cannot make a work directory: %s", strerror(errno));

		ctx->out->error(dest, msg);
		free(msg);
		free(work);
		return IC_EXIT_FAILURE;
	}
	ic_cleanup_add_dir(work);
	snap = ic_xasprintf("%s/snapshot", work);

	/* 1. the snapshot, with the caller's source; 2. every view, from the snapshot */
	{
		struct ic_report_view sv = { "", true, &ic_snapshot_command, { "snapshot", snap, NULL, NULL } };
		char *out = ic_xasprintf("%s/.snapshot.out", work);	/* its summary names work paths */
		struct ic_ctx sctx = *ctx;

		if (redact) {
			sv.argv[1] = "--redact";
			sv.argv[2] = snap;
		}
		sctx.out = &ic_output_text;
		rc = ic_report_view_run(&sctx, ctx->sysroot, &sv, out);
		unlink(out);
		free(out);
		worst = rc;
	}
	for (size_t i = 0; rc >= 0 && rc != IC_EXIT_FAILURE && rc != IC_EXIT_USAGE &&
			   i < IC_ARRAY_SIZE(ic_report_views); i++) {
		char *out = ic_path_cat(work, ic_report_views[i].file);
		int r = ic_report_view_run(ctx, snap, &ic_report_views[i], out);

		free(out);
		if (r < 0 || r == IC_EXIT_FAILURE || r == IC_EXIT_USAGE)
			rc = r < 0 ? r : -EIO;
		else if (r == IC_EXIT_PARTIAL)	/* audit's 6 and 7 are its verdicts, not the report's */
			worst = r;
	}
	if (rc >= 0 && rc != IC_EXIT_FAILURE && rc != IC_EXIT_USAGE) {
		targv[0] = "tar";
		targv[1] = "-czf";
		targv[2] = (char *)dest;
		targv[3] = "-C";
		targv[4] = work;
		targv[5] = ".";
		targv[6] = NULL;
		rc = ic_run_tar(targv);
	} else if (rc >= 0) {
		rc = -EIO;
	}
	ic_rmtree_now(work);
	ic_cleanup_del_dir(work);
	free(snap);
	free(work);
	if (rc < 0) {
		ctx->out->error(dest, "the report could not be collected (see the messages above)");
		return IC_EXIT_FAILURE;
	}
	printf("Collected into %s:\n"
	       "  snapshot/             what iso-check reads from %s (iso-check-sysroot(5))%s\n"
	       "  groups.json           iso-check groups --json\n"
	       "  groups-predict.json   iso-check groups --explain --json\n"
	       "  bridges.json          iso-check bridges --json\n"
	       "  bars.json             iso-check bars --json\n"
	       "  sriov.json            iso-check sriov --json\n"
	       "  audit.json            iso-check audit --json\n"
	       "  summary.txt           iso-check groups, and groups --predict, as text\n",
	       dest, ctx->sysroot ? ctx->sysroot : "this host", redact ? ", serial numbers blanked" : "");
	/* the IOMMU being off is worth a report, not a failure of it */
	return worst == IC_EXIT_PARTIAL ? IC_EXIT_PARTIAL : IC_EXIT_OK;
}

const struct ic_command ic_report_command = {
	.name = "report",
	.summary = "a bug report: snapshot, JSON of every view, summary",
	.synopsis = "[options] [file.tar.gz]",
	.description = "Collect a bug report: a snapshot of what iso-check reads, the JSON of every view\n"
		       "computed from it, and a short text summary, in one .tar.gz (default:\n"
		       "iso-check-report.tar.gz).",
	.opts = ic_redact_opts,
	.nodump = "an lspci dump is not a tree to report on",
	.max_args = 1,
	.args_error = "expected at most one destination .tar.gz",
	.priv_size = sizeof(bool),
	.parse = ic_redact_parse,
	.run = ic_report_run,
};
