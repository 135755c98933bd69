/* SPDX-License-Identifier: GPL-2.0-or-later */
/* resource.c - strict parser for /sys/bus/pci/devices/D/resource. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "resource.h"

/*
 * Reads one "0x<hex>" token followed by a blank or the end of the line (by hand: thirteen
 * lines of three numbers for every function); more than 64 bits is -ERANGE.
 */
static int ic_res_token(const char **p, uint64_t *val)
{
	const char *s = *p;
	uint64_t v = 0;
	int x;

	while (*s == ' ' || *s == '\t')
		s++;
	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || ic_hexval(s[2]) < 0)
		return -EINVAL;
	for (s += 2; (x = ic_hexval(*s)) >= 0; s++) {
		if (v >> 60)
			return -ERANGE;
		v = v << 4 | (uint64_t)x;
	}
	if (*s && *s != ' ' && *s != '\t')
		return -EINVAL;
	*val = v;
	*p = s;
	return 0;
}

/*
 * The kernel prints 7 + 6 (IOV) lines for a device and 4 more for a bridge; kernels without
 * CONFIG_PCI_IOV omit the IOV lines. The count tells which layout a file uses.
 */
static enum ic_res_kind ic_res_kind_of(unsigned int idx, size_t count)
{
	bool iov = count == 13 || count == 17;

	if (idx < 6)
		return IC_RES_BAR;
	if (idx == 6)
		return IC_RES_ROM;
	if (iov && idx < 13)
		return IC_RES_IOV;
	return IC_RES_WINDOW;
}

/*
 * ic_resource_parse() - parse the text of a `resource` file.
 * @bad_line: on -EINVAL, the 1-based line that is not three hex numbers with start <= end.
 * Return: 0, or -EINVAL for garbage (nothing is returned then).
 */
int ic_resource_parse(const char *text, struct ic_resource **res, size_t *n, size_t *bad_line)
{
	struct ic_resource *v = NULL;
	size_t cnt = 0, cap = 0, line = 0;
	const char *p = text;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t llen = eol ? (size_t)(eol - p) : strlen(p);
		char buf[128];
		const char *q = buf;
		struct ic_resource r = { 0 };

		line++;
		if (llen >= sizeof(buf))
			goto bad;
		memcpy(buf, p, llen);
		buf[llen] = '\0';
		if (ic_res_token(&q, &r.start) < 0 || ic_res_token(&q, &r.end) < 0 ||
		    ic_res_token(&q, &r.flags) < 0)
			goto bad;
		while (*q == ' ' || *q == '\t' || *q == '\r')
			q++;
		if (*q || r.start > r.end)
			goto bad;
		r.index = (unsigned int)cnt;
		IC_APPEND(v, cnt, cap, r);
		p = eol ? eol + 1 : p + llen;
	}
	for (size_t i = 0; i < cnt; i++)
		v[i].kind = ic_res_kind_of(v[i].index, cnt);
	*res = v;
	*n = cnt;
	return 0;
bad:
	free(v);
	*bad_line = line;
	return -EINVAL;
}

const char *ic_res_kind_str(enum ic_res_kind kind)
{
	static const char *const names[] = {
		[IC_RES_BAR] = "bar", [IC_RES_ROM] = "rom", [IC_RES_IOV] = "iov", [IC_RES_WINDOW] = "window",
	};
	return names[kind];
}
