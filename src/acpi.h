/* SPDX-License-Identifier: GPL-2.0-or-later */
/* acpi.h - decoding the ACPI tables that decide which PCI functions an IOMMU translates. */
#ifndef IC_ACPI_H
#define IC_ACPI_H

#include <stddef.h>
#include <stdint.h>

/* An IOMMU's own PCI function: segment << 16 | bus << 8 | devfn. */
#define IC_ACPI_SBDF(seg, bus, devfn) ((uint32_t)(seg) << 16 | (uint32_t)(bus) << 8 | (devfn))

int ic_ivrs_iommus(const uint8_t *buf, size_t len, uint32_t **sbdf, size_t *n);

#endif
