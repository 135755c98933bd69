/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fz-config.c - libFuzzer: config-space images through the capability walks, the model's
 * parser and decode, the group prediction, --explain, --isolate, and sriov (the SR-IOV
 * capability's offsets, strides and counts into the routing-ID and enable arithmetic). Input:
 * up to four images, each a 2-byte length, a flag byte (bit 0: below the first function) and
 * the bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "collect.h"
#include "fz-common.h"
#include "ic.h"
#include "explain.h"
#include "isolate.h"
#include "predict.h"
#include "sriov.h"

static struct ic_quirks *quirks;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	quirks = fz_quirks();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ic_model *m = ic_model_new();
	struct ic_prediction p;
	struct ic_explanation e;
	struct ic_cap *caps = NULL;
	size_t ncaps = 0;
	uint16_t where;

	/* the walks alone, on the whole input */
	ic_caps_walk_std(data, size > 4096 ? 4096 : size, &caps, &ncaps, &where);
	ic_caps_walk_ext(data, size > 4096 ? 4096 : size, &caps, &ncaps, &where);
	free(caps);

	m->devs = ic_xcalloc(4, sizeof(*m->devs));
	m->devs_cap = 4;
	for (size_t off = 0; m->ndevs < 4 && off + 3 <= size;) {
		size_t len = (size_t)(data[off] | data[off + 1] << 8) % 4097;
		bool below = data[off + 2] & 1 && m->ndevs > 0;
		struct ic_dev *d = &m->devs[m->ndevs];
		unsigned int n = (unsigned int)m->ndevs;

		off += 3;
		if (len > size - off)
			len = size - off;
		d->bus = below ? 1 : 0;
		d->slot = (uint8_t)n;
		d->numa_node = -1;
		d->iommu_group = -1;
		snprintf(d->bdf, sizeof(d->bdf), "0000:%02x:%02x.0", d->bus, d->slot);
		d->syspath = ic_xasprintf("sys/devices/pci0000:00/%s", d->bdf);
		d->config = ic_xmalloc(len ? len : 1);
		memcpy(d->config, data + off, len);
		d->config_len = d->config_size = len;
		if (len >= 16) {
			d->vendor = ic_le16(d->config);
			d->device = ic_le16(d->config + 2);
			d->class = (uint32_t)d->config[9] | (uint32_t)ic_le16(d->config + 10) << 8;
			d->known |= IC_KNOWN_IDENT | IC_KNOWN_CLASS;
		}
		ic_dev_parse_config(m, d, d->bdf, false);
		m->ndevs++;
		off += len;
	}
	ic_model_sort_devs(m);
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].bus == 1)
			m->devs[i].parent = &m->devs[0];
	ic_predict_groups(m, quirks, &p);
	ic_explain(m, quirks, &p, &e);
	for (size_t i = 0; i < m->ndevs; i++) {
		struct ic_isolate_report r;

		ic_analyze_isolate(m, quirks, &m->devs[i], &r);
		ic_isolate_report_clear(&r);
	}
	{
		struct ic_bars_report bars = { .model = m, .page_size = 4096, .page_size_source = "option" };
		struct ic_sriov_report r;

		ic_analyze_sriov(m, &p, &bars, &r);
		ic_sriov_report_clear(&r);
		bars.page_size = 65536;
		ic_analyze_sriov(m, NULL, &bars, &r);
		ic_sriov_report_clear(&r);
	}
	ic_explanation_clear(m, &e);
	ic_prediction_clear(&p);
	ic_model_free(m);
	return 0;
}
