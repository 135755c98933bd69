/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect-kmod.c - which kernel modules claim each function's modalias (libkmod). */
#include <libkmod.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect.h"
#include "ic.h"
#include "paths.h"

static void ic_kmod_log(void *data, int prio, const char *file, int line, const char *fn,
			const char *fmt, va_list args)
{
	char buf[256];

	vsnprintf(buf, sizeof(buf), fmt, args);
	ic_debug(IC_DEBUG_PCI, "libkmod: %s", ic_strtrim(buf));
}

static void ic_kmod_lookup(struct kmod_ctx *ctx, struct ic_dev *d)
{
	struct kmod_list *list = NULL, *it;
	size_t cap = 0;

	if (kmod_module_new_from_lookup(ctx, d->modalias, &list) < 0)
		return;
	kmod_list_foreach(it, list) {
		struct kmod_module *mod = kmod_module_get_module(it);

		IC_APPEND(d->modules, d->nmodules, cap, ic_xstrdup(kmod_module_get_name(mod)));
		kmod_module_unref(mod);
	}
	kmod_module_unref_list(list);
	d->known |= IC_KNOWN_MODULES;
}

/*
 * ic_collect_modules() - look up the modules whose aliases match each modalias, from the module
 * index of the root's kernel (lib/modules/RELEASE inside the root). A root without that index
 * (a recorded tree) leaves the modules unknown. With a sysroot no modprobe.d configuration of
 * the host is read.
 */
void ic_collect_modules(const struct ic_root *root, struct ic_model *m)
{
	static const char *const no_config[] = { NULL };
	struct kmod_ctx *ctx;
	char *rel, *dir;

	if (!m->kernel_release)
		return;
	rel = ic_xasprintf("%s/%s/modules.alias.bin", IC_PATH_MODULES_DIR, m->kernel_release);
	if (!ic_root_exists(root, rel)) {
		free(rel);
		return;
	}
	free(rel);
	rel = ic_xasprintf("%s/%s", IC_PATH_MODULES_DIR, m->kernel_release);
	dir = ic_root_path(root, rel);
	free(rel);
	ctx = kmod_new(dir, ic_root_is_live(root) ? NULL : no_config);
	free(dir);
	if (!ctx)
		return;
	kmod_set_log_fn(ctx, ic_kmod_log, NULL);
	for (size_t i = 0; i < m->ndevs; i++)
		if (m->devs[i].modalias)
			ic_kmod_lookup(ctx, &m->devs[i]);
	kmod_unref(ctx);
}
