/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-diff.c - changes between two hand-built models: each kind, renumbering is no change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "diff.h"
#include "model-builder.h"

static struct ic_model *base(void)
{
	struct ic_model *m = ic_model_new();

	mb_dev(m, "0000:00:02.0", 0x1b36, 0x000c, "pcieport", 1);
	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", 2);
	mb_dev(m, "0000:01:00.1", 0x8086, 0x10d3, "e1000e", 2);
	mb_dev(m, "0000:02:00.0", 0x1b36, 0x0010, "nvme", 3);
	mb_groups(m, "DMA");
	return m;
}

static size_t count(const struct ic_diff *df, enum ic_change_kind k, const char *dev)
{
	size_t n = 0;

	for (size_t i = 0; i < df->n; i++)
		n += df->changes[i].kind == k && (!dev || ic_streq(df->changes[i].device, dev));
	return n;
}

static void test_equal_and_renumbered(void **state)
{
	struct ic_model *a = base(), *b = ic_model_new();
	struct ic_diff df;

	/* the same partition with other numbers */
	mb_dev(b, "0000:00:02.0", 0x1b36, 0x000c, "pcieport", 7);
	mb_dev(b, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", 8);
	mb_dev(b, "0000:01:00.1", 0x8086, 0x10d3, "e1000e", 8);
	mb_dev(b, "0000:02:00.0", 0x1b36, 0x0010, "nvme", 9);
	mb_groups(b, "DMA");
	ic_diff(a, a, &df);
	assert_int_equal(df.n, 0);
	ic_diff_clear(&df);
	ic_diff(a, b, &df);
	assert_int_equal(df.n, 0);
	ic_diff_clear(&df);
	ic_model_free(a);
	ic_model_free(b);
}

static void test_changes(void **state)
{
	struct ic_model *a = base(), *b = ic_model_new();
	struct ic_diff df;

	mb_dev(b, "0000:00:02.0", 0x1b36, 0x000c, "pcieport", 1);
	mb_dev(b, "0000:01:00.0", 0x8086, 0x10d3, "vfio-pci", 2);	/* driver; split from .1 */
	mb_dev(b, "0000:01:00.1", 0x8086, 0x10d4, "e1000e", 4);	/* identity */
	mb_dev(b, "0000:03:00.0", 0x15b3, 0x101b, NULL, 3);		/* added, merged into 3 */
	mb_groups(b, "DMA");
	ic_diff(a, b, &df);
	assert_int_equal(count(&df, IC_CHANGE_DRIVER, "0000:01:00.0"), 1);
	assert_int_equal(count(&df, IC_CHANGE_IDENTITY, "0000:01:00.1"), 1);
	assert_int_equal(count(&df, IC_CHANGE_REMOVED, "0000:02:00.0"), 1);
	assert_int_equal(count(&df, IC_CHANGE_ADDED, "0000:03:00.0"), 1);
	assert_int_equal(count(&df, IC_CHANGE_SPLIT, "0000:01:00.0"), 1);
	assert_int_equal(count(&df, IC_CHANGE_MERGED, NULL), 0);	/* 3 holds one old group at most */
	assert_int_equal(count(&df, IC_CHANGE_IOMMU, NULL), 0);
	ic_diff_clear(&df);
	/* the other way round, the split is a merge */
	ic_diff(b, a, &df);
	assert_int_equal(count(&df, IC_CHANGE_MERGED, "0000:01:00.0"), 1);
	assert_int_equal(count(&df, IC_CHANGE_SPLIT, NULL), 0);
	ic_diff_clear(&df);
	ic_model_free(a);
	ic_model_free(b);
}

static void test_iommu_and_vfs(void **state)
{
	struct ic_model *a = base(), *b = ic_model_new();
	struct ic_diff df;

	mb_dev(b, "0000:00:02.0", 0x1b36, 0x000c, "pcieport", -1);
	mb_dev(b, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", -1);
	mb_dev(b, "0000:01:00.1", 0x8086, 0x10d3, "e1000e", -1);
	mb_dev(b, "0000:02:00.0", 0x1b36, 0x0010, "nvme", -1);
	ic_model_sort_devs(b);
	b->devs[3].nvirtfn = 4;
	ic_diff(a, b, &df);
	assert_int_equal(count(&df, IC_CHANGE_IOMMU, NULL), 1);
	assert_string_equal(df.changes[0].before, "on");
	assert_string_equal(df.changes[0].after, "off");
	assert_int_equal(count(&df, IC_CHANGE_VFS, "0000:02:00.0"), 1);
	assert_string_equal(ic_change_kind_str(IC_CHANGE_VFS), "vfs");
	ic_diff_clear(&df);
	b->devs[3].nvirtfn = 0;
	ic_model_free(a);
	ic_model_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_and_renumbered),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_iommu_and_vfs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
