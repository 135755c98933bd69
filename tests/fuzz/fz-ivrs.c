/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fz-ivrs.c - libFuzzer: the input as an ACPI IVRS table (an exact-size heap copy, so that a
 * read past its end is caught), then alias look-ups; and as IORT and VIOT tables, the IOMMU
 * input IDs of a few requester IDs (the first four bytes say which table it is). */
#include <stdlib.h>
#include <string.h>

#include "acpi.h"
#include "ic.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = ic_xmalloc(size);
	struct ic_ivrs v = { 0 };

	memcpy(copy, data, size);
	if (ic_ivrs_parse(copy, size, &v) == 0) {
		for (uint32_t sbdf = 0; sbdf < 0x200; sbdf++)
			ic_ivrs_alias_of(&v, sbdf);
		ic_ivrs_clear(&v);
	}
	for (uint32_t rid = 0; rid < 0x10000; rid += 0x0fff) {
		ic_iort_stream_id(copy, size, 0, rid);
		ic_viot_endpoint(copy, size, rid & 1, rid);
	}
	free(copy);
	return 0;
}
