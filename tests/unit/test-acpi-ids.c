/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-acpi-ids.c - requester ID to IOMMU input ID through hand-built IORT and VIOT tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "acpi.h"

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

/* IORT mapping I of the node at N: input base, ID count minus one, output base, reference. */
static void iort_map(uint8_t *n, int i, uint32_t base, uint32_t count, uint32_t out, uint32_t ref)
{
	uint8_t *mp = n + 36 + 20 * i;

	put32(mp, base);
	put32(mp + 4, count);
	put32(mp + 8, out);
	put32(mp + 12, ref);
}

/*
 * An IORT of QEMU's shape: an ITS group at 48, an SMMUv3 at 72, a root complex of segment SEG
 * at 120 with three mappings: RIDs 0x000-0x700 to the SMMU (StreamID + 0x1000), 0x700-0xffff
 * to the ITS (the off-by-one overlap at 0x700 that the kernel resolves for the later range).
 */
static size_t build_iort(uint8_t *t, uint32_t seg)
{
	uint8_t *its = t + 48, *smmu = t + 72, *rc = t + 120;
	size_t len = 120 + 36 + 3 * 20;

	memset(t, 0, len);
	memcpy(t, "IORT", 4);
	put32(t + 4, (uint32_t)len);
	put32(t + 36, 3);
	put32(t + 40, 48);
	its[0] = 0;
	put16(its + 1, 24);
	smmu[0] = 4;
	put16(smmu + 1, 48);
	rc[0] = 2;
	put16(rc + 1, 36 + 3 * 20);
	put32(rc + 8, 3);
	put32(rc + 12, 36);
	put32(rc + 16 + 12, seg);
	iort_map(rc, 0, 0x000, 0x700, 0x1000, 72);
	iort_map(rc, 1, 0x700, 0xf8ff, 0x700, 48);
	iort_map(rc, 2, 0x10000, 0, 0, 72);	/* never reached: RIDs are 16 bits */
	return len;
}

static void test_iort(void **state)
{
	uint8_t t[512];
	size_t len = build_iort(t, 0);

	(void)state;
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x0010), 0x1010);
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x06ff), 0x16ff);
	/* 0x700 ends the SMMU range and starts the ITS one: the later range wins, no IOMMU */
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x0700), IC_ID_NONE);
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x8100), IC_ID_NONE);
	/* another segment has no root complex node: no IOMMU */
	assert_int_equal(ic_iort_stream_id(t, len, 1, 0x0010), IC_ID_NONE);
	/* without the overlapping range, the last ID of the SMMU range is the SMMU's */
	put32(t + 120 + 8, 1);
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x0700), 0x1700);
	put32(t + 120 + 8, 3);
	/* malformed: a reference past the end, a node longer than the table, a short table */
	put32(t + 120 + 36 + 12, 4000);
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x0010), IC_ID_UNKNOWN);
	build_iort(t, 0);
	put16(t + 120 + 1, 4000);
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x0010), IC_ID_UNKNOWN);
	build_iort(t, 0);
	assert_int_equal(ic_iort_stream_id(t, 40, 0, 0x0010), IC_ID_UNKNOWN);
	assert_int_equal(ic_iort_stream_id(NULL, 0, 0, 0x0010), IC_ID_UNKNOWN);
	/* a mapping that refers back to its own node with the ID unchanged (the kernel would loop
	 * for ever): bounded, unknown */
	iort_map(t + 120, 0, 0x000, 0x700, 0x000, 120);
	assert_int_equal(ic_iort_stream_id(t, len, 0, 0x0010), IC_ID_UNKNOWN);
}

/* A VIOT of QEMU's shape: a virtio-pci IOMMU node, then one PCI range of segments 0-1. */
static size_t build_viot(uint8_t *t, uint32_t bdf_hi)
{
	uint8_t *iommu = t + 48, *range = t + 64;
	size_t len = 64 + 24;

	memset(t, 0, len);
	memcpy(t, "VIOT", 4);
	put32(t + 4, (uint32_t)len);
	put16(t + 36, 2);
	put16(t + 38, 48);
	iommu[0] = 3;
	put16(iommu + 2, 16);
	range[0] = 1;
	put16(range + 2, 24);
	put32(range + 4, 0x100);	/* endpoint start */
	put16(range + 8, 0);
	put16(range + 10, 1);
	put16(range + 12, 0x0008);	/* BDF start */
	put16(range + 14, bdf_hi);
	put16(range + 16, 48);
	return len;
}

static void test_viot(void **state)
{
	uint8_t t[128];
	size_t len = build_viot(t, 0x01ff);

	(void)state;
	assert_int_equal(ic_viot_endpoint(t, len, 0, 0x0010), 0x100 + 0x10 - 0x8);
	assert_int_equal(ic_viot_endpoint(t, len, 1, 0x0010), (1 << 16) + 0x100 + 0x10 - 0x8);
	assert_int_equal(ic_viot_endpoint(t, len, 0, 0x0000), IC_ID_NONE);	/* below the range */
	assert_int_equal(ic_viot_endpoint(t, len, 0, 0x8100), IC_ID_NONE);	/* an expander's bus */
	assert_int_equal(ic_viot_endpoint(t, len, 2, 0x0010), IC_ID_NONE);
	put16(t + 64 + 2, 200);		/* a node past the end */
	assert_int_equal(ic_viot_endpoint(t, len, 0, 0x0010), IC_ID_UNKNOWN);
	build_viot(t, 0x01ff);
	memcpy(t, "IORT", 4);
	assert_int_equal(ic_viot_endpoint(t, len, 0, 0x0010), IC_ID_UNKNOWN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iort),
		cmocka_unit_test(test_viot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
