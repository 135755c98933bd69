/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-json.c - the JSON back end on a hand-built model: keys, types, nulls for unknowns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>
#include <json-c/json.h>
#include <cmocka.h>

#include "analyze.h"
#include "model-builder.h"
#include "output.h"
#include "view.h"

static char *printed(const struct ic_groups_report *r);

/* Runs the JSON back end with stdout sent to a temporary file, and parses what it printed. */
static json_object *render(const struct ic_groups_report *r)
{
	char *s = printed(r);
	json_object *j = json_tokener_parse(s);

	free(s);
	assert_non_null(j);
	return j;
}

static json_object *get(json_object *o, const char *key)
{
	json_object *v = NULL;

	assert_true(json_object_object_get_ex(o, key, &v));
	return v;
}

/* Addresses and IDs as "0x..." strings: at least the width asked, never cut. */
static void test_hex_strings(void **state)
{
	static const struct {
		uint64_t v;
		int width;
		const char *want;
	} cases[] = {
		{ 0, 0, "0x0" }, { 0, 6, "0x000000" }, { 0x12, 4, "0x0012" }, { 0x1af4, 4, "0x1af4" },
		{ 0x123, 2, "0x123" }, { 0xfe000000, 0, "0xfe000000" },
		{ UINT64_MAX, 16, "0xffffffffffffffff" }, { 1ULL << 63, 0, "0x8000000000000000" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_object *o = ic_jhex(cases[i].v, cases[i].width);

		assert_string_equal(json_object_get_string(o), cases[i].want);
		json_object_put(o);
	}
}

static void test_groups_document(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;
	json_object *j, *g, *dev, *blockers;

	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "e1000e", 5);
	mb_dev(m, "0000:01:00.1", 0x8086, 0x10d3, NULL, 5);
	mb_groups(m, "DMA-FQ");
	m->devs[1].known &= ~(unsigned int)(IC_KNOWN_PCIE | IC_KNOWN_IDENT);
	m->devs[0].vendor_name = ic_xstrdup("Intel Corporation");
	m->groups[0].resv = ic_xcalloc(1, sizeof(struct ic_resv));
	m->groups[0].resv[0] = (struct ic_resv){ 0xfee00000, 0xfeefffff, ic_xstrdup("msi") };
	m->groups[0].nresv = 1;
	ic_model_problem(m, "/x/sys/y", "unreadable");
	ic_select_init(&sel);
	ic_analyze_groups(m, &sel, &r);
	j = render(&r);

	assert_int_equal(json_object_get_int(get(j, "schema_version")), 2);
	assert_true(json_object_get_boolean(get(j, "partial")));
	assert_string_equal(json_object_get_string(get(json_object_array_get_idx(get(j, "problems"), 0), "path")), "/x/sys/y");
	assert_true(json_object_get_boolean(get(get(j, "iommu"), "enabled")));
	g = json_object_array_get_idx(get(j, "groups"), 0);
	assert_int_equal(json_object_get_int(get(g, "group")), 5);
	assert_string_equal(json_object_get_string(get(g, "type")), "DMA-FQ");
	assert_string_equal(json_object_get_string(get(json_object_array_get_idx(get(g, "reserved_regions"), 0), "start")),
			    "0xfee00000");	/* addresses in one form: no padding */
	assert_string_equal(json_object_get_string(get(get(g, "vfio"), "verdict")), "not_viable");
	blockers = get(get(g, "vfio"), "blockers");
	assert_int_equal(json_object_array_length(blockers), 1);
	assert_string_equal(json_object_get_string(json_object_array_get_idx(blockers, 0)), "0000:01:00.0");
	dev = json_object_array_get_idx(get(g, "devices"), 0);
	assert_string_equal(json_object_get_string(get(dev, "vendor_id")), "0x8086");
	assert_string_equal(json_object_get_string(get(dev, "class")), "0x020000");
	assert_string_equal(json_object_get_string(get(dev, "vendor_name")), "Intel Corporation");
	assert_null(get(dev, "device_name"));
	assert_string_equal(json_object_get_string(get(dev, "pcie_type")), "endpoint");
	assert_string_equal(json_object_get_string(get(dev, "vfio")), "blocks");
	assert_null(get(dev, "modules"));
	dev = json_object_array_get_idx(get(g, "devices"), 1);
	assert_null(get(dev, "vendor_id"));	/* unknown is null, never 0 */
	assert_null(get(dev, "pcie_type"));
	assert_null(get(dev, "driver"));
	assert_string_equal(json_object_get_string(get(dev, "vfio")), "unbound");
	json_object_put(j);
	ic_groups_report_clear(&r);
	ic_model_free(m);
}

