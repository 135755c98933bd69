/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output-json.c - the JSON back end (json-c): one top-level object with schema_version. */
#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "audit.h"
#include "ic.h"
#include "findings.h"
#include "output.h"
#include "predict.h"
#include "view.h"

/* "0x" and V in hex, at least WIDTH digits (by hand: six of these a function, where snprintf()
 * cost more than the rest of the row's numbers). */
json_object *ic_jhex(uint64_t v, int width)
{
	char buf[2 + 16];
	int n = 1;

	for (uint64_t x = v >> 4; x; x >>= 4)
		n++;
	if (n < width)
		n = width > 16 ? 16 : width;
	buf[0] = '0';
	buf[1] = 'x';
	for (int i = n - 1; i >= 0; i--, v >>= 4)
		buf[2 + i] = "0123456789abcdef"[v & 0xf];
	return json_object_new_string_len(buf, 2 + n);
}

json_object *ic_jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;	/* NULL is JSON null */
}

#define IC_JFLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

static int ic_jprint(json_object *root)
{
	const char *s = json_object_to_json_string_ext(root, IC_JFLAGS);
	int rc = puts(s) < 0 ? -EIO : 0;

	json_object_put(root);
	return rc;
}

/* Prints S with INDENT (at most 16) spaces before each of its lines, in one write. */
static void ic_jput_indented(const char *s, size_t indent)
{
	static const char spaces[] = "                ";
	static char *buf;
	static size_t cap;
	size_t len = strlen(s), lines = 1, n = 0;

	for (const char *p = s; (p = strchr(p, '\n')); p++)
		lines++;
	if (len + lines * indent > cap) {
		cap = (len + lines * indent) * 2;
		buf = ic_xrealloc(buf, cap, 1);
	}
	for (const char *nl; *s; s = nl + 1) {
		nl = strchrnul(s, '\n');
		memcpy(buf + n, spaces, indent);
		n += indent;
		memcpy(buf + n, s, (size_t)(nl - s) + (*nl ? 1 : 0));
		n += (size_t)(nl - s) + (*nl ? 1 : 0);
		if (!*nl)
			break;
	}
	fwrite(buf, 1, n, stdout);
}

/* The stream of ST for the top-level KEY, or NULL. */
const struct ic_jstream *ic_jstream_find(const struct ic_jstreams *st, const char *key)
{
	for (size_t i = 0; st && i < st->n; i++)
		if (ic_streq(st->v[i].key, key))
			return &st->v[i];
	return NULL;
}

/*
 * Adds the top-level KEY to TOP: a marker, with the elements N of them made by ROW(DATA, I)
 * when printed (ST not NULL), or the whole array now.
 */
static void ic_jadd_stream(json_object *top, struct ic_jstreams *st, const char *key, size_t n,
			   json_object *(*row)(const void *data, size_t i), const void *data)
{
	json_object *a;

	if (st && st->n < IC_ARRAY_SIZE(st->v)) {
		st->v[st->n++] = (struct ic_jstream){ key, n, row, data };
		a = json_object_new_string(IC_JSTREAM_MARK);
	} else {
		a = json_object_new_array();
		for (size_t i = 0; i < n; i++) {
			json_object *o = row(data, i);

			if (o)
				json_object_array_add(a, o);
		}
	}
	ic_jadd(top, key, a);
}

/*
 * Prints ROOT (consumed) as ic_jprint() would print it with the arrays of ST in the places of
 * their markers, byte for byte as json-c lays out an array, each element built, printed and
 * freed before the next. A marker is found as the value of its top-level key (two spaces in):
 * a string from the input that spells the marker sits deeper, or under another key.
 */
