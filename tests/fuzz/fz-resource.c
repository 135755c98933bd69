/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fz-resource.c - libFuzzer: the input as a sysfs `resource` file. */
#include <stdlib.h>
#include <string.h>

#include "ic.h"
#include "resource.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = ic_xmalloc(size + 1);
	struct ic_resource *res = NULL;
	size_t n = 0, bad = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	if (ic_resource_parse(text, &res, &n, &bad) == 0)
		free(res);
	free(text);
	return 0;
}
