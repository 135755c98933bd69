/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-snapshot.c - `iso-check snapshot`: record exactly what iso-check reads, for --sysroot. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "cmd.h"
#include "dest.h"
#include "ic.h"
#include "paths.h"

#define IC_SNAPSHOT_INFO "ISO_CHECK_SNAPSHOT"	/* format line and what the snapshot holds */

/* Read (and so record) what iso-check itself does not read but a bug report wants. */
static void ic_snapshot_extras(struct ic_root *root, const struct ic_model *m)
{
	static const char *const files[] = {
		"proc/modules", IC_PATH_KERNEL_RELEASE, IC_PATH_PAGE_SIZE, IC_PATH_HOSTNAME, IC_PATH_ETC_HOSTNAME,
		IC_PATH_ACPI_TABLES "/DMAR", IC_PATH_ACPI_TABLES "/IVRS",
	};
	static const char *const vfio[] = { "vfio", "vfio_pci", "vfio_pci_core", "vfio_iommu_type1", "iommufd",
					       "vfio_iommu_spapr_tce" };
	static const char *const index[] = {
		"modules.alias.bin", "modules.dep.bin", "modules.builtin.bin", "modules.builtin.alias.bin",
		"modules.symbols.bin", "modules.softdep", "modules.builtin.modinfo",
	};
	/* where libkmod reads module options (kmod's config paths) */
	static const char *const confdirs[] = {
		IC_PATH_MODPROBE_D, "run/modprobe.d", "usr/local/lib/modprobe.d", "lib/modprobe.d",
		"usr/lib/modprobe.d",
	};
	char *buf, *rel, **names;
	size_t n;

	for (size_t i = 0; i < IC_ARRAY_SIZE(files); i++)
		if (ic_root_read(root, files[i], &buf, NULL) == 0)
			free(buf);
	for (size_t i = 0; i < IC_ARRAY_SIZE(vfio); i++) {
		rel = ic_xasprintf("%s/%s/parameters", IC_PATH_MODULE, vfio[i]);
		if (ic_root_list(root, rel, &names, &n) == 0) {
			for (size_t j = 0; j < n; j++) {
				char *p = ic_path_cat(rel, names[j]);

				if (ic_root_read(root, p, &buf, NULL) == 0)
					free(buf);
				free(p);
			}
			ic_strv_free_n(names, n);
		}
		free(rel);
	}
	for (size_t i = 0; i < IC_ARRAY_SIZE(confdirs); i++) {
		if (ic_root_list(root, confdirs[i], &names, &n) < 0)
			continue;
		for (size_t j = 0; j < n; j++) {
			char *p = ic_path_cat(confdirs[i], names[j]);

			if (ic_str_has_suffix(names[j], ".conf") && ic_root_read(root, p, &buf, NULL) == 0)
				free(buf);
			free(p);
		}
		ic_strv_free_n(names, n);
	}
	for (size_t i = 0; m->kernel_release && i < IC_ARRAY_SIZE(index); i++) {
		rel = ic_xasprintf("%s/%s/%s", IC_PATH_MODULES_DIR, m->kernel_release, index[i]);
		if (ic_root_read(root, rel, &buf, NULL) == 0)
			free(buf);
		free(rel);
	}
}

/*
 * What the copy could not take over faithfully: a link whose target is absolute or climbs out of
 * the root (copied, it would point at the host of whoever replays it), or a file whose path runs
 * through a link. Each is a problem of the model, so the snapshot is partial (exit 4).
 */
static void ic_snap_problem(struct ic_root *root, struct ic_model *m, const char *rel,
			    const char *what)
{
	char *path = ic_root_display(root, rel);

	ic_model_problem(m, path, "%s: not copied", what);
	free(path);
}

/* A path that runs through a link (ELOOP, ENOTDIR) is not copied; other errors are fatal. */
static int ic_snap_result(struct ic_root *root, struct ic_model *m, const char *rel, int rc)
{
	if (rc == -ELOOP || rc == -ENOTDIR || rc == -EINVAL || rc == -ENAMETOOLONG) {
		ic_snap_problem(root, m, rel, rc == -EINVAL ? "not a plain path" :
				rc == -ENAMETOOLONG ? "a name is too long" : "the path runs through a link");
		return 0;
	}
	return rc;
}

static int ic_copy_link(struct ic_root *root, struct ic_model *m, int dfd, const char *rel)
{
	char *target;
	int rc;

	if (ic_root_readlink(root, rel, &target) < 0)
		return 0;	/* gone since it was read: nothing to copy */
	if (ic_link_leaves_root(rel, target)) {
		char *what = ic_xasprintf("a link to %s leaves the tree", target);

		ic_snap_problem(root, m, rel, what);
		free(what);
		rc = 0;
	} else {
		rc = ic_snap_result(root, m, rel, ic_dest_symlink(dfd, rel, target));
	}
	free(target);
	return rc;
}

