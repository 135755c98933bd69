// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * acpi.c - the AMD IVRS table: the PCI functions of the AMD IOMMUs themselves. The kernel
 * takes each IOMMU's own function out of its translation (init_iommu_one() clears its
 * rlookup entry), so that function gets no IOMMU group.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "ic.h"

#define IC_ACPI_HEADER_LEN	36
#define IC_IVRS_BLOCKS		48	/* header, IVinfo, reserved */

static uint16_t ic_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/*
 * ic_ivrs_iommus() - the IOMMU functions the IVHD blocks (types 10h, 11h, 40h) of an IVRS
 * table name, as IC_ACPI_SBDF values. Return: 0, or -EINVAL if the table is malformed (wrong
 * signature, a length that runs past the buffer, a block shorter than its header).
 */
int ic_ivrs_iommus(const uint8_t *buf, size_t len, uint32_t **sbdf, size_t *n)
{
	size_t cap = 0, tlen, off;

	*sbdf = NULL;
	*n = 0;
	if (len < IC_IVRS_BLOCKS || memcmp(buf, "IVRS", 4) != 0)
		return -EINVAL;
	tlen = (size_t)buf[4] | (size_t)buf[5] << 8 | (size_t)buf[6] << 16 | (size_t)buf[7] << 24;
	if (tlen > len || tlen < IC_IVRS_BLOCKS)
		return -EINVAL;
	for (off = IC_IVRS_BLOCKS; off + 4 <= tlen;) {
		const uint8_t *b = buf + off;
		size_t blen = ic_le16(b + 2);

		if (blen < 4 || off + blen > tlen)
			goto bad;
		if (b[0] == 0x10 || b[0] == 0x11 || b[0] == 0x40) {
			uint16_t devid, seg;

			if (blen < 24)
				goto bad;
			devid = ic_le16(b + 4);
			seg = ic_le16(b + 16);	/* after the 8-byte base address */
			IC_APPEND(*sbdf, *n, cap, IC_ACPI_SBDF(seg, devid >> 8, devid & 0xff));
		}
		off += blen;
	}
	return 0;
bad:
	free(*sbdf);
	*sbdf = NULL;
	*n = 0;
	return -EINVAL;
}