/* Every finding: {code, severity, text, devices} from the registry, plus its typed extras. */
static void test_finding_shape(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;
	struct ic_finding *f;
	size_t cap = 0;
	json_object *j, *x;

	(void)state;
	mb_dev(m, "0000:03:00.0", 0x8086, 0x10d3, "e1000e", 9);
	mb_dev(m, "0000:03:01.0", 0x8086, 0x10d3, "e1000e", 10);
	mb_groups(m, "DMA");
	ic_select_init(&sel);
	ic_analyze_groups(m, &sel, &r);
	cap = r.nfindings;
	f = ic_finding_new(&r.findings, &r.nfindings, &cap, "peer_to_peer_across_groups",
			   ic_xstrdup("downstream port 0000:03:00.0 lacks ACS"));
	ic_finding_dev(f, &m->devs[0]);
	ic_finding_dev(f, &m->devs[1]);
	ic_finding_dev(f, &m->devs[0]);		/* once only */
	f->group = 9;
	j = render(&r);
	x = json_object_array_get_idx(get(j, "findings"), (int)r.nfindings - 1);
	assert_string_equal(json_object_get_string(get(x, "code")), "peer_to_peer_across_groups");
	assert_string_equal(json_object_get_string(get(x, "severity")), "warn");
	assert_string_equal(json_object_get_string(get(x, "text")), "downstream port 0000:03:00.0 lacks ACS");
	assert_int_equal(json_object_array_length(get(x, "devices")), 2);
	assert_string_equal(json_object_get_string(json_object_array_get_idx(get(x, "devices"), 1)),
			    "0000:03:01.0");
	assert_int_equal(json_object_get_int(get(x, "group")), 9);
	assert_null(get(x, "predicted_group"));
	assert_null(get(x, "cause"));
	json_object_put(j);
	ic_groups_report_clear(&r);
	ic_model_free(m);
}

static void test_iommu_off_document(void **state)
{
	struct ic_model *m = ic_model_new();
	struct ic_groups_report r;
	struct ic_select sel;
	json_object *j, *io;

	mb_dev(m, "0000:00:00.0", 0x8086, 0x29c0, NULL, -1);
	ic_model_sort_devs(m);
	m->iommu.cmdline = ic_xstrdup("quiet intel_iommu=off");
	m->sysroot = ic_xstrdup("/t");
	ic_select_init(&sel);
	ic_analyze_groups(m, &sel, &r);
	j = render(&r);
	io = get(j, "iommu");
	assert_false(json_object_get_boolean(get(io, "enabled")));
	assert_string_equal(json_object_get_string(get(get(io, "fix"), "code")), "remove_intel_iommu_off");
	assert_int_equal(json_object_array_length(get(j, "groups")), 0);
	assert_int_equal(json_object_array_length(get(j, "ungrouped")), 0);
	assert_string_equal(json_object_get_string(get(get(j, "source"), "sysroot")), "/t");
	json_object_put(j);
	ic_groups_report_clear(&r);
	ic_model_free(m);
}

/* What the JSON back end prints for R (stdout sent to a temporary file), as a string. */
static char *printed(const struct ic_groups_report *r)
{
	char path[] = "/tmp/ic-test-json-XXXXXX", *buf;
	int fd = mkstemp(path), saved = dup(1);
	struct ic_out_opts o = { 0 };
	FILE *f;
	long n;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stdout);
	dup2(fd, 1);
	assert_int_equal(ic_output_json.groups(r, &o), 0);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(fd);
	f = fopen(path, "r");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = ic_xcalloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	return buf;
}

/*
 * The printed document, its groups and findings made one by one, is byte for byte the document
 * json-c prints whole: with several groups, with none, and when the input spells the marker
 * (a driver's name) where a row would go.
 */
static void test_streamed_is_whole(void **state)
{
	for (int k = 0; k < 3; k++) {
		struct ic_model *m = ic_model_new();
		struct ic_groups_report r;
		struct ic_select sel;
		json_object *doc;
		char *s, *want;

		if (k < 2) {
			mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, k ? IC_JSTREAM_MARK : "e1000e", 5);
			mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, NULL, 6);
			mb_dev(m, "0000:02:00.1", 0x8086, 0x10d3, "vfio-pci", 6);
			mb_groups(m, "DMA");
		}
		ic_model_problem(m, "/x/" IC_JSTREAM_MARK, "unreadable");
		ic_select_init(&sel);
		ic_analyze_groups(m, &sel, &r);
		s = printed(&r);
		doc = ic_jdoc_groups(&r, NULL);
		want = ic_xasprintf("%s\n", json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
									    JSON_C_TO_STRING_SPACED |
									    JSON_C_TO_STRING_NOSLASHESCAPE));
		assert_string_equal(s, want);
		json_object_put(doc);
		free(s);
		free(want);
		ic_groups_report_clear(&r);
		ic_model_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_strings),
		cmocka_unit_test(test_groups_document),
		cmocka_unit_test(test_finding_shape),
		cmocka_unit_test(test_iommu_off_document),
		cmocka_unit_test(test_streamed_is_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
