/* SPDX-License-Identifier: GPL-2.0-or-later */
/* resource.h - parsing the sysfs `resource` file: BARs, ROM, SR-IOV BARs and bridge windows. */
#ifndef IC_RESOURCE_H
#define IC_RESOURCE_H

#include <stddef.h>
#include <stdint.h>

/* Flags as the kernel prints them (include/linux/ioport.h). */
#define IC_IORESOURCE_IO	0x00000100
#define IC_IORESOURCE_MEM	0x00000200
#define IC_IORESOURCE_PREFETCH	0x00002000
#define IC_IORESOURCE_MEM_64	0x00100000
#define IC_IORESOURCE_DISABLED	0x10000000
#define IC_IORESOURCE_UNSET	0x20000000
#define IC_IORESOURCE_ROM_SHADOW 0x2		/* ROM line: x86 boot VGA copy at 0xc0000 */

/* What a line of `resource` describes, by its index (include/linux/pci.h). */
enum ic_res_kind {
	IC_RES_BAR,	/* standard BAR 0-5 */
	IC_RES_ROM,	/* expansion ROM */
	IC_RES_IOV,	/* SR-IOV VF BAR 0-5 */
	IC_RES_WINDOW,	/* bridge window: I/O, memory, prefetchable memory */
};

struct ic_resource {
	uint64_t start, end, flags;	/* as printed: CPU addresses, inclusive end */
	unsigned int index;		/* line number, from 0 */
	enum ic_res_kind kind;
};

int ic_resource_parse(const char *text, struct ic_resource **res, size_t *n, size_t *bad_line);
const char *ic_res_kind_str(enum ic_res_kind kind);

#endif
