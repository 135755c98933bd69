// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * acpi-ids.c - which IOMMU input ID (SMMU StreamID, virtio-iommu endpoint) a PCI requester ID
 * gets from the ACPI tables, as the kernel maps it: IORT through the ID mappings of the PCI
 * root-complex node of its segment (iort_node_map_id(), with its off-by-one workaround), VIOT
 * through its PCI range nodes (viot_pci_dev_iommu_init()). A requester ID no mapping takes to
 * an IOMMU gets none: the function is behind no IOMMU. Tables are untrusted: every offset is
 * checked against the table's length, and a chain of references is bounded.
 */
#include <stdlib.h>
#include <string.h>

#include "acpi.h"

#define IC_ACPI_HDR		36	/* the standard ACPI table header */
#define IC_IORT_NODE_HDR	16	/* type, length, revision, id, mapping count and offset */
#define IC_IORT_MAP_LEN		20	/* input base, ID count (minus one), output base, ref, flags */
#define IC_IORT_RC		2
#define IC_IORT_SMMU		3
#define IC_IORT_SMMU_V3		4
#define IC_IORT_SINGLE_MAPPING	1u
#define IC_IORT_MAX_HOPS	16	/* no real chain is longer than RC -> SMMU -> ITS */
#define IC_VIOT_PCI_RANGE	1

static uint32_t ic_le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t ic_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The node at OFF if it lies whole inside the table (and its mappings too), else NULL. */
static const uint8_t *ic_iort_node(const uint8_t *t, size_t len, uint32_t off)
{
	const uint8_t *n;
	uint32_t nlen;

	if (off < IC_ACPI_HDR + 12 || off > len || len - off < IC_IORT_NODE_HDR)
		return NULL;
	n = t + off;
	nlen = ic_le16(n + 1);
	if (nlen < IC_IORT_NODE_HDR || nlen > len - off)
		return NULL;
	return n;
}

/*
 * One node's translation of ID (iort_id_map() over its mappings): the first mapping that
 * covers it wins, except that a match on the last ID of a range yields to a later mapping
 * starting there (firmware that put the number of IDs where the count minus one belongs).
 * Returns the next node's offset, 0 when no mapping covers ID, or -1 when the node is malformed.
 */
static long ic_iort_step(const uint8_t *t, size_t len, const uint8_t *n, uint32_t *id)
{
	uint32_t count = ic_le32(n + 8), moff = ic_le32(n + 12), nlen = ic_le16(n + 1);
	uint32_t out_ref = 0, out_id = 0;

	if (!count || !moff)
		return 0;
	if (moff > nlen || (nlen - moff) / IC_IORT_MAP_LEN < count)
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *mp = n + moff + i * IC_IORT_MAP_LEN;
		uint32_t base = ic_le32(mp), ids = ic_le32(mp + 4), out = ic_le32(mp + 8);
		uint32_t ref = ic_le32(mp + 12), flags = ic_le32(mp + 16);

		if (!ref || (uint64_t)ref >= len)
			return -1;
		if (flags & IC_IORT_SINGLE_MAPPING) {
			if (n[0] != IC_IORT_RC)
				continue;	/* not allowed there: the kernel skips it */
			*id = out;
			return ref;
		}
		if (*id < base || *id - base > ids)
			continue;
		if (out_ref && *id != base)
			continue;	/* a second, conflicting match: disregarded */
		if (ids > 0 && *id - base == ids && !out_ref) {
			out_ref = ref;	/* at the end of a range: a later one may take it */
			out_id = out + (*id - base);
			continue;
		}
		*id = out + (*id - base);
		return ref;
	}
	if (out_ref)
		*id = out_id;
	return out_ref;
}

int64_t ic_iort_stream_id(const uint8_t *t, size_t len, uint32_t segment, uint32_t rid)
{
	uint32_t nnodes, off, id = rid;
	const uint8_t *n = NULL;

	if (!t || len < IC_ACPI_HDR + 12 || memcmp(t, "IORT", 4) || ic_le32(t + 4) > len)
		return IC_ID_UNKNOWN;
	nnodes = ic_le32(t + IC_ACPI_HDR);
	off = ic_le32(t + IC_ACPI_HDR + 4);
	/* the root-complex node of this segment (iort_match_node_callback()) */
	for (uint32_t i = 0; i < nnodes && i < 4096; i++) {
		const uint8_t *c = ic_iort_node(t, len, off);

		if (!c)
			return IC_ID_UNKNOWN;
		if (c[0] == IC_IORT_RC && ic_le16(c + 1) >= IC_IORT_NODE_HDR + 16 &&
		    ic_le32(c + IC_IORT_NODE_HDR + 12) == segment) {
			n = c;
			break;
		}
		off += ic_le16(c + 1);
	}
	if (!n)
		return IC_ID_NONE;	/* no root complex of this segment: no IOMMU */
	for (int hop = 0; hop < IC_IORT_MAX_HOPS; hop++) {
		long next;

		if (n[0] == IC_IORT_SMMU || n[0] == IC_IORT_SMMU_V3)
			return hop ? (int64_t)id : IC_ID_UNKNOWN;
		next = ic_iort_step(t, len, n, &id);
		if (next < 0)
			return IC_ID_UNKNOWN;
		if (next == 0)
			return IC_ID_NONE;	/* mapped to an ITS, or not at all */
		n = ic_iort_node(t, len, (uint32_t)next);
		if (!n)
			return IC_ID_UNKNOWN;
	}
	return IC_ID_UNKNOWN;
}

int64_t ic_viot_endpoint(const uint8_t *t, size_t len, uint32_t segment, uint32_t rid)
{
	uint32_t nnodes, off;

	if (!t || len < IC_ACPI_HDR + 12 || memcmp(t, "VIOT", 4) || ic_le32(t + 4) > len)
		return IC_ID_UNKNOWN;
	nnodes = ic_le16(t + IC_ACPI_HDR);
	off = ic_le16(t + IC_ACPI_HDR + 2);
	for (uint32_t i = 0; i < nnodes; i++) {
		const uint8_t *n;
		uint32_t nlen;

		if (off < IC_ACPI_HDR + 12 || off > len || len - off < 4)
			return IC_ID_UNKNOWN;
		n = t + off;
		nlen = ic_le16(n + 2);
		if (nlen < 4 || nlen > len - off)
			return IC_ID_UNKNOWN;
		if (n[0] == IC_VIOT_PCI_RANGE) {
			uint32_t ep, seg_lo, seg_hi, bdf_lo, bdf_hi;

			if (nlen < 18)
				return IC_ID_UNKNOWN;
			ep = ic_le32(n + 4);
			seg_lo = ic_le16(n + 8), seg_hi = ic_le16(n + 10);
			bdf_lo = ic_le16(n + 12), bdf_hi = ic_le16(n + 14);
			if (segment >= seg_lo && segment <= seg_hi && rid >= bdf_lo && rid <= bdf_hi)
				return (int64_t)((segment - seg_lo) << 16) + rid - bdf_lo + ep;
		}
		off += nlen;
	}
	return IC_ID_NONE;
}
