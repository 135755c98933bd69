/* SPDX-License-Identifier: GPL-2.0-or-later */
/* root.h - the root-aware file layer: every file iso-check reads is opened through it. */
#ifndef IC_ROOT_H
#define IC_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/*
 * A root is "/" for the live host, or a directory holding sys/ and proc/ as recorded by a
 * snapshot, or such a snapshot packed as .tar.gz (unpacked by tar into a private temporary
 * directory, removed again by ic_root_free()). Paths given to ic_root_* are relative to it, and symbolic links are resolved as
 * if the root were "/" (openat2 RESOLVE_IN_ROOT), so nothing outside the root is ever opened.
 * Functions return 0 or a negative errno; they never print and never exit.
 */
struct ic_root;

/* What a recording root logs: a file read (or stat'ed), a link read, a directory listed. */
enum ic_root_kind {
	IC_ROOT_FILE,
	IC_ROOT_LINK,
	IC_ROOT_DIR,		/* stat'ed: it exists */
	IC_ROOT_LISTING,	/* listed: its entries matter */
};

struct ic_root_entry {
	char *rel;		/* root-relative path as read */
	enum ic_root_kind kind;
};

int ic_root_open(const char *sysroot, struct ic_root **out, char **errmsg);
void ic_root_free(struct ic_root *root);
bool ic_root_is_live(const struct ic_root *root);
bool ic_root_is_archive(const struct ic_root *root);
const char *ic_root_dir(const struct ic_root *root);

const char *ic_root_name(const struct ic_root *root);
char *ic_root_path(const struct ic_root *root, const char *rel);
char *ic_root_display(const struct ic_root *root, const char *rel);
void ic_root_set_label(struct ic_root *root, const char *label);
int ic_root_openat(const struct ic_root *root, const char *rel, int flags);
int ic_root_stat(const struct ic_root *root, const char *rel, struct stat *st);
bool ic_root_exists(const struct ic_root *root, const char *rel);
/* The largest file iso-check reads: module indexes are a few MiB, attributes a few bytes. */
#define IC_ROOT_MAX_FILE ((size_t)16 << 20)
int ic_root_read(const struct ic_root *root, const char *rel, char **buf, size_t *len);
int ic_root_read_max(const struct ic_root *root, const char *rel, size_t max, char **buf,
		     size_t *len);
int ic_root_read_line(const struct ic_root *root, const char *rel, char **line);
int ic_root_read_u64(const struct ic_root *root, const char *rel, int base, uint64_t *val);
int ic_read_file(const char *path, size_t max, char **buf, size_t *len);
int ic_root_readlink(const struct ic_root *root, const char *rel, char **target);
int ic_root_resolve_link(const struct ic_root *root, const char *rel, char **canon);
int ic_root_list(const struct ic_root *root, const char *rel, char ***names, size_t *n);
void ic_strv_free_n(char **v, size_t n);

/*
 * A directory opened once (inside the root, as ic_root_openat() opens it) whose entries are
 * then read by name: one path lookup for all the attributes of a device. An entry that is a
 * symbolic link is opened by its full path instead, so links resolve exactly as they do
 * everywhere else (inside the root).
 */
struct ic_rdir {
	const struct ic_root *root;
	int fd;			/* O_PATH descriptor of the directory */
	char *rel;		/* its root-relative path, for messages and the recording */
	bool sysfs;		/* a live sysfs directory: its entries are kernfs attributes */
};
int ic_rdir_open(const struct ic_root *root, const char *rel, struct ic_rdir *dir);
void ic_rdir_close(struct ic_rdir *dir);
int ic_rdir_read_max(const struct ic_rdir *dir, const char *name, size_t max, char **buf,
		     size_t *len, struct stat *st);
int ic_rdir_read_line(const struct ic_rdir *dir, const char *name, char **line);
int ic_rdir_read_word(const struct ic_rdir *dir, const char *name, char *out, size_t out_size);
int ic_rdir_readlink(const struct ic_rdir *dir, const char *name, char **target);
int ic_rdir_list(const struct ic_rdir *dir, const char *name, char ***names, size_t *n);
void ic_root_record(struct ic_root *root);
struct ic_root_entry *ic_root_take_log(struct ic_root *root, size_t *n);
int ic_run_tar(char *const argv[]);

char *ic_path_join_normalize(const char *dir, const char *target);
const char *ic_path_basename(const char *path);

#endif
