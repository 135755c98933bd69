/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fz-dump.c - libFuzzer: the input as a pasted lspci dump, through the pre-check, libpci's dump
 * reader, the model and the group prediction. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "collect.h"
#include "fz-common.h"
#include "predict.h"

static char path[] = "/tmp/iso-check-fz-dump-XXXXXX";
static struct ic_quirks *quirks;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int fd = mkstemp(path);

	if (fd >= 0)
		close(fd);
	quirks = fz_quirks();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ic_collect_opts opts = { .numeric = true };
	struct ic_collect_error err = { 0 };
	struct ic_model *m = NULL;
	struct ic_prediction p;
	FILE *f = fopen(path, "w");

	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (ic_collect_dump(path, &opts, &m, &err) == 0) {
		ic_predict_groups(m, quirks, &p);
		ic_prediction_clear(&p);
		ic_model_free(m);
	}
	ic_collect_error_clear(&err);
	return 0;
}
