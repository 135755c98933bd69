/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-resource.c - the `resource` parser: layouts, kinds, and garbage it must refuse. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ic.h"
#include "resource.h"

#define ZERO "0x0000000000000000 0x0000000000000000 0x0000000000000000\n"

static char *lines(size_t count, const char *first)
{
	char *s = ic_xstrdup(first);

	for (size_t i = 1; i < count; i++) {
		char *n = ic_xasprintf("%s%s", s, ZERO);

		free(s);
		s = n;
	}
	return s;
}

static void test_endpoint(void **state)
{
	char *text = lines(13, "0x00000000fea00000 0x00000000fea1ffff 0x0000000000040200\n");
	struct ic_resource *r = NULL;
	size_t n = 0, bad = 0;

	assert_int_equal(ic_resource_parse(text, &r, &n, &bad), 0);
	assert_int_equal(n, 13);
	assert_int_equal(r[0].start, 0xfea00000);
	assert_int_equal(r[0].end, 0xfea1ffff);
	assert_true(r[0].flags & IC_IORESOURCE_MEM);
	assert_int_equal(r[0].kind, IC_RES_BAR);
	assert_int_equal(r[6].kind, IC_RES_ROM);
	assert_int_equal(r[7].kind, IC_RES_IOV);
	assert_int_equal(r[12].kind, IC_RES_IOV);
	free(r);
	free(text);
}

static void test_bridge_layouts(void **state)
{
	char *text = lines(17, ZERO);
	struct ic_resource *r = NULL;
	size_t n = 0, bad = 0;

	assert_int_equal(ic_resource_parse(text, &r, &n, &bad), 0);
	assert_int_equal(n, 17);
	assert_int_equal(r[13].kind, IC_RES_WINDOW);
	assert_int_equal(r[16].kind, IC_RES_WINDOW);
	free(r);
	free(text);
	/* a kernel without CONFIG_PCI_IOV: 7 + 4 lines, windows right after the ROM */
	text = lines(11, ZERO);
	assert_int_equal(ic_resource_parse(text, &r, &n, &bad), 0);
	assert_int_equal(r[7].kind, IC_RES_WINDOW);
	free(r);
	free(text);
}

static void test_empty(void **state)
{
	struct ic_resource *r = NULL;
	size_t n = 99, bad = 0;

	assert_int_equal(ic_resource_parse("", &r, &n, &bad), 0);
	assert_int_equal(n, 0);
	free(r);
}

static void test_garbage(void **state)
{
	static const char *const bad_texts[] = {
		"hello world\n",
		"0x0 0x1\n",					/* two numbers */
		"0x0 0x1 0x2 0x3\n",				/* four */
		"0x10 0x0f 0x200\n",				/* start after end */
		"0x0 0xfg 0x200\n",				/* not hex */
		"0x0 0x1 -0x2\n",
		"1000 2000 0x200\n",				/* no 0x */
		"0x 0x1 0x200\n",
		"0x0 0x1ffffffffffffffffff 0x200\n",		/* overflow */
	};
	struct ic_resource *r = NULL;
	size_t n = 0, bad = 0;

	for (size_t i = 0; i < IC_ARRAY_SIZE(bad_texts); i++) {
		bad = 0;
		assert_int_equal(ic_resource_parse(bad_texts[i], &r, &n, &bad) < 0, 1);
		assert_int_equal(bad, 1);
	}
	assert_int_equal(ic_resource_parse(ZERO ZERO "junk\n" ZERO, &r, &n, &bad), -EINVAL);
	assert_int_equal(bad, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_endpoint),
		cmocka_unit_test(test_bridge_layouts),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_garbage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
