/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-caps.c - capability walks (normal lists, loops, bad pointers, cut and truncated space)
 * and the decode of config space into fields (cfg.c), through collection's own parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "caps.h"
#include "collect.h"
#include "ic.h"
#include "model.h"

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

static void put16(unsigned int off, uint16_t v)
{
	memcpy(cfg + off, &v, 2);
}

static void put32(unsigned int off, uint32_t v)
{
	memcpy(cfg + off, &v, 4);
}

/* A function whose config space is the first LEN bytes of cfg, parsed as collection does. */
static struct ic_dev *parsed(struct ic_model *m, size_t len)
{
	struct ic_dev *d = &m->devs[0];

	d->config = ic_xcalloc(1, len);
	memcpy(d->config, cfg, len);
	d->config_len = d->config_size = len;
	ic_dev_parse_config(m, d, "config", false);
	return d;
}

static struct ic_model *one_dev_model(void)
{
	struct ic_model *m = ic_model_new();

	m->devs = ic_xcalloc(1, sizeof(*m->devs));
	m->ndevs = m->devs_cap = 1;
	return m;
}

/* Every field the analyses read, from a PF with PCIe, PM, AF, ACS and SR-IOV capabilities. */
static void test_cfg_decode(void **state)
{
	static const uint8_t offs[] = { 0x40, 0x50, 0x60 }, ids[] = { 0x10, 0x01, 0x13 };
	struct ic_model *m = one_dev_model();
	struct ic_dev *d;
	uint32_t v;

	(void)state;
	std_chain(offs, ids, 3);
	put32(0x10, 0xfe00000c);			/* BAR0: 64-bit prefetchable */
	put32(0x14, 0x00000001);
	put16(0x42, 0x0002);				/* PCIe v2 endpoint */
	put32(0x44, 0x10008000);			/* DevCap: FLR */
	put16(0x54, 0x0008);				/* PM control: No_Soft_Reset */
	cfg[0x63] = 0x03;				/* AF: TP and FLR */
	ext_at(0x100, 0x0d, 0x140);			/* ACS */
	put16(0x104, 0x001f);
	put16(0x106, 0x0015);
	ext_at(0x140, 0x10, 0);				/* SR-IOV */
	put16(0x140 + 0x0e, 64);			/* TotalVFs */
	put16(0x140 + 0x10, 8);				/* NumVFs */
	put16(0x140 + 0x14, 0x80);			/* First VF offset */
	put16(0x140 + 0x16, 2);				/* VF stride */
	put16(0x140 + 0x1a, 0x10ed);			/* VF device ID */
	put32(0x140 + 0x20, 0x1);			/* System page size: 4K */
	put32(0x140 + 0x24, 0xfd00000c);		/* VF BAR0 */
	d = parsed(m, 4096);
	assert_true(d->cfg.known & IC_CFG_BARS);
	assert_int_equal(d->cfg.nbars, 6);
	assert_int_equal(d->cfg.bar[0], 0xfe00000c);
	assert_int_equal(d->cfg.bar[1], 1);
	assert_true(d->cfg.known & IC_CFG_DEVCAP);
	assert_true(d->cfg.devcap & PCI_EXP_DEVCAP_FLRESET);
	assert_true(d->cfg.known & IC_CFG_PM);
	assert_true(d->cfg.pm_ctrl & PCI_PM_CTRL_NO_SOFT_RST);
	assert_true(d->cfg.known & IC_CFG_AF);
	assert_true(d->cfg.af_cap & PCI_AF_CAP_FLR);
	assert_true(d->cfg.known & IC_CFG_ACS);
	assert_int_equal(d->cfg.acs_cap, 0x001f);
	assert_int_equal(d->cfg.acs_ctrl, 0x0015);
	assert_true(d->cfg.known & IC_CFG_SRIOV);
	assert_int_equal(d->cfg.sriov.offset, 0x140);
	assert_int_equal(d->cfg.sriov.total_vfs, 64);
	assert_int_equal(d->cfg.sriov.num_vfs, 8);
	assert_int_equal(d->cfg.sriov.vf_offset, 0x80);
	assert_int_equal(d->cfg.sriov.vf_stride, 2);
	assert_int_equal(d->cfg.sriov.vf_device, 0x10ed);
	assert_int_equal(d->cfg.sriov.system_page_size, 1);
	assert_int_equal(d->cfg.sriov.bar[0], 0xfd00000c);
	assert_false(d->cfg.known & IC_CFG_WINDOWS);	/* a type-0 header has none */
	/* the accessor: bounds-checked, little-endian */
	assert_true(ic_cfg_read(d, 0x104, 4, &v));
	assert_int_equal(v, 0x0015001f);
	assert_true(ic_cfg_read(d, 4092, 4, &v));
	assert_false(ic_cfg_read(d, 4093, 4, &v));
	assert_false(ic_cfg_read(d, SIZE_MAX, 1, &v));
	ic_model_free(m);
}

/* What was not read whole is not known: 256 bytes of a PCIe function, 64 bytes (not root). */
static void test_cfg_cut(void **state)
{
	static const uint8_t offs[] = { 0x40 }, ids[] = { 0x10 };
	struct ic_model *m = one_dev_model();
	struct ic_dev *d;

	(void)state;
	std_chain(offs, ids, 1);
	cfg[0x0e] = 0x01;				/* a bridge */
	put16(0x42, 0x0042);				/* root port */
	cfg[0x1c] = 0xf1;
	ext_at(0x100, 0x0d, 0);
	d = parsed(m, 256);
	assert_true(d->cfg.known & IC_CFG_WINDOWS);
	assert_int_equal(d->cfg.win.io_base, 0xf1);
	assert_int_equal(d->cfg.nbars, 2);
	assert_false(d->cfg.known & (IC_CFG_ACS | IC_CFG_SRIOV));
	ic_model_free(m);

	m = one_dev_model();
	d = &m->devs[0];
	d->config = ic_xcalloc(1, 64);
	memcpy(d->config, cfg, 64);
	d->config_len = 64;
	d->config_size = 4096;			/* the file is larger: not root */
	ic_dev_parse_config(m, d, "config", false);
	assert_true(d->config_cut);
	assert_true(d->cfg.known & IC_CFG_WINDOWS);	/* the header is there */
	assert_false(d->cfg.known & (IC_CFG_DEVCAP | IC_CFG_ACS));
	ic_model_free(m);
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
		cmocka_unit_test(test_cfg_decode),
		cmocka_unit_test(test_cfg_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
