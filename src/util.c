/* SPDX-License-Identifier: GPL-2.0-or-later */
/* util.c - never-failing allocation, string helpers and the ISO_CHECK_DEBUG switch. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"

unsigned int ic_debug_mask;

void ic_oom(void)
{
	fputs("iso-check: out of memory\n", stderr);
	exit(IC_EXIT_FAILURE);
}

void *ic_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		ic_oom();
	return p;
}

void *ic_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		ic_oom();
	return p;
}

void *ic_xrealloc(void *ptr, size_t n, size_t size)
{
	void *p = reallocarray(ptr, n ? n : 1, size ? size : 1);

	if (!p)
		ic_oom();
	return p;
}

char *ic_xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (!p)
		ic_oom();
	return p;
}

char *ic_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (rc < 0)
		ic_oom();
	return s;
}

const char *ic_strerror(int err)
{
	switch (err) {
	case IC_ENOTREG:
		return "not a regular file";
	case IC_ETOOBIG:
		return "larger than iso-check reads";
	default:
		return strerror(err);
	}
}

/* Debug masks by name, for ISO_CHECK_DEBUG. */
static const struct {
	const char *name;
	unsigned int mask;
} ic_debug_names[] = {
	{ "root", IC_DEBUG_ROOT },
	{ "pci", IC_DEBUG_PCI },
	{ "iommu", IC_DEBUG_IOMMU },
	{ "all", IC_DEBUG_ALL },
};

void ic_debug_init(void)
{
	const char *env = getenv("ISO_CHECK_DEBUG");
	char *copy, *tok, *save = NULL;

	if (!env || !*env)
		return;
	copy = ic_xstrdup(env);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		for (size_t i = 0; i < IC_ARRAY_SIZE(ic_debug_names); i++)
			if (ic_streq(tok, ic_debug_names[i].name))
				ic_debug_mask |= ic_debug_names[i].mask;
	free(copy);
}

void ic_debug(unsigned int mask, const char *fmt, ...)
{
	va_list ap;

	if (!(ic_debug_mask & mask))
		return;
	va_start(ap, fmt);
	fputs("iso-check: debug: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

bool ic_streq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool ic_str_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* Strips leading and trailing white space in place. */
/* "A/B", newly allocated: what ic_xasprintf("%s/%s") gives, without printf (paths are many). */
char *ic_path_cat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *s = ic_xmalloc(la + lb + 2);

	memcpy(s, a, la);
	s[la] = '/';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}


char *ic_strtrim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Parses a whole string as an unsigned number; -EINVAL on garbage, -ERANGE on overflow. */
int ic_parse_u64(const char *s, int base, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || *s == '-' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno == ERANGE)
		return -ERANGE;
	if (end == s || *end != '\0')
		return -EINVAL;
	*out = v;
	return 0;
}