static int ic_jprint_streams(json_object *root, const struct ic_jstreams *st)
{
	const char *s = json_object_to_json_string_ext(root, IC_JFLAGS);
	int rc;

	for (size_t k = 0; k < st->n; k++) {
		const struct ic_jstream *rows = &st->v[k];
		char *needle = ic_xasprintf("\n  \"%s\": \"\\u0001iso-check rows\\u0001\"", rows->key);
		const char *mark = strstr(s, needle);
		bool first = true;

		if (!mark) {
			free(needle);
			continue;
		}
		printf("%.*s\n  \"%s\": [", (int)(mark - s), s, rows->key);
		for (size_t i = 0; i < rows->n; i++) {
			json_object *row = rows->row(rows->data, i);

			if (!row)
				continue;
			fputs(first ? "\n" : ",\n", stdout);
			first = false;
			ic_jput_indented(json_object_to_json_string_ext(row, IC_JFLAGS), 4);
			json_object_put(row);
		}
		fputs("\n  ]", stdout);
		s = mark + strlen(needle);
		free(needle);
	}
	rc = puts(s) < 0 || ferror(stdout) ? -EIO : 0;
	json_object_put(root);
	return rc;
}

/* --predict: why the function is in its group. */
static json_object *ic_jprediction(const struct ic_groups_report *r, const struct ic_dev *d)
{
	const struct ic_prediction *p = r->pred;
	size_t i = (size_t)(d - r->model->devs);
	json_object *o = json_object_new_object();

	ic_jadd(o, "why", json_object_new_string(ic_why_str(p->why[i])));
	ic_jadd(o, "via", p->via[i] >= 0 ? json_object_new_string(r->model->devs[p->via[i]].bdf) : NULL);
	ic_jadd(o, "quirk", p->quirk[i] ? json_object_new_string(p->quirk[i]->function) : NULL);
	ic_jadd(o, "uncertain", json_object_new_boolean(!ic_predict_is_certain(p, i) &&
								     p->group[i] >= 0));
	ic_jadd(o, "at_bind", !p->at_bind[i] ? NULL : json_object_new_string(
				p->at_bind[i] == IC_BIND_UNBOUND ? "unbound" : "aliased"));
	ic_jadd(o, "kernel_group", d->iommu_group >= 0 ? json_object_new_int(d->iommu_group) : NULL);
	ic_jadd(o, "pe", p->pe && p->pe[i] >= 0 ? ic_jhex((uint64_t)p->pe[i], 0) : NULL);
	if (r->explain) {
		json_object *a = json_object_new_array();

		for (size_t f = 0; f < r->explain->nfacts[i]; f++) {
			const struct ic_fact *fact = &r->explain->facts[i][f];
			json_object *x = json_object_new_object();

			ic_jadd(x, "code", json_object_new_string(fact->code));
			ic_jadd(x, "device", json_object_new_string(fact->about->bdf));
			ic_jadd(x, "text", json_object_new_string(fact->text));
			json_object_array_add(a, x);
		}
		ic_jadd(o, "explanation", a);
	}
	return o;
}

/* The function's SR-IOV role: {"role": "pf", "num_vfs"} or {"role": "vf", "physfn"}; null: none. */
static json_object *ic_jsriov(const struct ic_dev *d)
{
	json_object *o;

	if (!d->physfn_bdf && !(d->sriov.known & IC_SV_TOTAL) && !(d->cfg.known & IC_CFG_SRIOV))
		return NULL;
	o = json_object_new_object();
	ic_jadd(o, "role", json_object_new_string(d->physfn_bdf ? "vf" : "pf"));
	if (d->physfn_bdf)
		ic_jadd(o, "physfn", json_object_new_string(d->physfn_bdf));
	else
		ic_jadd(o, "num_vfs", json_object_new_int64((int64_t)d->nvirtfn));
	return o;
}

/* With the host collected (-o RESET or CRITICAL): a member's reset methods and host-critical use. */
static void ic_jhost_dev(const struct ic_groups_report *r, const struct ic_dev *d, json_object *o)
{
	json_object *reset = json_object_new_object(), *methods = NULL;
	bool predicted, vr;
	char *list = ic_audit_reset_info(r->model, r->quirks, d, &predicted, &vr), *save = NULL;
	const char *what = ic_audit_critical_what(r->model, d);

	if (list) {
		methods = json_object_new_array();
		for (char *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save))
			json_object_array_add(methods, json_object_new_string(t));
	}
	ic_jadd(reset, "methods", methods);
	ic_jadd(reset, "source", json_object_new_string(predicted ? "predicted" : "kernel"));
	ic_jadd(reset, "needs_vendor_reset", json_object_new_boolean(vr));
	ic_jadd(o, "reset", reset);
	ic_jadd(o, "host_critical", what ? json_object_new_string(what) :
				!r->model->host || !r->model->host->mounts_read || !r->model->host->routes_read ?
				NULL : json_object_new_boolean(false));
	free(list);
}

