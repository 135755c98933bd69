/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-caps.c - capability walks: normal lists, loops, bad pointers, cut and truncated space. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "caps.h"

static uint8_t cfg[4096];

/* A header with the capability-list bit and a chain of standard capabilities. */
static void std_chain(const uint8_t *offs, const uint8_t *ids, size_t n)
{
	memset(cfg, 0, sizeof(cfg));
	cfg[0x06] = 0x10;
	cfg[0x34] = offs[0];
	for (size_t i = 0; i < n; i++) {
		cfg[offs[i]] = ids[i];
		cfg[offs[i] + 1] = i + 1 < n ? offs[i + 1] : 0;
	}
}

static void ext_at(unsigned int off, uint16_t id, unsigned int next)
{
	uint32_t hdr = id | 1u << 16 | next << 20;

	memcpy(cfg + off, &hdr, 4);	/* little-endian host, as config space */
}

static void test_std_list(void **state)
{
	const uint8_t offs[] = { 0x40, 0x80, 0x60 }, ids[] = { 0x01, 0x10, 0x05 };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 3);
	assert_int_equal(ic_caps_walk_std(cfg, 256, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(caps[1].id, 0x10);
	assert_int_equal(caps[1].offset, 0x80);
	assert_false(caps[1].extended);
	free(caps);
}

static void test_std_no_list_bit(void **state)
{
	const uint8_t offs[] = { 0x40 }, ids[] = { 0x01 };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 1);
	cfg[0x06] = 0;
	assert_int_equal(ic_caps_walk_std(cfg, 256, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 0);
}

static void test_std_loop(void **state)
{
	const uint8_t offs[] = { 0x40, 0x50, 0x60 }, ids[] = { 0x01, 0x10, 0x05 };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 3);
	cfg[0x61] = 0x50;	/* back to the second */
	assert_int_equal(ic_caps_walk_std(cfg, 256, &caps, &n, &where), IC_CAPS_LOOP);
	assert_int_equal(where, 0x50);
	assert_int_equal(n, 3);	/* what was found before the loop is kept */
	free(caps);
}

static void test_std_self_loop(void **state)
{
	const uint8_t offs[] = { 0x40 }, ids[] = { 0x01 };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 1);
	cfg[0x41] = 0x40;
	assert_int_equal(ic_caps_walk_std(cfg, 256, &caps, &n, &where), IC_CAPS_LOOP);
	free(caps);
}

static void test_std_bad_pointer(void **state)
{
	const uint8_t offs[] = { 0x40 }, ids[] = { 0x01 };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 1);
	cfg[0x41] = 0x20;	/* into the header */
	assert_int_equal(ic_caps_walk_std(cfg, 256, &caps, &n, &where), IC_CAPS_BAD_POINTER);
	assert_int_equal(where, 0x20);
	free(caps);
}

static void test_std_cut(void **state)
{
	const uint8_t offs[] = { 0x40, 0x80 }, ids[] = { 0x01, 0x10 };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 2);
	/* not root: only the header can be read */
	assert_int_equal(ic_caps_walk_std(cfg, 64, &caps, &n, &where), IC_CAPS_CUT);
	assert_int_equal(where, 0x40);
	assert_int_equal(n, 0);
	/* a file truncated between two capabilities */
	assert_int_equal(ic_caps_walk_std(cfg, 0x70, &caps, &n, &where), IC_CAPS_CUT);
	assert_int_equal(where, 0x80);
	assert_int_equal(n, 1);
	/* shorter than the header */
	n = 0;
	assert_int_equal(ic_caps_walk_std(cfg, 30, &caps, &n, &where), IC_CAPS_CUT);
	free(caps);
}

static void test_std_ff_ends(void **state)
{
	const uint8_t offs[] = { 0x40, 0x50 }, ids[] = { 0x01, 0xff };
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	std_chain(offs, ids, 2);
	assert_int_equal(ic_caps_walk_std(cfg, 256, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 1);
	free(caps);
}

static void test_ext_list(void **state)
{
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	memset(cfg, 0, sizeof(cfg));
	ext_at(0x100, 0x0001, 0x148);
	ext_at(0x148, 0x000d, 0x200);
	ext_at(0x200, 0x0010, 0);
	assert_int_equal(ic_caps_walk_ext(cfg, 4096, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 3);
	assert_int_equal(caps[1].id, 0x0d);
	assert_int_equal(caps[1].offset, 0x148);
	assert_int_equal(caps[1].version, 1);
	assert_true(caps[1].extended);
	free(caps);
}

static void test_ext_none(void **state)
{
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	memset(cfg, 0, sizeof(cfg));
	assert_int_equal(ic_caps_walk_ext(cfg, 4096, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 0);
	memset(cfg + 0x100, 0xff, 4);
	assert_int_equal(ic_caps_walk_ext(cfg, 4096, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 0);
	/* conventional config space has no extended list at all */
	ext_at(0x100, 0x0001, 0);
	assert_int_equal(ic_caps_walk_ext(cfg, 256, &caps, &n, &where), IC_CAPS_OK);
	assert_int_equal(n, 0);
}

static void test_ext_loop_and_bad(void **state)
{
	struct ic_cap *caps = NULL;
	size_t n = 0;
	uint16_t where = 0;

	memset(cfg, 0, sizeof(cfg));
	ext_at(0x100, 0x0001, 0x180);
	ext_at(0x180, 0x000d, 0x100);
	assert_int_equal(ic_caps_walk_ext(cfg, 4096, &caps, &n, &where), IC_CAPS_LOOP);
	assert_int_equal(where, 0x100);
	assert_int_equal(n, 2);
	n = 0;
	ext_at(0x180, 0x000d, 0x0c0);
	assert_int_equal(ic_caps_walk_ext(cfg, 4096, &caps, &n, &where), IC_CAPS_BAD_POINTER);
	n = 0;
	ext_at(0x180, 0x000d, 0x400);
	assert_int_equal(ic_caps_walk_ext(cfg, 0x300, &caps, &n, &where), IC_CAPS_CUT);
	assert_int_equal(where, 0x400);
	free(caps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_std_list),
		cmocka_unit_test(test_std_no_list_bit),
		cmocka_unit_test(test_std_loop),
		cmocka_unit_test(test_std_self_loop),
		cmocka_unit_test(test_std_bad_pointer),
		cmocka_unit_test(test_std_cut),
		cmocka_unit_test(test_std_ff_ends),
		cmocka_unit_test(test_ext_list),
		cmocka_unit_test(test_ext_none),
		cmocka_unit_test(test_ext_loop_and_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
