/* SPDX-License-Identifier: GPL-2.0-or-later */
/* collect-kmod.c - which kernel modules claim each function's modalias (libkmod). */
#include <errno.h>
#include <libkmod.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/*
 * The audit's modules (vfio, vfio_pci, ...): "mod<TAB>I<TAB>STATE<TAB>OPTIONS", STATE one of
 * loaded, builtin, available (in modules.dep), missing; OPTIONS what modprobe.d and the command
 * line give it (kmod_module_get_options()).
 */
static void ic_kmod_host(struct kmod_ctx *ctx, FILE *out)
{
	for (int i = 0; i < IC_NHMODS; i++) {
		struct kmod_list *list = NULL, *it;
		const char *state = "missing", *opts = NULL;

		if (kmod_module_new_from_lookup(ctx, ic_host_module_name(i), &list) < 0)
			continue;
		kmod_list_foreach(it, list) {
			struct kmod_module *mod = kmod_module_get_module(it);
			int init = kmod_module_get_initstate(mod);

			if (ic_streq(kmod_module_get_name(mod), ic_host_module_name(i))) {
				state = init == KMOD_MODULE_BUILTIN ? "builtin" : init >= 0 ? "loaded" :
					kmod_module_get_path(mod) ? "available" : "missing";
				opts = kmod_module_get_options(mod);
				fprintf(out, "mod\t%d\t%s\t%s\n", i, state, opts ? opts : "");
				state = NULL;
			}
			kmod_module_unref(mod);
		}
		if (state)
			fprintf(out, "mod\t%d\t%s\t\n", i, state);
		kmod_module_unref_list(list);
	}
}

/*
 * Writes one line per function with a modalias: "INDEX<TAB>mod,mod" (empty: no match), then the
 * audit's module lines when HOST.
 */
static void ic_kmod_lookup_all(const char *moddir, const struct ic_model *m, bool host, FILE *out)
{
	struct kmod_ctx *ctx = kmod_new(moddir, NULL);

	if (!ctx)
		return;
	kmod_set_log_fn(ctx, ic_kmod_log, NULL);
	if (host)
		ic_kmod_host(ctx, out);
	for (size_t i = 0; i < m->ndevs; i++) {
		struct kmod_list *list = NULL, *it;
		const char *sep = "";

		if (!m->devs[i].modalias || kmod_module_new_from_lookup(ctx, m->devs[i].modalias, &list) < 0)
			continue;
		fprintf(out, "%zu\t", i);
		kmod_list_foreach(it, list) {
			struct kmod_module *mod = kmod_module_get_module(it);

			fprintf(out, "%s%s", sep, kmod_module_get_name(mod));
			sep = ",";
			kmod_module_unref(mod);
		}
		fputc('\n', out);
		kmod_module_unref_list(list);
	}
	kmod_unref(ctx);
}

/* A module line back into m->host (the index's word; sysfs may still say loaded). */
static void ic_kmod_read_host(char *line, struct ic_model *m)
{
	static const char *const states[] = {
		[IC_MOD_LOADED] = "loaded", [IC_MOD_BUILTIN] = "builtin",
		[IC_MOD_AVAILABLE] = "available", [IC_MOD_MISSING] = "missing",
	};
	char *f[4] = { NULL }, *save = NULL;
	int n = 0, i;

	for (char *t = strtok_r(line, "\t\n", &save); t && n < 4; t = strtok_r(NULL, "\t\n", &save))
		f[n++] = t;
	if (n < 3 || !m->host || sscanf(f[1], "%d", &i) != 1 || i < 0 || i >= IC_NHMODS)
		return;
	for (size_t s = IC_MOD_LOADED; s < IC_ARRAY_SIZE(states); s++)
		if (ic_streq(f[2], states[s]))
			m->host->kmod[i] = (enum ic_mod_state)s;
	free(m->host->kmod_options[i]);
	m->host->kmod_options[i] = ic_xstrdup(n > 3 ? f[3] : "");
}

/* Reads the look-up lines back into the model. */
static void ic_kmod_read(FILE *in, struct ic_model *m)
{
	char line[4096];

	while (fgets(line, sizeof(line), in)) {
		char *tab = strchr(line, '\t'), *tok, *save = NULL;
		size_t idx, cap = 0;
		struct ic_dev *d;

		if (!strncmp(line, "mod\t", 4)) {
			ic_kmod_read_host(line, m);
			continue;
		}
		if (!tab || sscanf(line, "%zu", &idx) != 1 || idx >= m->ndevs)
			continue;
		d = &m->devs[idx];
		for (tok = strtok_r(ic_strtrim(tab + 1), ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			bool seen = false;

			/* a module can match twice (two of its aliases, or built in and loadable) */
			for (size_t k = 0; k < d->nmodules && !seen; k++)
				seen = ic_streq(d->modules[k], tok);
			if (!seen)
				IC_APPEND(d->modules, d->nmodules, cap, ic_xstrdup(tok));
		}
		d->known |= IC_KNOWN_MODULES;
	}
}

/*
 * Why a child process: kmod_new() reads /proc/cmdline for module options whatever directory it
 * is given, and a sysroot must not read the host. The child confines itself to the root with
 * chroot() (in a new user namespace when not privileged), so libkmod sees the root's own
 * lib/modules and proc/cmdline, as that host would; it sends its answers back over a pipe.
 */
static void ic_kmod_confined(const struct ic_root *root, struct ic_model *m, const char *rel)
{
	int fds[2], status;
	pid_t pid;
	FILE *in;

	if (pipe(fds) < 0)
		return;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		FILE *out = fdopen(fds[1], "w");
		char *moddir = ic_xasprintf("/%s", rel);

		close(fds[0]);
		if (geteuid() != 0 && unshare(CLONE_NEWUSER) < 0)
			_exit(1);
		if (!out || chroot(ic_root_dir(root)) < 0 || chdir("/") < 0)
			_exit(1);
		ic_kmod_lookup_all(moddir, m, m->host != NULL, out);
		fclose(out);
		_exit(0);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	if (in) {
		ic_kmod_read(in, m);
		fclose(in);
	} else {
		close(fds[0]);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		ic_debug(IC_DEBUG_PCI, "module look-ups: cannot confine libkmod to %s", ic_root_dir(root));
}

/*
 * ic_collect_modules() - the modules whose aliases match each modalias, from the module index
 * of the root's kernel (lib/modules/RELEASE inside the root). Without that index (a recorded
 * tree) the modules stay unknown.
 */
void ic_collect_modules(const struct ic_root *root, struct ic_model *m)
{
	char *rel, *index;

	if (!m->kernel_release)
		return;
	rel = ic_path_cat(IC_PATH_MODULES_DIR, m->kernel_release);
	index = ic_xasprintf("%s/modules.alias.bin", rel);
	if (ic_root_exists(root, index)) {
		if (ic_root_is_live(root)) {
			FILE *tmp = tmpfile();
			char *moddir = ic_root_path(root, rel);

			if (tmp) {
				ic_kmod_lookup_all(moddir, m, m->host != NULL, tmp);
				rewind(tmp);
				ic_kmod_read(tmp, m);
				fclose(tmp);
			}
			free(moddir);
		} else {
			ic_kmod_confined(root, m, rel);
		}
	}
	free(index);
	free(rel);
}
