/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fixture-loader.h - unit tests that collect a recorded tree from tests/fixtures into a model. */
#ifndef IC_TEST_FIXTURE_LOADER_H
#define IC_TEST_FIXTURE_LOADER_H

#include <stdlib.h>

#include "collect.h"
#include "ic.h"

/*
 * Unpacks tests/fixtures/NAME.tar.gz below TMPDIR (as NAME, or NAME-cut with every config file
 * cut to the 64 bytes an unprivileged reader sees) and collects it, numeric only.
 */
static inline struct ic_model *fx_load(const char *tmpdir, const char *name, bool cut)
{
	struct ic_collect_opts opts = { .numeric = true };
	struct ic_collect_error err = { 0 };
	struct ic_model *m = NULL;
	struct ic_root *root;
	char *dir = ic_xasprintf("%s/%s%s", tmpdir, name, cut ? "-cut" : "");
	char *cmd = ic_xasprintf("mkdir -p %s && tar -xzf %s/tests/fixtures/%s.tar.gz -C %s%s", dir,
				 getenv("IC_SRCDIR"), name, dir,
				 cut ? " && find . -name config -type f -exec truncate -s 64 {} +" : "");
	char *full = ic_xasprintf("cd %s && %s", tmpdir, cmd);

	assert_non_null(getenv("IC_SRCDIR"));
	assert_int_equal(system(full), 0);
	assert_int_equal(ic_root_open(dir, &root, &(char *){ NULL }), 0);
	assert_int_equal(ic_collect(root, &opts, &m, &err), 0);
	ic_root_free(root);
	free(full);
	free(cmd);
	free(dir);
	return m;
}

/* Removes TMPDIR (a cmocka group teardown passes it as the state). */
static inline int fx_cleanup(const char *tmpdir)
{
	char *cmd = ic_xasprintf("rm -rf %s", tmpdir);
	int rc = system(cmd);

	free(cmd);
	return rc;
}

#endif