static json_object *ic_jdevice(const struct ic_groups_report *r, const struct ic_dev *d,
			       const struct ic_member_report *mr)
{
	json_object *o = json_object_new_object();
	bool ident = d->known & IC_KNOWN_IDENT;

	ic_jadd(o, "address", json_object_new_string(d->bdf));
	ic_jadd(o, "vendor_id", ident ? ic_jhex(d->vendor, 4) : NULL);
	ic_jadd(o, "device_id", ident ? ic_jhex(d->device, 4) : NULL);
	ic_jadd(o, "subsystem_vendor_id", d->known & IC_KNOWN_SUBSYS ? ic_jhex(d->subvendor, 4) : NULL);
	ic_jadd(o, "subsystem_device_id", d->known & IC_KNOWN_SUBSYS ? ic_jhex(d->subdevice, 4) : NULL);
	ic_jadd(o, "class", d->known & IC_KNOWN_CLASS ? ic_jhex(d->class, 6) : NULL);
	ic_jadd(o, "revision", d->known & IC_KNOWN_REVISION ? ic_jhex(d->revision, 2) : NULL);
	ic_jadd(o, "vendor_name", ic_jstr(d->vendor_name));
	ic_jadd(o, "device_name", ic_jstr(d->device_name));
	ic_jadd(o, "class_name", ic_jstr(d->class_name));
	ic_jadd(o, "pcie_type", d->known & IC_KNOWN_PCIE ? ic_jstr(ic_pcie_type_str(d->pcie_type)) : NULL);
	ic_jadd(o, "driver", d->known & IC_KNOWN_DRIVER ? ic_jstr(d->driver) : NULL);
	ic_jadd(o, "numa_node", !(d->known & IC_KNOWN_NUMA) || d->numa_node < 0 ? NULL :
				json_object_new_int(d->numa_node));
	if (d->known & IC_KNOWN_MODULES) {
		json_object *a = json_object_new_array();

		for (size_t i = 0; i < d->nmodules; i++)
			json_object_array_add(a, json_object_new_string(d->modules[i]));
		ic_jadd(o, "modules", a);
	} else {
		ic_jadd(o, "modules", NULL);
	}
	ic_jadd(o, "partial", json_object_new_boolean(d->partial));
	ic_jadd(o, "sriov", ic_jsriov(d));
	ic_jadd(o, "pe", d->has_eeh_pe ? ic_jhex(d->eeh_pe, 0) : NULL);
	if (r->pred)
		ic_jadd(o, "prediction", ic_jprediction(r, d));
	if (r->host)
		ic_jhost_dev(r, d, o);
	if (mr)
		ic_jadd(o, "vfio", json_object_new_string(ic_member_state_str(mr->state)));
	return o;
}

