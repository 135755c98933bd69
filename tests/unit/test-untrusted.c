/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-untrusted.c - the defences against hostile input: destinations written through no link,
 * the lexical link rule, bounded non-blocking reads, and lspci dumps checked before libpci. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cleanup.h"
#include "collect.h"
#include "dest.h"
#include "ic.h"
#include "root.h"

static char tmpdir[] = "/tmp/ic-test-untrusted-XXXXXX";

static char *path(const char *rel)
{
	return ic_xasprintf("%s/%s", tmpdir, rel);
}

static void put(const char *rel, const char *text)
{
	char *p = path(rel);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(p);
}

static void test_link_rule(void **state)
{
	assert_true(ic_link_leaves_root("sys/kernel/iommu_groups/7", "/tmp/victim"));
	assert_true(ic_link_leaves_root("sys/bus/pci/devices/x", ""));
	/* four directories deep: four ".." stay inside, five leave */
	assert_false(ic_link_leaves_root("sys/bus/pci/devices/x", "../../../../devices/pci0000:00/x"));
	assert_true(ic_link_leaves_root("sys/bus/pci/devices/x", "../../../../../etc"));
	assert_true(ic_link_leaves_root("a", ".."));
	assert_false(ic_link_leaves_root("a/b", "./../c/./d"));
	assert_true(ic_link_leaves_root("a/b", "c/../../.."));
	assert_false(ic_link_leaves_root("/a//b/", "../x"));	/* slashes folded */
}

static void test_dest_refuses_links(void **state)
{
	char *dir = path("dest"), *outside = path("outside");
	int dfd;

	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(outside, 0755), 0);
	dfd = open(dir, O_PATH | O_DIRECTORY);
	assert_true(dfd >= 0);
	assert_int_equal(ic_dest_write(dfd, "sys/kernel/type", "DMA\n", 4), 0);
	assert_true(ic_dest_exists(dfd, "sys/kernel/type"));
	/* a link made inside the destination is never followed when writing below it */
	assert_int_equal(ic_dest_symlink(dfd, "sys/kernel/iommu_groups", outside), 0);
	assert_int_equal(ic_dest_write(dfd, "sys/kernel/iommu_groups/type", "x", 1), -ENOTDIR);
	assert_int_equal(ic_dest_mkdirs(dfd, "sys/kernel/iommu_groups/7"), -ENOTDIR);
	assert_int_equal(ic_dest_symlink(dfd, "sys/kernel/iommu_groups/l", "x"), -ENOTDIR);
	/* nor is a link as the last component replaced by a file written through it */
	assert_int_equal(ic_dest_symlink(dfd, "f", "../outside/f"), 0);
	assert_int_equal(ic_dest_write(dfd, "f", "x", 1), -ELOOP);
	/* "." and ".." are not plain paths */
	assert_int_equal(ic_dest_write(dfd, "sys/../x", "x", 1), -EINVAL);
	assert_int_equal(ic_dest_mkdirs(dfd, "./sys"), -EINVAL);
	{
		char *victim = path("outside/f"), *victim2 = path("outside/type");

		assert_int_equal(access(victim, F_OK), -1);
		assert_int_equal(access(victim2, F_OK), -1);
		free(victim);
		free(victim2);
	}
	close(dfd);
	free(dir);
	free(outside);
}

static void test_bounded_reads(void **state)
{
	struct ic_root *root;
	char *msg = NULL, *buf, *fifo = path("tree/fifo");
	size_t len;

	put("tree/small", "0x8086\n");
	put("tree/five", "12345");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	{
		char *dir = path("tree");

		assert_int_equal(ic_root_open(dir, &root, &msg), 0);
		free(dir);
	}
	assert_int_equal(ic_root_read(root, "small", &buf, &len), 0);
	assert_int_equal(len, 7);
	free(buf);
	/* exactly the limit is fine, one byte more is not */
	assert_int_equal(ic_root_read_max(root, "five", 5, &buf, &len), 0);
	free(buf);
	assert_int_equal(ic_root_read_max(root, "five", 4, &buf, &len), -IC_ETOOBIG);
	/* a FIFO neither blocks nor reads */
	assert_int_equal(ic_root_read(root, "fifo", &buf, &len), -IC_ENOTREG);
	assert_int_equal(ic_root_read(root, ".", &buf, &len), -IC_ENOTREG);
	assert_string_equal(ic_strerror(IC_ENOTREG), "not a regular file");
	ic_root_free(root);
	free(fifo);
}

/*
 * A directory handle reads its entries as the root does: a link among them resolves inside the
 * root (never to the host's file of that name), a FIFO is refused, a limit holds, a missing
 * directory's entries say ENOENT, and a recording logs the full paths.
 */