/* A listed directory: its links and subdirectories (and empty files for its other names). */
static int ic_copy_listing(struct ic_root *root, struct ic_model *m, int dfd, const char *rel,
			   size_t *nlinks)
{
	char **names;
	size_t n;
	int rc = ic_snap_result(root, m, rel, ic_dest_mkdirs(dfd, rel));

	if (rc < 0 || ic_root_list(root, rel, &names, &n) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *p = ic_path_cat(rel, names[i]), *target;
		struct stat st;

		if (ic_root_readlink(root, p, &target) == 0) {
			free(target);
			rc = ic_copy_link(root, m, dfd, p);
			(*nlinks)++;
		} else if (ic_root_stat(root, p, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc = ic_snap_result(root, m, p, ic_dest_mkdirs(dfd, p));
		} else if (!ic_dest_exists(dfd, p)) {
			rc = ic_snap_result(root, m, p, ic_dest_write(dfd, p, "", 0));
		}
		free(p);
	}
	ic_strv_free_n(names, n);
	return rc;
}

/* --redact: blank the Device Serial Number capability of a config-space copy. */
static void ic_redact_config(uint8_t *cfg, size_t len)
{
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where;

	/* the one walker: a loop or a bad pointer ends the walk, what was found is blanked */
	ic_caps_walk_ext(cfg, len, &caps, &n, &where);
	for (size_t i = 0; i < n; i++)
		if (caps[i].id == PCI_EXT_CAP_ID_DSN && caps[i].offset + 12u <= len)
			memset(cfg + caps[i].offset + 4, 0, 8);
	free(caps);
}

static bool ic_is_config(const char *rel)
{
	const char *b = ic_path_basename(rel);

	return ic_streq(b, "config") && !strncmp(rel, "sys/devices/", 12);
}

static int ic_entry_cmp(const void *a, const void *b)
{
	const struct ic_root_entry *x = a, *y = b;
	int c = strcmp(x->rel, y->rel);

	return c ? c : (int)x->kind - (int)y->kind;
}

struct ic_snap_counts {
	size_t files, links, dirs;
};

/* Copies every entry of LOG from ROOT into the directory DFD. */
static int ic_snapshot_copy(struct ic_root *root, struct ic_model *m, struct ic_root_entry *log,
			    size_t n, int dfd, bool redact, struct ic_snap_counts *c)
{
	int rc = 0;

	qsort(log, n, sizeof(*log), ic_entry_cmp);
	/* directories first, then links, then file contents, so that listings hold their names */
	for (int pass = 0; pass < 3 && rc == 0; pass++)
		for (size_t i = 0; i < n && rc == 0; i++) {
			const struct ic_root_entry *e = &log[i];
			char *buf;
			size_t len;

			if (i && ic_streq(e->rel, log[i - 1].rel) && e->kind == log[i - 1].kind)
				continue;
			if (pass == 0 && (e->kind == IC_ROOT_DIR || e->kind == IC_ROOT_LISTING)) {
				rc = e->kind == IC_ROOT_LISTING ?
				     ic_copy_listing(root, m, dfd, e->rel, &c->links) :
				     ic_snap_result(root, m, e->rel, ic_dest_mkdirs(dfd, e->rel));
				c->dirs++;
			} else if (pass == 1 && e->kind == IC_ROOT_LINK) {
				rc = ic_copy_link(root, m, dfd, e->rel);
				c->links++;
			} else if (pass == 2 && e->kind == IC_ROOT_FILE &&
				   ic_root_read(root, e->rel, &buf, &len) == 0) {
				if (redact && ic_is_config(e->rel))
					ic_redact_config((uint8_t *)buf, len);
				rc = ic_snap_result(root, m, e->rel, ic_dest_write(dfd, e->rel, buf, len));
				free(buf);
				c->files++;
			}
		}
	return rc;
}

/* --redact, the one option of snapshot and report. */
const struct ic_opt ic_redact_opts[] = {
	{ "redact", no_argument, IC_OPT_REDACT, NULL,
	  "blank device serial numbers (Device Serial Number capability)" },
	{ NULL, 0, 0, NULL, NULL },
};

void ic_redact_parse(struct ic_args *a, int c, const char *arg)
{
	(void)arg;
	if (c == IC_OPT_REDACT)
		*(bool *)a->priv = true;
}

static bool ic_is_archive_name(const char *p)
{
	size_t n = strlen(p);

	return (n > 7 && !strcmp(p + n - 7, ".tar.gz")) || (n > 4 && !strcmp(p + n - 4, ".tgz"));
}

static int ic_snapshot_run(struct ic_ctx *ctx, struct ic_args *a)
{
	struct ic_collect_opts copts = { .numeric = true, .host = true };
	struct ic_collect_error err = { 0 };
	struct ic_snap_counts counts = { 0 };
	struct ic_root_entry *log;
	struct ic_root *root;
	struct ic_model *m;
	bool redact, archive;
	char *dir, *msg = NULL, *info;
	const char *dest;
	size_t nlog;
	int rc, dfd;

	redact = *(bool *)a->priv;
	dest = a->argv[0];
	archive = ic_is_archive_name(dest);
	if (faccessat(AT_FDCWD, dest, F_OK, AT_SYMLINK_NOFOLLOW) == 0) {
		ctx->out->error(dest, "already exists: iso-check does not overwrite");
		return IC_EXIT_FAILURE;
	}

	rc = ic_root_open(ctx->sysroot, &root, &msg);
	if (rc < 0) {
		ctx->out->error(ctx->sysroot ? ctx->sysroot : "/", msg ? msg : ic_strerror(-rc));
		free(msg);
		return IC_EXIT_FAILURE;
	}
	ic_root_record(root);
	rc = ic_collect(root, &copts, &m, &err);
	if (rc < 0) {
		ctx->out->error(err.path, err.msg);
		ic_collect_error_clear(&err);
		ic_root_free(root);
		return IC_EXIT_FAILURE;
	}
	ic_snapshot_extras(root, m);
	log = ic_root_take_log(root, &nlog);

	dir = archive ? ic_xasprintf("%s.tmp-XXXXXX", dest) : ic_xstrdup(dest);
	if (archive ? !mkdtemp(dir) : mkdir(dir, 0755) < 0) {
		rc = -errno;
		goto out;
	}
	if (archive)
		ic_cleanup_add_dir(dir);
	dfd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	rc = dfd < 0 ? -errno : ic_snapshot_copy(root, m, log, nlog, dfd, redact, &counts);
	if (rc == 0 && m->kernel_release && !ic_dest_exists(dfd, IC_PATH_KERNEL_RELEASE)) {
		char *kr = ic_xasprintf("%s\n", m->kernel_release);

		rc = ic_dest_write(dfd, IC_PATH_KERNEL_RELEASE, kr, strlen(kr));
		free(kr);
	}
	if (rc == 0 && ic_root_is_live(root)) {
		char *ps = ic_xasprintf("%ld\n", sysconf(_SC_PAGESIZE));

		rc = ic_dest_write(dfd, IC_PATH_PAGE_SIZE, ps, strlen(ps));
		free(ps);
	}
	/* format 2 records what the audit reads; a copy of a format-1 snapshot stays format 1 */
	info = ic_xasprintf("iso-check snapshot, format %d\nrecorded_by: iso-check %s\nsource: %s\n"
			    "config_space_cut: %s\nredacted: %s\nfiles: %zu\nlinks: %zu\ndirectories: %zu\n",
			    m->host && !m->host->absent_known ? 1 : 2, PACKAGE_VERSION, ic_root_name(root),
			    m->config_cut ? "yes" : "no",
			    redact ? "yes" : "no", counts.files, counts.links, counts.dirs);
	if (rc == 0)
		rc = ic_dest_write(dfd, IC_SNAPSHOT_INFO, info, strlen(info));
	free(info);
	if (dfd >= 0)
		close(dfd);
	if (rc == 0 && archive) {
		char *targv[] = { "tar", "-czf", (char *)dest, "-C", dir, ".", NULL };

		rc = ic_run_tar(targv);
	}
	if (archive) {
		ic_rmtree_now(dir);
		ic_cleanup_del_dir(dir);
	}
out:
	for (size_t i = 0; i < m->nproblems; i++)
		fprintf(stderr, "iso-check: %s: %s\n", m->problems[i].path, m->problems[i].msg);
	if (rc < 0) {
		char *emsg = ic_xasprintf("cannot write the snapshot: %s", ic_strerror(-rc));

		ctx->out->error(dest, emsg);
		free(emsg);
		rc = IC_EXIT_FAILURE;
	} else {
		struct ic_snapshot_summary sum = {
			.path = dest, .files = counts.files, .links = counts.links, .dirs = counts.dirs,
			.config_cut = m->config_cut, .redacted = redact, .model = m,
		};

		rc = ctx->out->snapshot(&sum) < 0 ? IC_EXIT_FAILURE : ic_exit_status(m, IC_EXIT_OK);
	}
	for (size_t i = 0; i < nlog; i++)
		free(log[i].rel);
	free(log);
	free(dir);
	ic_model_free(m);
	ic_root_free(root);
	return rc;
}

const struct ic_command ic_snapshot_command = {
	.name = "snapshot",
	.summary = "record what iso-check reads, for --sysroot anywhere",
	.synopsis = "[options] <dir|file.tar.gz>",
	.description = "Record exactly what iso-check reads from this host (or from --sysroot) into a\n"
		       "directory or a .tar.gz that --sysroot replays anywhere.",
	.man = "iso-check-snapshot(8) and iso-check-sysroot(5)",
	.opts = ic_redact_opts,
	.nodump = "an lspci dump is not a tree to snapshot",
	.min_args = 1,
	.max_args = 1,
	.args_error = "expected one destination: a new directory or a .tar.gz file",
	.priv_size = sizeof(bool),
	.parse = ic_redact_parse,
	.run = ic_snapshot_run,
};