static json_object *ic_jgroup(const struct ic_groups_report *r, const struct ic_group_report *gr)
{
	const struct ic_group *g = gr->group;
	json_object *o = json_object_new_object();
	json_object *devs = json_object_new_array(), *others = json_object_new_array();
	json_object *vfio = json_object_new_object(), *blockers = json_object_new_array();
	json_object *resv = NULL;

	ic_jadd(o, "group", json_object_new_int(g->id));
	ic_jadd(o, "type", ic_jstr(g->type));
	ic_jadd(o, "name", ic_jstr(g->name));
	if (g->resv_known) {
		resv = json_object_new_array();
		for (size_t i = 0; i < g->nresv; i++) {
			json_object *region = json_object_new_object();

			ic_jadd(region, "start", ic_jhex(g->resv[i].start, 0));
			ic_jadd(region, "end", ic_jhex(g->resv[i].end, 0));
			ic_jadd(region, "type", json_object_new_string(g->resv[i].type));
			json_object_array_add(resv, region);
		}
	}
	ic_jadd(o, "reserved_regions", resv);
	ic_jadd(o, "direct_region", json_object_new_boolean(gr->direct_region));
	if (r->host) {
		int crit = ic_audit_group_critical(r->model, g);

		ic_jadd(o, "host_critical", crit < 0 ? NULL : json_object_new_boolean(crit > 0));
	}
	if (r->pred) {
		ic_jadd(o, "kernel_group", gr->kernel_group >= 0 ? json_object_new_int(gr->kernel_group) : NULL);
		ic_jadd(o, "unsafe", json_object_new_boolean(gr->unsafe));
	}
	for (size_t i = 0; i < gr->nmembers; i++) {
		const struct ic_member_report *mr = &gr->members[i];

		if (mr->state == IC_MEMBER_BLOCKS)
			json_object_array_add(blockers, json_object_new_string(mr->name));
		if (mr->dev) {
			json_object_array_add(devs, ic_jdevice(r, mr->dev, mr));
		} else {
			json_object *x = json_object_new_object();

			ic_jadd(x, "name", json_object_new_string(mr->name));
			ic_jadd(x, "driver", ic_jstr(mr->driver));
			ic_jadd(x, "vfio", json_object_new_string(ic_member_state_str(mr->state)));
			json_object_array_add(others, x);
		}
	}
	ic_jadd(vfio, "verdict", json_object_new_string(ic_verdict_str(gr->verdict)));
	ic_jadd(vfio, "blockers", blockers);
	ic_jadd(o, "vfio", vfio);
	ic_jadd(o, "devices", devs);
	ic_jadd(o, "other_members", others);
	return o;
}

/*
 * One finding as every view prints it: {code, severity, text, devices} and the typed extras:
 * the groups of a groups finding, the address of an MMIO one under its registered key.
 */
json_object *ic_jfinding(const struct ic_finding *f)
{
	json_object *o = json_object_new_object(), *devs = json_object_new_array();

	ic_jadd(o, "code", json_object_new_string(f->def->code));
	ic_jadd(o, "severity", json_object_new_string(ic_severity_str(f->def->severity)));
	ic_jadd(o, "text", json_object_new_string(f->text));
	for (size_t k = 0; k < f->ndevs; k++)
		json_object_array_add(devs, json_object_new_string(f->devs[k]->bdf));
	ic_jadd(o, "devices", devs);
	if (ic_streq(f->def->view, "groups")) {
		ic_jadd(o, "group", f->group >= 0 ? json_object_new_int(f->group) : NULL);
		ic_jadd(o, "predicted_group", f->predicted >= 0 ?
				       json_object_new_int(f->predicted) : NULL);
		ic_jadd(o, "cause", ic_jstr(f->cause));
	}
	if (f->def->at)
		ic_jadd(o, f->def->at, ic_jhex(f->address, 0));
	return o;
}

static json_object *ic_jfinding_row(const void *data, size_t i)
{
	return ic_jfinding(&((const struct ic_finding *)data)[i]);
}

static json_object *ic_jproblems(const struct ic_model *m)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < m->nproblems; i++) {
		json_object *p = json_object_new_object();

		ic_jadd(p, "path", json_object_new_string(m->problems[i].path));
		ic_jadd(p, "message", json_object_new_string(m->problems[i].msg));
		json_object_array_add(a, p);
	}
	return a;
}

static json_object *ic_jiommu(const struct ic_groups_report *r)
{
	const struct ic_iommu_info *io = &r->model->iommu;
	json_object *o = json_object_new_object(), *units = json_object_new_array();

	ic_jadd(o, "enabled", json_object_new_boolean(r->iommu_on));
	for (size_t i = 0; i < io->nunits; i++)
		json_object_array_add(units, json_object_new_string(io->units[i]));
	ic_jadd(o, "units", units);
	ic_jadd(o, "vfio_rule", json_object_new_string(r->legacy_rule ? "legacy" : "dma_ownership"));
	ic_jadd(o, "groups_pending", json_object_new_boolean(r->groups_pending));
	if (r->nevidence) {
		json_object *ev = json_object_new_array(), *fix = json_object_new_object();

		for (size_t i = 0; i < r->nevidence; i++) {
			json_object *e = json_object_new_object();

			ic_jadd(e, "key", json_object_new_string(r->evidence[i].key));
			ic_jadd(e, "path", json_object_new_string(r->evidence[i].path));
			ic_jadd(e, "state", json_object_new_string(r->evidence[i].state));
			json_object_array_add(ev, e);
		}
		ic_jadd(o, "evidence", ev);
		if (r->fix) {
			ic_jadd(fix, "code", json_object_new_string(r->fix->code));
			ic_jadd(fix, "text", json_object_new_string(r->fix->text));
			ic_jadd(o, "fix", fix);
		} else {
			json_object_put(fix);
		}
	}
	return o;
}

