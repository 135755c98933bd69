// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * acpi.c - the AMD IVRS table, as the kernel's init_iommu_from_acpi() reads it: the PCI
 * functions of the IOMMUs themselves (init_iommu_one() clears their rlookup entries, so they
 * get no group) and the requester-ID aliases of the IVHD device entries (setup_aliases() turns
 * same-bus ones into DMA aliases, which join IOMMU groups).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "ic.h"

#define IC_IVRS_BLOCKS		48	/* ACPI header, IVinfo, reserved */
#define IC_IVHD_DEV_RANGE_END	0x04
#define IC_IVHD_DEV_SELECT_RANGE 0x03
#define IC_IVHD_DEV_ALIAS	0x42
#define IC_IVHD_DEV_ALIAS_RANGE	0x43
#define IC_IVHD_DEV_EXT_RANGE	0x47
#define IC_IVHD_DEV_ACPI_HID	0xf0
#define IC_IVRS_MAX_ALIASES	(1u << 20)	/* no table names more functions than this */

/* ivhd_entry_length(): 4 << (type >> 6) below 80h; an ACPI HID entry says its own. */
static size_t ic_ivhd_entry_len(const uint8_t *e, size_t left)
{
	if (e[0] < 0x80)
		return (size_t)4 << (e[0] >> 6);
	if (e[0] == IC_IVHD_DEV_ACPI_HID && left > 21)
		return (size_t)e[21] + 22;
	return 0;
}

static int ic_alias_cmp(const void *a, const void *b)
{
	const struct ic_ivrs_alias *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* The device entries of one IVHD block of segment SEG: its alias and alias-range entries. */
static int ic_ivhd_entries(const uint8_t *e, size_t len, uint16_t seg, struct ic_ivrs *out,
			   size_t *cap)
{
	uint32_t range_start = 0, range_to = 0;
	bool alias_range = false;

	for (size_t off = 0, n; off < len; off += n) {
		const uint8_t *p = e + off;
		uint16_t devid = off + 3 <= len ? ic_le16(p + 1) : 0;

		n = ic_ivhd_entry_len(p, len - off);
		if (!n || off + n > len)
			return -EINVAL;
		switch (p[0]) {
		case IC_IVHD_DEV_ALIAS:
			if (ic_le16(p + 5) != devid)
				IC_APPEND(out->aliases, out->naliases, *cap, ((struct ic_ivrs_alias){
					IC_ACPI_SBDF(seg, devid >> 8, devid & 0xff),
					IC_ACPI_SBDF(seg, p[6], p[5]) }));
			break;
		case IC_IVHD_DEV_ALIAS_RANGE:
			range_start = devid;
			range_to = ic_le16(p + 5);
			alias_range = true;
			break;
		case IC_IVHD_DEV_SELECT_RANGE:
		case IC_IVHD_DEV_EXT_RANGE:
			alias_range = false;
			break;
		case IC_IVHD_DEV_RANGE_END:
			for (uint32_t d = range_start; alias_range && d <= devid; d++) {
				if (out->naliases >= IC_IVRS_MAX_ALIASES)
					return -EINVAL;
				if (d != range_to)
					IC_APPEND(out->aliases, out->naliases, *cap, ((struct ic_ivrs_alias){
						IC_ACPI_SBDF(seg, d >> 8, d & 0xff),
						IC_ACPI_SBDF(seg, range_to >> 8, range_to & 0xff) }));
			}
			alias_range = false;
			break;
		default:
			break;
		}
	}
	return 0;
}

/*
 * ic_ivrs_parse() - the IOMMU functions of the IVHD blocks (types 10h, 11h, 40h) of an IVRS
 * table and the aliases of their device entries. The kernel reads the blocks of one type
 * only (the highest it supports); their device entries describe the same devices, so reading
 * all of them gives the same aliases. Return: 0, or -EINVAL if the table is malformed (wrong
 * signature, a length past the buffer, a block or entry that runs past its end); nothing is
 * returned then.
 */
int ic_ivrs_parse(const uint8_t *buf, size_t len, struct ic_ivrs *out)
{
	size_t icap = 0, acap = 0, tlen;

	memset(out, 0, sizeof(*out));
	if (len < IC_IVRS_BLOCKS || memcmp(buf, "IVRS", 4) != 0)
		return -EINVAL;
	tlen = ic_le32(buf + 4);
	if (tlen > len || tlen < IC_IVRS_BLOCKS)
		return -EINVAL;
	for (size_t off = IC_IVRS_BLOCKS; off + 4 <= tlen;) {
		const uint8_t *b = buf + off;
		size_t blen = ic_le16(b + 2), hlen = b[0] == 0x10 ? 24 : 40;

		if (blen < 4 || off + blen > tlen)
			goto bad;
		if (b[0] == 0x10 || b[0] == 0x11 || b[0] == 0x40) {
			uint16_t devid, seg;

			if (blen < hlen)
				goto bad;
			devid = ic_le16(b + 4);
			seg = ic_le16(b + 16);	/* after the 8-byte base address */
			IC_APPEND(out->iommus, out->niommus, icap,
				  IC_ACPI_SBDF(seg, devid >> 8, devid & 0xff));
			if (ic_ivhd_entries(b + hlen, blen - hlen, seg, out, &acap) < 0)
				goto bad;
		}
		off += blen;
	}
	if (out->naliases)
		qsort(out->aliases, out->naliases, sizeof(*out->aliases), ic_alias_cmp);
	return 0;
bad:
	ic_ivrs_clear(out);
	return -EINVAL;
}

void ic_ivrs_clear(struct ic_ivrs *v)
{
	free(v->iommus);
	free(v->aliases);
	memset(v, 0, sizeof(*v));
}

/* The alias the table gives the function SBDF, or NULL. O(log n). */
const struct ic_ivrs_alias *ic_ivrs_alias_of(const struct ic_ivrs *v, uint32_t sbdf)
{
	struct ic_ivrs_alias key = { .from = sbdf };

	if (!v->naliases)
		return NULL;
	return bsearch(&key, v->aliases, v->naliases, sizeof(*v->aliases), ic_alias_cmp);
}
