/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-fleet.c - the fleet outputs on hand-built inputs: the Prometheus text format (escapes,
 * NaN, histogram suffixes), the groups fingerprint, the analysis' counts, JSON lines, and
 * the atomic --textfile writer.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>
#include <cmocka.h>

#include "analyze.h"
#include "dest.h"
#include "metrics.h"
#include "model-builder.h"
#include "output.h"

static char *print_metrics(const struct ic_metrics *mx)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(ic_metrics_print(f, mx), 0);
	fclose(f);
	return buf;
}

/* Label values and HELP escaped as the format says; NaN, integers exact, no empty families. */
static void test_prom_format(void **state)
{
	struct ic_metrics mx = { 0 };
	char *text;

	(void)state;
	ic_metric_add(&mx, IC_M_KERNEL_INFO, 1, "release", "6.1 \"odd\\name\"\nx", NULL);
	ic_metric_add(&mx, IC_M_INTERRUPT_REMAPPING, NAN, NULL);
	ic_metric_add(&mx, IC_M_GROUPS_FINGERPRINT, 9007199254740991.0, NULL);
	ic_metric_add(&mx, IC_M_GROUP_SIZE, 3, "le", "+Inf", NULL)->suffix = "_bucket";
	ic_metric_add(&mx, IC_M_COLLECTION_DURATION, 0.25, NULL);
	text = print_metrics(&mx);
	assert_non_null(strstr(text, "iso_check_kernel_info{release=\"6.1 \\\"odd\\\\name\\\"\\nx\"} 1\n"));
	assert_non_null(strstr(text, "# TYPE iso_check_interrupt_remapping gauge\niso_check_interrupt_remapping NaN\n"));
	assert_non_null(strstr(text, "iso_check_groups_fingerprint 9007199254740991\n"));
	assert_non_null(strstr(text, "# TYPE iso_check_group_size histogram\niso_check_group_size_bucket{le=\"+Inf\"} 3\n"));
	assert_non_null(strstr(text, "iso_check_collection_duration_seconds 0.250000\n"));
	assert_null(strstr(text, "iso_check_build_info"));	/* no sample: no HELP, no TYPE */
	free(text);
	ic_metrics_clear(&mx);
}

/* Every family is prefixed, documented and of a type Prometheus knows. */
static void test_metric_registry(void **state)
{
	(void)state;
	for (size_t i = 0; i < IC_NMETRICS; i++) {
		assert_non_null(ic_metric_defs[i].name);
		assert_int_equal(strncmp(ic_metric_defs[i].name, "iso_check_", 10), 0);
		assert_true(ic_streq(ic_metric_defs[i].type, "gauge") ||
			    ic_streq(ic_metric_defs[i].type, "histogram"));
		assert_true(strlen(ic_metric_defs[i].help) > 10);
	}
}

static struct ic_model *two_groups(const char *second)
{
	struct ic_model *m = ic_model_new();

	mb_dev(m, "0000:01:00.0", 0x8086, 0x10d3, "vfio-pci", 1);
	mb_dev(m, "0000:02:00.0", 0x8086, 0x10d3, "e1000e", 2);
	mb_dev(m, second, 0x8086, 0x10d3, NULL, 2);
	mb_groups(m, "DMA");
	return m;
}

/* The fingerprint depends on the groups' members, not on the order they were read in. */
static void test_fingerprint(void **state)
{
	struct ic_model *a = two_groups("0000:02:00.1"), *b = two_groups("0000:02:00.1");
	struct ic_model *c = two_groups("0000:03:00.0"), *none = ic_model_new();
	struct ic_group g;
	uint64_t fa = ic_groups_fingerprint(a);

	(void)state;
	g = b->groups[0];	/* the same groups, listed the other way round */
	b->groups[0] = b->groups[1];
	b->groups[1] = g;
	assert_true(fa > 0 && fa < (1ULL << 53));
	assert_true(fa == ic_groups_fingerprint(b));
	assert_true(fa != ic_groups_fingerprint(c));
	assert_true(ic_groups_fingerprint(none) == 0);
	ic_model_free(a);
	ic_model_free(b);
	ic_model_free(c);
	ic_model_free(none);
}

static double sample(const struct ic_metrics *mx, enum ic_metric id, const char *label)
{
	for (size_t k = 0; k < mx->fam[id].n; k++)
		if (!label || (mx->fam[id].s[k].value[0] && ic_streq(mx->fam[id].s[k].value[0], label)))
			return mx->fam[id].s[k].v;
	fail_msg("no sample %s{%s}", ic_metric_defs[id].name, label ? label : "");
	return NAN;
}