static json_object *ic_jtop(const struct ic_model *m)
{
	json_object *o = json_object_new_object(), *src = json_object_new_object();

	ic_jadd(o, "schema_version", json_object_new_int(IC_SCHEMA_VERSION));
	ic_jadd(src, "sysroot", m ? ic_jstr(m->sysroot) : NULL);
	ic_jadd(src, "lspci_dump", m ? ic_jstr(m->dump) : NULL);
	ic_jadd(src, "lspci_dump_form", m ? ic_jstr(m->dump_form) : NULL);
	ic_jadd(src, "kernel_release", m ? ic_jstr(m->kernel_release) : NULL);
	ic_jadd(src, "host", m ? ic_jstr(m->hostname) : NULL);
	ic_jadd(o, "source", src);
	return o;
}

static json_object *ic_jgroup_row(const void *data, size_t i)
{
	const struct ic_groups_report *r = data;

	return ic_jgroup(r, &r->groups[i]);
}

/* The groups document; with ST, its groups and findings are made while it is printed. */
json_object *ic_jdoc_groups(const struct ic_groups_report *r, struct ic_jstreams *st)
{
	const struct ic_model *m = r->model;
	json_object *top = ic_jtop(m);
	json_object *ungrouped = json_object_new_array();

	ic_jadd(top, "partial", json_object_new_boolean(ic_model_is_partial(m)));
	ic_jadd(top, "problems", ic_jproblems(m));
	ic_jadd(top, "config_space_cut", json_object_new_boolean(m->config_cut));
	ic_jadd(top, "config_space_missing", json_object_new_int((int)m->nconfig_missing));
	ic_jadd(top, "iommu", ic_jiommu(r));
	ic_jadd_stream(top, st, "groups", r->ngroups, ic_jgroup_row, r);
	for (size_t i = 0; r->iommu_on && i < r->nungrouped; i++)
		json_object_array_add(ungrouped, ic_jdevice(r, r->ungrouped[i], NULL));
	ic_jadd(top, "ungrouped", ungrouped);
	ic_jadd(top, "predicted", json_object_new_boolean(r->pred != NULL));
	if (r->pred) {
		json_object *w = json_object_new_object();

		ic_jadd(w, "acs_override", ic_jstr(r->acs_override));
		ic_jadd(w, "config_acs", ic_jstr(r->config_acs));
		ic_jadd(top, "whatif", w);
		ic_jadd(top, "type_reason", ic_jstr(r->type_why));
	}
	ic_jadd_stream(top, st, "findings", r->nfindings, ic_jfinding_row, r->findings);
	return top;
}

static int ic_json_groups(const struct ic_groups_report *r, const struct ic_out_opts *o)
{
	struct ic_jstreams st = { .n = 0 };
	json_object *doc = ic_jdoc_groups(r, &st);

	(void)o;
	return ic_jprint_streams(doc, &st);
}

static json_object *ic_jaddrs(const struct ic_dev *const *v, size_t n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(v[i]->bdf));
	return a;
}

