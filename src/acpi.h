/* SPDX-License-Identifier: GPL-2.0-or-later */
/* acpi.h - decoding the ACPI tables that decide which PCI functions an IOMMU translates. */
#ifndef IC_ACPI_H
#define IC_ACPI_H

#include <stddef.h>
#include <stdint.h>

/* A PCI function in a table: segment << 16 | bus << 8 | devfn. */
#define IC_ACPI_SBDF(seg, bus, devfn) ((uint32_t)(seg) << 16 | (uint32_t)(bus) << 8 | (devfn))

/* A requester ID the IVRS table says a function uses instead of its own. */
struct ic_ivrs_alias {
	uint32_t from, to;	/* IC_ACPI_SBDF */
};

/* What the AMD IVRS table says about PCI functions. */
struct ic_ivrs {
	uint32_t *iommus;		/* the IOMMUs' own functions */
	size_t niommus;
	struct ic_ivrs_alias *aliases;	/* sorted by from; from != to */
	size_t naliases;
};

int ic_ivrs_parse(const uint8_t *buf, size_t len, struct ic_ivrs *out);
void ic_ivrs_clear(struct ic_ivrs *v);
const struct ic_ivrs_alias *ic_ivrs_alias_of(const struct ic_ivrs *v, uint32_t sbdf);

/* The IOMMU input ID of a requester ID (acpi-ids.c), or one of these. */
#define IC_ID_UNKNOWN	(-1)	/* the table is malformed where it matters */
#define IC_ID_NONE	(-2)	/* no mapping takes it to an IOMMU: the function is behind none */

int64_t ic_iort_stream_id(const uint8_t *iort, size_t len, uint32_t segment, uint32_t rid);
int64_t ic_viot_endpoint(const uint8_t *viot, size_t len, uint32_t segment, uint32_t rid);

#endif
