/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ic.h - definitions shared by every iso-check module: exit codes, allocation, debug. */
#ifndef IC_IC_H
#define IC_IC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exit codes; documented in iso-check(8) under EXIT STATUS. */
enum ic_exit {
	IC_EXIT_OK = 0,		/* success */
	IC_EXIT_FAILURE = 1,	/* runtime error: nothing useful could be read */
	IC_EXIT_USAGE = 2,	/* bad command line */
	IC_EXIT_NO_IOMMU = 3,	/* no IOMMU groups: the IOMMU is off */
	IC_EXIT_PARTIAL = 4,	/* a result was printed, but some inputs could not be read */
	IC_EXIT_CHANGED = 5,	/* diff: the two states differ */
	IC_EXIT_FINDING_WARN = 6,	/* --fail-on: the worst finding at or above it is a note or warning */
	IC_EXIT_FINDING_FAIL = 7,	/* --fail-on: the worst finding is a failure */
};

#define IC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Little-endian fields of config space and ACPI tables. */
static inline uint16_t ic_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t ic_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
#define IC_NORETURN __attribute__((__noreturn__))
#define IC_PRINTF(a, b) __attribute__((__format__(__printf__, a, b)))

/* Allocation that never fails: these exit with IC_EXIT_FAILURE on ENOMEM. */
void *ic_xmalloc(size_t size);
IC_NORETURN void ic_oom(void);	/* "out of memory" on stderr, exit 1 */
void *ic_xcalloc(size_t n, size_t size);
void *ic_xrealloc(void *ptr, size_t n, size_t size);
char *ic_xstrdup(const char *s);
char *ic_xasprintf(const char *fmt, ...) IC_PRINTF(1, 2);

/* Appends one element to a growable array; grows *cap geometrically. */
#define IC_APPEND(arr, n, cap, val)                                                  \
	do {                                                                         \
		if ((n) == (cap)) {                                                  \
			(cap) = (cap) ? (cap) * 2 : 8;                               \
			(arr) = ic_xrealloc((arr), (cap), sizeof(*(arr)));           \
		}                                                                    \
		(arr)[(n)++] = (val);                                                \
	} while (0)

/* Run-time debugging, enabled with ISO_CHECK_DEBUG=root,pci,iommu,all. */
enum {
	IC_DEBUG_ROOT = 1 << 0,
	IC_DEBUG_PCI = 1 << 1,
	IC_DEBUG_IOMMU = 1 << 2,
	IC_DEBUG_ALL = 0xffff,
};
extern unsigned int ic_debug_mask;
void ic_debug_init(void);
void ic_debug(unsigned int mask, const char *fmt, ...) IC_PRINTF(2, 3);

/*
 * Errors of iso-check's own beyond errno's, returned negated like errnos by the root layer;
 * ic_strerror() names them and every errno.
 */
enum {
	IC_ENOTREG = 0x1000,	/* a FIFO, socket or device node where a file should be */
	IC_ETOOBIG,		/* larger than iso-check reads */
};
const char *ic_strerror(int err);

/* String helpers. */
bool ic_streq(const char *a, const char *b);
bool ic_str_has_suffix(const char *s, const char *suffix);
char *ic_strtrim(char *s);
char *ic_path_cat(const char *a, const char *b);
int ic_parse_u64(const char *s, int base, uint64_t *out);

/* The value of the hexadecimal digit C, or -1 (inline: sysfs resource files are 800 digits a
 * function). */
static inline int ic_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