json_object *ic_jdoc_isolate(const struct ic_isolate_report *r)
{
	json_object *top = ic_jtop(r->model), *o = json_object_new_object(), *obs = json_object_new_array();

	ic_jadd(o, "device", json_object_new_string(r->dev->bdf));
	ic_jadd(o, "group_now", ic_jaddrs(r->now, r->nnow));
	for (size_t k = 0; k < r->nobstacles; k++) {
		const struct ic_obstacle *ob = &r->obstacles[k];
		json_object *x = json_object_new_object(), *fix = json_object_new_object();

		ic_jadd(x, "device", json_object_new_string(ob->dev->bdf));
		ic_jadd(x, "why", json_object_new_string(ob->why));
		ic_jadd(fix, "kind", json_object_new_string(ic_fix_kind_str(ob->kind)));
		ic_jadd(fix, "setting", ic_jstr(ob->setting));
		ic_jadd(fix, "safe", json_object_new_boolean(ob->kind == IC_FIX_CONFIG_ACS));
		ic_jadd(x, "fix", fix);
		ic_jadd(x, "group_after", ic_jaddrs(ob->after, ob->nafter));
		json_object_array_add(obs, x);
	}
	ic_jadd(o, "obstacles", obs);
	ic_jadd(o, "group_with_all_fixes", ic_jaddrs(r->all, r->nall));
	ic_jadd(o, "all_fixes_safe", json_object_new_boolean(r->all_safe));
	ic_jadd(o, "complete", json_object_new_boolean(!r->unknown));
	ic_jadd(top, "isolate", o);
	return top;
}

static int ic_json_isolate(const struct ic_isolate_report *r)
{
	return ic_jprint(ic_jdoc_isolate(r));
}

json_object *ic_jdoc_diff(const struct ic_model *a, const struct ic_model *b, const struct ic_diff *df)
{
	json_object *top = json_object_new_object(), *ch = json_object_new_array();
	json_object *ja = ic_jtop(a), *jb = ic_jtop(b), *src;

	ic_jadd(top, "schema_version", json_object_new_int(IC_SCHEMA_VERSION));
	json_object_object_get_ex(ja, "source", &src);
	ic_jadd(top, "a", json_object_get(src));
	json_object_object_get_ex(jb, "source", &src);
	ic_jadd(top, "b", json_object_get(src));
	json_object_put(ja);
	json_object_put(jb);
	for (size_t i = 0; i < df->n; i++) {
		const struct ic_change *c = &df->changes[i];
		json_object *o = json_object_new_object();

		ic_jadd(o, "kind", json_object_new_string(ic_change_kind_str(c->kind)));
		ic_jadd(o, "device", ic_jstr(c->device));
		ic_jadd(o, "before", ic_jstr(c->before));
		ic_jadd(o, "after", ic_jstr(c->after));
		json_object_array_add(ch, o);
	}
	ic_jadd(top, "changed", json_object_new_boolean(df->n > 0));
	ic_jadd(top, "changes", ch);
	return top;
}

static int ic_json_diff(const struct ic_model *a, const struct ic_model *b, const struct ic_diff *df)
{
	return ic_jprint(ic_jdoc_diff(a, b, df));
}

json_object *ic_jdoc_snapshot(const struct ic_snapshot_summary *s)
{
	json_object *top = ic_jtop(s->model), *o = json_object_new_object();

	ic_jadd(o, "path", json_object_new_string(s->path));
	ic_jadd(o, "files", json_object_new_int64((int64_t)s->files));
	ic_jadd(o, "links", json_object_new_int64((int64_t)s->links));
	ic_jadd(o, "directories", json_object_new_int64((int64_t)s->dirs));
	ic_jadd(o, "config_space_cut", json_object_new_boolean(s->config_cut));
	ic_jadd(o, "redacted", json_object_new_boolean(s->redacted));
	ic_jadd(top, "snapshot", o);
	return top;
}

static int ic_json_snapshot(const struct ic_snapshot_summary *s)
{
	return ic_jprint(ic_jdoc_snapshot(s));
}

/* With --json, stdout stays parseable: a fatal error is an object too (and a line on stderr). */
json_object *ic_jdoc_error(const char *path, const char *msg)
{
	json_object *top = ic_jtop(NULL), *e = json_object_new_object();

	ic_jadd(e, "path", ic_jstr(path));
	ic_jadd(e, "message", json_object_new_string(msg));
	ic_jadd(top, "error", e);
	return top;
}