static void test_dir_handle(void **state)
{
	struct ic_root *root;
	struct ic_rdir dir, gone;
	struct ic_root_entry *log;
	char *msg = NULL, *buf, *fifo = path("rtree/dev/fifo"), *lnk = path("rtree/dev/vendor");
	char *abs = path("rtree/dev/abs"), *rootdir = path("rtree");
	struct stat st;
	size_t len, n;

	put("rtree/dev/class", "0x010802\n");
	put("rtree/dev/empty", " \n");
	put("rtree/dev/config", "0123456789");
	put("rtree/etc/passwd", "0x1234\n");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(symlink("../etc/passwd", lnk), 0);
	assert_int_equal(symlink("/etc/passwd", abs), 0);	/* inside the root: its etc/passwd */
	assert_int_equal(ic_root_open(rootdir, &root, &msg), 0);
	ic_root_record(root);
	assert_int_equal(ic_rdir_open(root, "dev", &dir), 0);
	assert_false(dir.sysfs);	/* a recorded tree, not the live sysfs */
	assert_int_equal(ic_rdir_read_line(&dir, "class", &buf), 0);
	assert_string_equal(buf, "0x010802");
	free(buf);
	{
		char word[9];

		assert_int_equal(ic_rdir_read_word(&dir, "class", word, sizeof(word)), 0);
		assert_string_equal(word, "0x010802");
		assert_int_equal(ic_rdir_read_word(&dir, "class", word, 8), -EOVERFLOW);
		assert_int_equal(ic_rdir_read_word(&dir, "empty", word, sizeof(word)), -ENODATA);
		assert_int_equal(ic_rdir_read_word(&dir, "fifo", word, sizeof(word)), -IC_ENOTREG);
	}
	assert_int_equal(ic_rdir_read_max(&dir, "config", 4096, &buf, &len, &st), 0);
	assert_int_equal(len, 10);
	assert_int_equal(st.st_size, 10);
	free(buf);
	assert_int_equal(ic_rdir_read_max(&dir, "config", 9, &buf, &len, NULL), -IC_ETOOBIG);
	assert_int_equal(ic_rdir_read_line(&dir, "vendor", &buf), 0);
	assert_string_equal(buf, "0x1234");
	free(buf);
	assert_int_equal(ic_rdir_read_line(&dir, "abs", &buf), 0);
	assert_string_equal(buf, "0x1234");
	free(buf);
	assert_int_equal(ic_rdir_readlink(&dir, "vendor", &buf), 0);
	assert_string_equal(buf, "../etc/passwd");
	free(buf);
	assert_int_equal(ic_rdir_read_line(&dir, "fifo", &buf), -IC_ENOTREG);
	assert_int_equal(ic_rdir_read_line(&dir, "absent", &buf), -ENOENT);
	assert_int_equal(ic_rdir_readlink(&dir, "class", &buf), -EINVAL);
	ic_rdir_close(&dir);
	assert_int_equal(ic_rdir_open(root, "nowhere", &gone), -ENOENT);
	assert_int_equal(ic_rdir_read_line(&gone, "class", &buf), -ENOENT);
	ic_rdir_close(&gone);
	log = ic_root_take_log(root, &n);
	assert_true(n >= 6);
	assert_string_equal(log[0].rel, "dev");
	assert_int_equal(log[0].kind, IC_ROOT_DIR);
	assert_string_equal(log[1].rel, "dev/class");
	assert_int_equal(log[1].kind, IC_ROOT_FILE);
	for (size_t i = 0; i < n; i++)
		free(log[i].rel);
	free(log);
	ic_root_free(root);
	free(fifo);
	free(lnk);
	free(abs);
	free(rootdir);
}

/* Addresses as sysfs names functions, and nothing like them. */
static void test_bdf_parse(void **state)
{
	static const char *const bad[] = { "", "0000:00:00", "0000:00:00.8", "0000:00:20.0",
		"0000:0:00.0", "000:00:00.0", " 000:00:00.0", "+000:00:00.0", "0x00:00:00.0",
		"0000:00:00.0 ", "0000-00:00.0", "0000:00:00:0", "123456789:00:00.0", "0000:g0:00.0" };
	uint32_t dom;
	uint8_t b, s, f;

	assert_int_equal(ic_bdf_parse("0000:00:1f.3", &dom, &b, &s, &f), 0);
	assert_true(dom == 0 && b == 0 && s == 0x1f && f == 3);
	assert_int_equal(ic_bdf_parse("10000:E1:00.7", &dom, &b, &s, &f), 0);	/* VMD */
	assert_true(dom == 0x10000 && b == 0xe1 && s == 0 && f == 7);
	assert_int_equal(ic_bdf_parse("ffffffff:ff:1f.0", &dom, &b, &s, &f), 0);
	assert_true(dom == 0xffffffff);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ic_bdf_parse(bad[i], &dom, &b, &s, &f), -1);
}