/* The analysis counts groups by verdict, members by state, sizes into buckets. */
static void test_analysis_counts(void **state)
{
	struct ic_model *m = two_groups("0000:02:00.1");
	struct ic_metrics mx;

	(void)state;
	m->host = ic_xcalloc(1, sizeof(*m->host));
	ic_analyze_metrics(m, NULL, &mx);
	assert_true(sample(&mx, IC_M_GROUPS, "viable") == 1);
	assert_true(sample(&mx, IC_M_GROUPS, "not_viable") == 1);
	assert_true(sample(&mx, IC_M_FUNCTIONS, "vfio") == 1);
	assert_true(sample(&mx, IC_M_FUNCTIONS, "blocks") == 1);
	assert_true(sample(&mx, IC_M_FUNCTIONS, "unbound") == 1);
	assert_true(sample(&mx, IC_M_FUNCTIONS, "ungrouped") == 0);
	assert_true(sample(&mx, IC_M_GROUP_SIZE, "1") == 1);	/* le="1": the first bucket */
	assert_true(sample(&mx, IC_M_IOMMU_ENABLED, NULL) == 1);
	assert_true(sample(&mx, IC_M_PCI_FUNCTIONS, NULL) == 3);
	assert_true(sample(&mx, IC_M_GROUPS_FINGERPRINT, NULL) == (double)ic_groups_fingerprint(m));
	assert_true(isnan(sample(&mx, IC_M_INTERRUPT_REMAPPING, NULL)));	/* nothing read: unknown */
	ic_metrics_clear(&mx);
	ic_model_free(m);
}

/* JSON lines of a groups report: a summary, a row per group, each with the envelope. */
static void test_jsonl_groups(void **state)
{
	struct ic_model *m = two_groups("0000:02:00.1");
	struct ic_groups_report r;
	struct ic_select sel;
	struct ic_out_opts o = { 0 };
	char path[] = "/tmp/ic-test-jsonl-XXXXXX", line[65536];
	int fd = mkstemp(path), saved = dup(1), n = 0;
	FILE *f;

	(void)state;
	m->hostname = ic_xstrdup("node-1");
	ic_select_init(&sel);
	assert_int_equal(ic_analyze_groups(m, &sel, &r), 0);
	ic_jsonl_set_view("groups");
	fflush(stdout);
	dup2(fd, 1);
	assert_int_equal(ic_output_jsonl.groups(&r, &o), 0);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(fd);
	f = fopen(path, "r");
	while (fgets(line, sizeof(line), f)) {
		json_object *j = json_tokener_parse(line), *v;

		assert_non_null(j);
		assert_true(json_object_object_get_ex(j, "host", &v));
		assert_string_equal(json_object_get_string(v), "node-1");
		assert_true(json_object_object_get_ex(j, "view", &v));
		assert_string_equal(json_object_get_string(v), "groups");
		assert_true(json_object_object_get_ex(j, "record", &v));
		assert_string_equal(json_object_get_string(v), n == 0 ? "summary" : "row");
		if (n > 0) {
			assert_true(json_object_object_get_ex(j, "group", &v));
			assert_int_equal(json_object_get_int(v), n);
			assert_false(json_object_object_get_ex(j, "groups", NULL));
		}
		json_object_put(j);
		n++;
	}
	fclose(f);
	unlink(path);
	assert_int_equal(n, 3);
	ic_groups_report_clear(&r);
	ic_model_free(m);
}

/* --textfile: the file replaced whole, 0644, no temporary left; a name that is no file fails. */
static void test_dest_replace(void **state)
{
	char dir[] = "/tmp/ic-test-replace-XXXXXX", *path, *link, buf[16] = "";
	struct stat st;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = ic_xasprintf("%s/m.prom", dir);
	link = ic_xasprintf("%s/l.prom", dir);
	assert_int_equal(ic_dest_replace(path, "old\n", 4), 0);
	assert_int_equal(ic_dest_replace(path, "new\n", 4), 0);
	f = fopen(path, "r");
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "new\n");
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(symlink(path, link), 0);
	assert_int_equal(ic_dest_replace(link, "l\n", 2), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISREG(st.st_mode));	/* the link replaced, its target kept */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 4);
	assert_int_equal(ic_dest_replace(dir, "x", 1) < 0, 1);	/* a directory: refused */
	free(path);
	path = ic_xasprintf("%s/", dir);
	assert_int_equal(ic_dest_replace(path, "x", 1), -EISDIR);
	free(path);
	path = ic_xasprintf("rm -r '%s'", dir);
	/* two files and nothing else: no temporary file left behind */
	free(link);
	link = ic_xasprintf("test $(ls -A '%s' | wc -l) -eq 2", dir);
	assert_int_equal(system(link), 0);
	assert_int_equal(system(path), 0);
	free(link);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prom_format),
		cmocka_unit_test(test_metric_registry),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_analysis_counts),
		cmocka_unit_test(test_jsonl_groups),
		cmocka_unit_test(test_dest_replace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