static void ic_json_error(const char *path, const char *msg)
{
	ic_output_text.error(path, msg);
	ic_jprint(ic_jdoc_error(path, msg));
}

json_object *ic_jdoc_columns(const struct ic_colinfo *cols, size_t n)
{
	json_object *top = ic_jtop(NULL), *a = json_object_new_array();

	for (size_t i = 0; i < n; i++) {
		json_object *c = json_object_new_object();

		ic_jadd(c, "name", json_object_new_string(cols[i].name));
		ic_jadd(c, "json_key", json_object_new_string(cols[i].json));
		ic_jadd(c, "type", json_object_new_string(cols[i].type));
		ic_jadd(c, "description", json_object_new_string(cols[i].help));
		json_object_array_add(a, c);
	}
	ic_jadd(top, "columns", a);
	return top;
}

static int ic_json_columns(const struct ic_colinfo *cols, size_t n)
{
	return ic_jprint(ic_jdoc_columns(cols, n));
}

/* --list-findings: a document of its own kind. */
json_object *ic_jdoc_findings(void)
{
	json_object *top = json_object_new_object(), *a = json_object_new_array();

	ic_jadd(top, "schema_version", json_object_new_int(IC_SCHEMA_VERSION));
	for (size_t i = 0; i < ic_nfindings; i++) {
		json_object *f = json_object_new_object();

		ic_jadd(f, "code", json_object_new_string(ic_findings[i].code));
		ic_jadd(f, "severity",
				       json_object_new_string(ic_severity_str(ic_findings[i].severity)));
		ic_jadd(f, "view", json_object_new_string(ic_findings[i].view));
		ic_jadd(f, "help", json_object_new_string(ic_findings[i].help));
		json_object_array_add(a, f);
	}
	ic_jadd(top, "findings", a);
	return top;
}

static int ic_json_findings(void)
{
	return ic_jprint(ic_jdoc_findings());
}

/* --- table views --------------------------------------------------------------------- */

json_object *ic_jdomain(const struct ic_domain *d)
{
	json_object *o = json_object_new_object();

	ic_jadd(o, "kind", json_object_new_string(ic_dom_kind_str(d->kind)));
	ic_jadd(o, "id", d->kind == IC_DOM_UNKNOWN ? NULL : json_object_new_int64(d->id));
	ic_jadd(o, "pci_domain", d->kind == IC_DOM_PE || d->kind == IC_DOM_PE_PREDICTED ?
			       json_object_new_int64(d->pci_domain) : NULL);
	return o;
}

/* Row K of a table view; NULL: not shown, or a row the view nests in another (VFs in their PF). */
static json_object *ic_jresult_row(const void *data, size_t k)
{
	const struct ic_result *r = data;

	return r->show[k] ? r->row_json(r->data, k) : NULL;
}

/*
 * Any table view's result: source, partial, problems, the view's own keys, rows, findings;
 * with ST, the rows and findings are made while it is printed.
 */
json_object *ic_jdoc_result(const struct ic_result *r, struct ic_jstreams *st)
{
	json_object *top = ic_jtop(r->model);

	ic_jadd(top, "partial", json_object_new_boolean(ic_model_is_partial(r->model)));
	ic_jadd(top, "problems", ic_jproblems(r->model));
	if (r->json_head)
		r->json_head(r->data, top);
	ic_jadd_stream(top, st, r->rows_key, r->nrows, ic_jresult_row, r);
	if (!r->no_findings)
		ic_jadd_stream(top, st, "findings", r->nfindings, ic_jfinding_row, r->findings);
	return top;
}

static int ic_json_result(const struct ic_result *r, const struct ic_out_opts *oo)
{
	struct ic_jstreams st = { .n = 0 };
	json_object *doc = ic_jdoc_result(r, &st);

	(void)oo;
	return ic_jprint_streams(doc, &st);
}

const struct ic_output_ops ic_output_json = {
	.result = ic_json_result,
	.groups = ic_json_groups,
	.error = ic_json_error,
	.columns = ic_json_columns,
	.isolate = ic_json_isolate,
	.snapshot = ic_json_snapshot,
	.findings = ic_json_findings,
	.diff = ic_json_diff,
};