/* A dump whose text is TEXT: 0 if it is read, else the error message in *msg. */
static int dump(const char *text, char **msg)
{
	struct ic_collect_opts opts = { .numeric = true };
	struct ic_collect_error err = { 0 };
	struct ic_model *m = NULL;
	char *p = path("dump.txt");
	int rc;

	put("dump.txt", text);
	rc = ic_collect_dump(p, &opts, &m, &err);
	*msg = err.msg ? ic_xstrdup(err.msg) : NULL;
	ic_collect_error_clear(&err);
	ic_model_free(m);
	free(p);
	return rc;
}

static void test_dump_rows_checked(void **state)
{
	static const char hdr[] = "00:00.0 Host bridge: x\n"
				  "00: 86 80 40 2a 06 01 90 20 07 00 00 06 00 00 00 00\n";
	static const struct {
		const char *rows, *want;
	} bad[] = {
		{ "EEEEEEa0: 41\n", "line 3: row at offset 0xeeeeeea0 is past" },
		{ "fffffff0: 41 41\n", "line 3: row at offset 0xfffffff0" },
		{ "1000: 00\n", "line 3: row at offset 0x1000" },
		{ "ff8: 00 00 00 00 00 00 00 00 00\n", "line 3: row at offset 0xff8" },
		{ "\n00:20.0 x\n", "line 4: 00:20.0 is not a PCI function address" },
		{ "\n00:00.0 again\n", "line 4: the function of line 1 again" },
		/* libpci reads the rows iso-check hands it: a tab after the address, blanks in a
		 * "blank" line and text after the bytes change nothing */
		{ "\n00:01.0\tx\nfffffff0: 41 41\n", "line 5: row at offset 0xfffffff0" },
		{ " \t\nfffffff0: 41\n", "line 4: row at offset 0xfffffff0" },
		{ "10: 41 41 pcilib: x\nfffffff0: 41\n", "line 4: row at offset 0xfffffff0" },
		{ "10: 41 41 oops\n", "line 3: a hex row with text after its bytes" },
	};
	char *msg, *text;

	assert_int_equal(dump(hdr, &msg), 0);
	free(msg);
	for (size_t i = 0; i < IC_ARRAY_SIZE(bad); i++) {
		text = ic_xasprintf("%s%s", hdr, bad[i].rows);
		assert_int_equal(dump(text, &msg), -EINVAL);
		if (!msg || !strstr(msg, bad[i].want))
			fail_msg("case %zu: got '%s', want '%s'", i, msg ? msg : "(none)", bad[i].want);
		free(msg);
		free(text);
	}
	/* rows before any function, or after a blank line, are not libpci's: not checked */
	assert_int_equal(dump("fffffff0: 41\n00:00.0 x\n00: 86 80 40 2a\n", &msg), 0);
	free(msg);
}

static void test_rmtree(void **state)
{
	char *dir = path("rm"), *ro = path("rm/a/ro"), *outside = path("keep"), *link = path("rm/a/l");

	assert_int_equal(mkdir(dir, 0700), 0);
	put("rm/x", "1");
	assert_int_equal(mkdir(outside, 0700), 0);
	put("keep/file", "2");
	{
		char *a = path("rm/a");

		assert_int_equal(mkdir(a, 0700), 0);
		free(a);
	}
	assert_int_equal(mkdir(ro, 0700), 0);
	put("rm/a/ro/y", "3");
	assert_int_equal(chmod(ro, 0500), 0);
	assert_int_equal(symlink(outside, link), 0);
	ic_rmtree_now(dir);
	assert_int_equal(access(dir, F_OK), -1);
	/* a link inside is removed, never followed */
	{
		char *kept = path("keep/file");

		assert_int_equal(access(kept, F_OK), 0);
		free(kept);
	}
	free(dir);
	free(ro);
	free(outside);
	free(link);
}

static int setup(void **state)
{
	char *tree;

	if (!mkdtemp(tmpdir))
		return -1;
	for (size_t i = 0; i < 4; i++) {
		tree = path((const char *[]){ "tree", "rtree", "rtree/dev", "rtree/etc" }[i]);
		mkdir(tree, 0755);
		free(tree);
	}
	return 0;
}

static int teardown(void **state)
{
	ic_rmtree_now(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_link_rule),
		cmocka_unit_test(test_dest_refuses_links),
		cmocka_unit_test(test_bounded_reads),
		cmocka_unit_test(test_dir_handle),
		cmocka_unit_test(test_bdf_parse),
		cmocka_unit_test(test_dump_rows_checked),
		cmocka_unit_test(test_rmtree),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
