/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-select.c - -s, -d and -g: lspci syntax, matching on model data, bad arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <cmocka.h>

#include "model-builder.h"
#include "select.h"

static struct ic_dev dev(const char *bdf, uint16_t v, uint16_t d, uint32_t class)
{
	struct ic_dev x = { .known = IC_KNOWN_IDENT | IC_KNOWN_CLASS, .vendor = v, .device = d, .class = class };

	ic_bdf_parse(bdf, &x.domain, &x.bus, &x.slot, &x.func);
	return x;
}

/* Parses ARG with PARSE (slot or ID syntax) and matches it against D. */
static bool sel(int (*parse)(struct ic_select *, const char *, const char **), const char *arg,
		const struct ic_dev *d)
{
	struct ic_select s;
	const char *err;

	ic_select_init(&s);
	assert_int_equal(parse(&s, arg, &err), 0);
	return ic_select_dev(&s, d);
}

#define sel_slot(arg, d) sel(ic_select_parse_slot, arg, d)
#define sel_id(arg, d) sel(ic_select_parse_id, arg, d)

static void test_slot(void **state)
{
	struct ic_dev a = dev("0000:03:00.1", 0x8086, 0x10d3, 0x020000);
	struct ic_dev vmd = dev("10000:01:00.0", 0x144d, 0xa808, 0x010802);

	assert_true(sel_slot("03:00.1", &a));
	assert_true(sel_slot("0000:03:00.1", &a));
	assert_true(sel_slot("03:", &a));
	assert_true(sel_slot("03:00", &a));
	assert_true(sel_slot(".1", &a));
	assert_false(sel_slot("03:00.0", &a));
	assert_false(sel_slot("0001:03:00.1", &a));
	assert_false(sel_slot("04:", &a));
	assert_true(sel_slot("10000:01:00.0", &vmd));
	assert_false(sel_slot("0000:01:00.0", &vmd));
}

static void test_id(void **state)
{
	struct ic_dev a = dev("0000:03:00.1", 0x8086, 0x10d3, 0x020000);
	struct ic_dev unknown = a;

	assert_true(sel_id("8086:", &a));
	assert_true(sel_id(":10d3", &a));
	assert_true(sel_id("8086:10d3", &a));
	assert_false(sel_id("10de:", &a));
	assert_true(sel_id("::0200", &a));
	assert_false(sel_id("::0604", &a));
	unknown.known = 0;
	assert_false(sel_id("8086:", &unknown));	/* unknown IDs never match */
}

static void test_no_filter_matches_all(void **state)
{
	struct ic_dev a = dev("0000:03:00.1", 0x8086, 0x10d3, 0x020000);
	struct ic_select s;

	ic_select_init(&s);
	assert_false(ic_select_any_dev_filter(&s));
	assert_true(ic_select_dev(&s, &a));
}

static void test_bad_arguments(void **state)
{
	struct ic_select s;
	const char *err = NULL;

	ic_select_init(&s);
	assert_int_equal(ic_select_parse_slot(&s, "zz:zz", &err), -1);
	assert_non_null(err);
	assert_int_equal(ic_select_parse_slot(&s, "00:00.9", &err), -1);
	assert_int_equal(ic_select_parse_id(&s, "xyzzy", &err), -1);
	assert_int_equal(ic_select_parse_group(&s, "x"), -1);
	assert_int_equal(ic_select_parse_group(&s, "-1"), -1);
	assert_int_equal(ic_select_parse_group(&s, "12"), 0);
	assert_int_equal(s.group, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slot),
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_no_filter_matches_all),
		cmocka_unit_test(test_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
