/* SPDX-License-Identifier: GPL-2.0-or-later */
/* root.c - the root-aware file layer: opens files below "/" or a --sysroot, never outside it. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cleanup.h"
#include "ic.h"
#include "root-archive.h"
#include "root.h"

/* What a recording root has read, for `iso-check snapshot`. */
struct ic_root_log {
	struct ic_root_entry *v;
	size_t n, cap;
};

struct ic_root {
	int fd;		/* O_PATH directory descriptor of the root */
	struct ic_root_log *log;	/* NULL: not recording */
	char *dir;	/* the root directory ("/" when live) */
	char *name;	/* the root as the user named it: the directory, or the .tar.gz */
	char *tmpdir;	/* where a .tar.gz was unpacked; NULL otherwise */
	char *label;	/* what messages call the directory instead of its path; NULL: the path */
	bool is_live;	/* no --sysroot: the running host */
};

/*
 * A report bundle (iso-check report) holds its tree in snapshot/: when FD has no sys/ but
 * snapshot/sys/ is a directory (neither through a link), the root is snapshot/. Returns the
 * descriptor to use, with *DIR adjusted and *BUNDLE set.
 */
static int ic_root_bundle(int fd, char **dir, bool *bundle)
{
	struct stat st;
	char *name;
	int sub;

	if (fstatat(fd, "sys", &st, AT_SYMLINK_NOFOLLOW) == 0)
		return fd;
	/* never through a link: the root's own snapshot/, then its own sys/ */
	sub = openat(fd, "snapshot", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0)
		return fd;	/* the root stays what it was, and says it has no sys/ */
	if (fstatat(sub, "sys", &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISDIR(st.st_mode)) {
		close(sub);
		return fd;
	}
	close(fd);
	name = ic_xasprintf("%s/snapshot", *dir);
	free(*dir);
	*dir = name;
	*bundle = true;
	return sub;
}

static bool ic_openat2_missing;	/* kernel without openat2(): fall back to openat() */

/*
 * ic_root_open() - the live host (SYSROOT NULL), a recorded directory, or a .tar.gz snapshot.
 * Return: 0, or -errno with *errmsg set when a snapshot could not be unpacked.
 */
int ic_root_open(const char *sysroot, struct ic_root **out, char **errmsg)
{
	struct ic_root *root;
	const char *dir = sysroot ? sysroot : "/";
	char *tmpdir = NULL;
	struct stat st;
	bool bundle = false;
	size_t len;
	int fd;

	*errmsg = NULL;
	if (sysroot && stat(sysroot, &st) == 0 && S_ISREG(st.st_mode)) {
		tmpdir = ic_root_unpack(sysroot, errmsg);
		if (!tmpdir)
			return -EINVAL;
		dir = tmpdir;
	}
	fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		int rc = -errno;

		if (tmpdir) {
			ic_rmtree_now(tmpdir);
			ic_cleanup_del_dir(tmpdir);
			free(tmpdir);
		}
		return rc;
	}
	root = ic_xcalloc(1, sizeof(*root));
	root->dir = ic_xstrdup(dir);
	if (sysroot)
		fd = ic_root_bundle(fd, &root->dir, &bundle);
	root->fd = fd;
	root->tmpdir = tmpdir;
	root->name = ic_xstrdup(sysroot ? sysroot : "/");
	len = strlen(root->dir);
	while (len > 1 && root->dir[len - 1] == '/')
		root->dir[--len] = '\0';
	len = strlen(root->name);
	while (len > 1 && root->name[len - 1] == '/')
		root->name[--len] = '\0';
	if (bundle && !tmpdir) {
		/* an unpacked bundle: messages name the tree that was read (in an archive's, the
		 * paths after "BUNDLE.tar.gz:" are those of its snapshot) */
		char *name = ic_xasprintf("%s/snapshot", root->name);

		free(root->name);
		root->name = name;
	}
	root->is_live = sysroot == NULL;
	ic_debug(IC_DEBUG_ROOT, "root %s (%s)", root->dir, root->is_live ? "live" : "sysroot");
	*out = root;
	return 0;
}

/* Starts recording every read; ic_root_log() returns what was read, in order. */
void ic_root_record(struct ic_root *root)
{
	if (!root->log)
		root->log = ic_xcalloc(1, sizeof(*root->log));
}

/* Stops recording and hands over what was read (caller frees each rel and the array). */
struct ic_root_entry *ic_root_take_log(struct ic_root *root, size_t *n)
{
	struct ic_root_entry *v = root->log ? root->log->v : NULL;

	*n = root->log ? root->log->n : 0;
	free(root->log);
	root->log = NULL;
	return v;
}

/* Logs DIR/NAME (NAME NULL: DIR alone) when recording; the path is built only then. */
static void ic_root_note_in(const struct ic_root *root, const char *dir, const char *name,
			    enum ic_root_kind kind)
{
	struct ic_root_log *log = root->log;
	char *rel;

	if (!log)
		return;
	while (*dir == '/')
		dir++;
	rel = name ? ic_path_cat(dir, name) : ic_xstrdup(dir);
	IC_APPEND(log->v, log->n, log->cap, ((struct ic_root_entry){ .rel = rel, .kind = kind }));
}

static void ic_root_note(const struct ic_root *root, const char *rel, enum ic_root_kind kind)
{
	ic_root_note_in(root, rel, NULL, kind);
}

void ic_root_free(struct ic_root *root)
{
	if (!root)
		return;
	if (root->log) {
		size_t n;
		struct ic_root_entry *v = ic_root_take_log(root, &n);

		for (size_t i = 0; i < n; i++)
			free(v[i].rel);
		free(v);
	}
	close(root->fd);
	if (root->tmpdir) {
		ic_rmtree_now(root->tmpdir);
		ic_cleanup_del_dir(root->tmpdir);
		free(root->tmpdir);
	}
	free(root->dir);
	free(root->name);
	free(root->label);
	free(root);
}

bool ic_root_is_archive(const struct ic_root *root)
{
	return root->tmpdir != NULL;
}

/* The root as the user named it: "/", the directory, or the .tar.gz. */
const char *ic_root_name(const struct ic_root *root)
{
	return root->name;
}

/* A path for messages: below the directory, or "SNAPSHOT.tar.gz:/sys/..." for an archive. */
char *ic_root_display(const struct ic_root *root, const char *rel)
{
	while (*rel == '/')
		rel++;
	if (root->tmpdir)
		return ic_xasprintf("%s:/%s", root->name, rel);
	if (root->label)
		return ic_path_cat(root->label, rel);
	return ic_root_path(root, rel);
}

/*
 * Names the root LABEL in messages and in what the model records as its source: `report` runs
 * its views on a work directory that the bundle calls "snapshot".
 */
void ic_root_set_label(struct ic_root *root, const char *label)
{
	free(root->label);
	root->label = ic_xstrdup(label);
	free(root->name);
	root->name = ic_xstrdup(label);
}

bool ic_root_is_live(const struct ic_root *root)
{
	return root->is_live;
}

const char *ic_root_dir(const struct ic_root *root)
{
	return root->dir;
}

/* The path as a user would type it: the root-relative path below "/" or below the sysroot. */
char *ic_root_path(const struct ic_root *root, const char *rel)
{
	while (*rel == '/')
		rel++;
	if (ic_streq(root->dir, "/"))
		return ic_xasprintf("/%s", rel);
	return ic_path_cat(root->dir, rel);
}

/* Opens REL below the root with symbolic links confined to it; returns an fd or -errno. */
int ic_root_openat(const struct ic_root *root, const char *rel, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
	};
	int fd;

	while (*rel == '/')
		rel++;
	if (!*rel)
		rel = ".";
	if (!ic_openat2_missing) {
		fd = (int)syscall(SYS_openat2, root->fd, rel, &how, sizeof(how));
		if (fd >= 0 || errno != ENOSYS) {
			ic_debug(IC_DEBUG_ROOT, "open %s: %s", rel, fd < 0 ? strerror(errno) : "ok");
			return fd < 0 ? -errno : fd;
		}
		ic_openat2_missing = true;
	}
	/* Kernels before 5.6: relative links of a sysfs tree stay inside the root anyway. */
	fd = openat(root->fd, rel, flags | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int ic_root_stat(const struct ic_root *root, const char *rel, struct stat *st)
{
	int fd = ic_root_openat(root, rel, O_PATH);
	int rc = 0;

	if (fd < 0)
		return fd;
	if (fstat(fd, st) < 0)
		rc = -errno;
	close(fd);
	if (rc == 0)
		ic_root_note(root, rel, S_ISDIR(st->st_mode) ? IC_ROOT_DIR : IC_ROOT_FILE);
	return rc;
}

bool ic_root_exists(const struct ic_root *root, const char *rel)
{
	struct stat st;

	return ic_root_stat(root, rel, &st) == 0;
}

/*
 * Reads FD, a regular file of at most MAX bytes, into *DATA (a buffer of *CAP bytes and one for
 * the NUL), growing it on the heap as needed (a buffer that is not HEAP, the caller's, is
 * copied to the heap first); *LEN is what was read. More than MAX bytes while reading is
 * -IC_ETOOBIG. The read stops at SIZE when that is known (a recorded tree's file). SYSFS: a
 * live sysfs attribute returns all it has to a read of up to 4096 bytes (kernfs hands out at
 * least a page at a time), so a short read is its end.
 */
static int ic_fd_fill(int fd, char **data, size_t *cap, bool heap, size_t max, off_t size,
		      bool sysfs, size_t *len)
{
	size_t n = 0;
	ssize_t r;

	for (;;) {
		size_t want;

		if (size > 0 && n >= (uint64_t)size)
			break;	/* all of it (a file cannot hold more than its size) */
		if (n == *cap) {
			char probe, *bigger;

			if (*cap >= max) {
				/* exactly MAX bytes is fine; one more is not */
				while ((r = read(fd, &probe, 1)) < 0 && errno == EINTR)
					;
				if (r == 0)
					break;
				return r < 0 ? -errno : -IC_ETOOBIG;
			}
			*cap = *cap * 2 > max ? max : *cap * 2;
			bigger = heap ? ic_xrealloc(*data, *cap + 1, 1) : ic_xmalloc(*cap + 1);
			if (!heap)
				memcpy(bigger, *data, n);
			*data = bigger;
			heap = true;
		}
		want = *cap - n;
		r = read(fd, *data + n, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (sysfs && (size_t)r < want && want <= 4096)
			break;	/* a short read of a sysfs attribute is its end */
	}
	(*data)[n] = '\0';
	*len = n;
	return 0;
}

/*
 * The status of FD, refused unless it is a regular file of at most MAX bytes (-IC_ENOTREG,
 * -IC_ETOOBIG); a live sysfs attribute (SYSFS) needs none unless STP asks for it.
 */
static int ic_fd_check(int fd, size_t max, bool sysfs, struct stat *stp)
{
	struct stat st = { .st_size = 0 };

	if (!sysfs || stp) {
		if (fstat(fd, &st) < 0)
			return -errno;
		if (!S_ISREG(st.st_mode))
			return -IC_ENOTREG;
		if ((uint64_t)st.st_size > max)
			return -IC_ETOOBIG;
	}
	if (stp)
		*stp = st;
	return 0;
}

/*
 * Reads all of FD (closed), a regular file of at most MAX bytes, into a new NUL-terminated
 * buffer; its status goes to *STP if that is not NULL (ic_fd_check(), ic_fd_fill()).
 */
static int ic_fd_read_st(int fd, size_t max, char **buf, size_t *len, struct stat *stp, bool sysfs)
{
	struct stat st = { .st_size = 0 };
	size_t cap = max < 4096 ? max : 4096, n = 0;
	char *data;
	int rc;

	rc = ic_fd_check(fd, max, sysfs, &st);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	if (stp)
		*stp = st;
	data = ic_xmalloc(cap + 1);
	rc = ic_fd_fill(fd, &data, &cap, true, max, st.st_size, sysfs, &n);
	close(fd);
	if (rc < 0) {
		free(data);
		return rc;
	}
	*buf = data;
	if (len)
		*len = n;
	return 0;
}

static int ic_fd_read(int fd, size_t max, char **buf, size_t *len)
{
	return ic_fd_read_st(fd, max, buf, len, NULL, false);
}

/*
 * ic_root_read_max() - reads a whole regular file of at most MAX bytes below the root. The open
 * never blocks (O_NONBLOCK), so a FIFO or device node in a tree cannot hang iso-check.
 */
int ic_root_read_max(const struct ic_root *root, const char *rel, size_t max, char **buf,
		     size_t *len)
{
	int fd = ic_root_openat(root, rel, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	int rc;

	if (fd < 0)
		return fd;
	rc = ic_fd_read(fd, max, buf, len);
	if (rc == 0)
		ic_root_note(root, rel, IC_ROOT_FILE);
	return rc;
}

/* A file the user named (an lspci dump, a quirk table), read with the same limits. */
int ic_read_file(const char *path, size_t max, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	return fd < 0 ? -errno : ic_fd_read(fd, max, buf, len);
}

/* Reads a whole file of at most IC_ROOT_MAX_FILE bytes (see ic_root_read_max()). */
int ic_root_read(const struct ic_root *root, const char *rel, char **buf, size_t *len)
{
	return ic_root_read_max(root, rel, IC_ROOT_MAX_FILE, buf, len);
}

/* The first line of BUF (cut there), trimmed, as a new *LINE; -ENODATA if it is empty. */
static int ic_first_line(char *buf, char **line)
{
	char *nl, *t;

	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	t = ic_strtrim(buf);
	if (!*t)
		return -ENODATA;
	*line = ic_xstrdup(t);
	return 0;
}

/* Reads the first line of a file, trimmed; -ENODATA if it is empty. */
int ic_root_read_line(const struct ic_root *root, const char *rel, char **line)
{
	char *buf;
	int rc;

	rc = ic_root_read(root, rel, &buf, NULL);
	if (rc < 0)
		return rc;
	rc = ic_first_line(buf, line);
	free(buf);
	return rc;
}

int ic_root_read_u64(const struct ic_root *root, const char *rel, int base, uint64_t *val)
{
	char *line;
	int rc;

	rc = ic_root_read_line(root, rel, &line);
	if (rc < 0)
		return rc;
	rc = ic_parse_u64(line, base, val);
	free(line);
	return rc;
}

/* Splits REL into its parent directory (opened inside the root) and its last component. */
static int ic_root_open_parent(const struct ic_root *root, const char *rel, const char **base)
{
	const char *slash = strrchr(rel, '/');
	char *dir;
	int fd;

	if (!slash) {
		*base = rel;
		return ic_root_openat(root, ".", O_PATH | O_DIRECTORY);
	}
	dir = strndup(rel, (size_t)(slash - rel));
	if (!dir)
		return -ENOMEM;
	fd = ic_root_openat(root, dir, O_PATH | O_DIRECTORY);
	free(dir);
	*base = slash + 1;
	return fd;
}

/* Reads a symbolic link's target exactly as written (the kernel writes relative ones). */
int ic_root_readlink(const struct ic_root *root, const char *rel, char **target)
{
	char buf[PATH_MAX];
	const char *base;
	ssize_t n;
	int dfd;

	dfd = ic_root_open_parent(root, rel, &base);
	if (dfd < 0)
		return dfd;
	n = readlinkat(dfd, base, buf, sizeof(buf) - 1);
	if (n < 0) {
		n = -errno;
		close(dfd);
		return (int)n;
	}
	close(dfd);
	buf[n] = '\0';
	*target = ic_xstrdup(buf);
	ic_root_note(root, rel, IC_ROOT_LINK);
	return 0;
}

/* Joins a link target to the link's directory and folds "." and ".."; ".." stops at the root. */
char *ic_path_join_normalize(const char *dir, const char *target)
{
	char *joined = target[0] == '/' ? ic_xstrdup(target) : ic_path_cat(dir, target);
	char *out = ic_xcalloc(1, strlen(joined) + 2);
	size_t n = 0;

	/* one pass over the segments (a VF's link is a dozen of them, once per function) */
	for (const char *p = joined; *p;) {
		size_t len = strcspn(p, "/");

		if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n && out[n - 1] != '/')
				n--;
			n -= n ? 1 : 0;		/* the slash before the dropped segment */
		} else if (len && !(len == 1 && p[0] == '.')) {
			if (n)
				out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
		p += *p == '/';
	}
	out[n] = '\0';
	free(joined);
	return out;
}

const char *ic_path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Resolves a link to a root-relative canonical path, e.g. sys/devices/pci0000:00/0000:00:01.0. */
int ic_root_resolve_link(const struct ic_root *root, const char *rel, char **canon)
{
	char *target, *dir;
	const char *slash = strrchr(rel, '/');
	int rc;

	rc = ic_root_readlink(root, rel, &target);
	if (rc < 0)
		return rc;
	dir = slash ? strndup(rel, (size_t)(slash - rel)) : ic_xstrdup("");
	if (!dir) {
		free(target);
		return -ENOMEM;
	}
	*canon = ic_path_join_normalize(dir, target);
	free(dir);
	free(target);
	return 0;
}

static int ic_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the directory FD (closed) without "." and "..", sorted by name. */
static int ic_fd_list(int fd, char ***names, size_t *n)
{
	char **v = NULL;
	size_t cnt = 0, cap = 0;
	struct dirent *de;
	DIR *d;

	d = fdopendir(fd);
	if (!d) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	while ((de = readdir(d)) != NULL) {
		if (ic_streq(de->d_name, ".") || ic_streq(de->d_name, ".."))
			continue;
		IC_APPEND(v, cnt, cap, ic_xstrdup(de->d_name));
	}
	closedir(d);
	if (cnt)
		qsort(v, cnt, sizeof(*v), ic_cmp_str);
	*names = v;
	*n = cnt;
	return 0;
}

/* Lists a directory's entries (without "." and ".."), sorted by name. */
int ic_root_list(const struct ic_root *root, const char *rel, char ***names, size_t *n)
{
	int fd = ic_root_openat(root, rel, O_RDONLY | O_DIRECTORY), rc;

	if (fd < 0)
		return fd;
	rc = ic_fd_list(fd, names, n);
	if (rc == 0)
		ic_root_note(root, rel, IC_ROOT_LISTING);
	return rc;
}

void ic_strv_free_n(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * Opens the directory REL below the root for ic_rdir_*(); recorded as a directory that exists.
 * A directory that does not open still takes reads by name (each by its full path, which
 * says why it fails); ic_rdir_close() it either way.
 */
int ic_rdir_open(const struct ic_root *root, const char *rel, struct ic_rdir *dir)
{
	int fd = ic_root_openat(root, rel, O_PATH | O_DIRECTORY);

	while (*rel == '/')
		rel++;
	dir->root = root;
	dir->fd = fd;
	dir->rel = ic_xstrdup(rel);
	dir->sysfs = false;
	if (fd < 0)
		return fd;
	if (root->is_live) {
		struct statfs sf;

		dir->sysfs = fstatfs(fd, &sf) == 0 && sf.f_type == SYSFS_MAGIC;
	}
	ic_root_note(root, rel, IC_ROOT_DIR);
	return 0;
}

void ic_rdir_close(struct ic_rdir *dir)
{
	if (dir->fd >= 0)
		close(dir->fd);
	free(dir->rel);
	dir->fd = -1;
	dir->rel = NULL;
}

/*
 * Opens the entry NAME of DIR: relative to its descriptor when NAME is no link (the usual
 * case: a single lookup), by its full path inside the root when it is one (or when DIR did
 * not open: the full path then says why).
 */
static int ic_rdir_openat(const struct ic_rdir *dir, const char *name, int flags)
{
	struct open_how how = {
		.flags = (uint64_t)(flags | O_CLOEXEC),
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS,
	};
	char *rel;
	int fd;

	if (!ic_openat2_missing && dir->fd >= 0 && !strchr(name, '/')) {
		fd = (int)syscall(SYS_openat2, dir->fd, name, &how, sizeof(how));
		if (fd >= 0 || (errno != ELOOP && errno != ENOSYS && errno != EXDEV))
			return fd < 0 ? -errno : fd;
	}
	rel = ic_path_cat(dir->rel, name);
	fd = ic_root_openat(dir->root, rel, flags);
	free(rel);
	return fd;
}

/* ic_root_read_max() of DIR/NAME; its status to *ST if that is not NULL. */
int ic_rdir_read_max(const struct ic_rdir *dir, const char *name, size_t max, char **buf,
		     size_t *len, struct stat *st)
{
	int fd = ic_rdir_openat(dir, name, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	int rc;

	if (fd < 0)
		return fd;
	rc = ic_fd_read_st(fd, max, buf, len, st, dir->sysfs);
	if (rc == 0)
		ic_root_note_in(dir->root, dir->rel, name, IC_ROOT_FILE);
	return rc;
}

/*
 * Reads DIR/NAME (at most IC_ROOT_MAX_FILE bytes) into PAGE (PAGE_CAP bytes and one for the
 * NUL) if it fits, else onto the heap: *DATA is the one used (free it if it is not PAGE).
 */
static int ic_rdir_read_page(const struct ic_rdir *dir, const char *name, char *page,
			     size_t page_cap, char **data)
{
	int fd = ic_rdir_openat(dir, name, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	size_t cap = page_cap, n;
	struct stat st;
	int rc;

	*data = page;
	if (fd < 0)
		return fd;
	/*
	 * No fstat() first, in a tree either: a read of a page returns all of a regular file under
	 * a page, as of a sysfs attribute. What reads as nothing, fails or overflows is then looked
	 * at: a FIFO (empty, the open does not wait for a writer), a device or a directory is
	 * refused as not a regular file, as before reading.
	 */
	rc = ic_fd_fill(fd, data, &cap, false, IC_ROOT_MAX_FILE, 0, true, &n);
	if (!dir->sysfs && (rc < 0 || n == 0)) {
		int why = ic_fd_check(fd, IC_ROOT_MAX_FILE, false, &st);

		rc = why < 0 ? why : rc;
	}
	close(fd);
	if (rc == 0)
		ic_root_note_in(dir->root, dir->rel, name, IC_ROOT_FILE);
	return rc;
}

/* ic_root_read_line() of DIR/NAME; an attribute of a page or less is read on the stack. */
int ic_rdir_read_line(const struct ic_rdir *dir, const char *name, char **line)
{
	char page[4097], *data;
	int rc = ic_rdir_read_page(dir, name, page, sizeof(page) - 1, &data);

	if (rc == 0)
		rc = ic_first_line(data, line);
	if (data != page)
		free(data);
	return rc;
}

/*
 * The first line of DIR/NAME, trimmed, into OUT (OUT_SIZE bytes): a number or a word, read
 * without an allocation. -ENODATA if it is empty, -EOVERFLOW if it does not fit.
 */
int ic_rdir_read_word(const struct ic_rdir *dir, const char *name, char *out, size_t out_size)
{
	char page[4097], *data, *nl, *t;
	int rc = ic_rdir_read_page(dir, name, page, sizeof(page) - 1, &data);

	if (rc == 0) {
		nl = strchr(data, '\n');
		if (nl)
			*nl = '\0';
		t = ic_strtrim(data);
		if (!*t)
			rc = -ENODATA;
		else if (strlen(t) >= out_size)
			rc = -EOVERFLOW;
		else
			strcpy(out, t);
	}
	if (data != page)
		free(data);
	return rc;
}

/* ic_root_readlink() of DIR/NAME: the link is read through the directory's descriptor. */
int ic_rdir_readlink(const struct ic_rdir *dir, const char *name, char **target)
{
	char buf[PATH_MAX];
	ssize_t n;

	if (dir->fd < 0 || strchr(name, '/')) {
		char *rel = ic_path_cat(dir->rel, name);
		int rc = ic_root_readlink(dir->root, rel, target);

		free(rel);
		return rc;
	}
	n = readlinkat(dir->fd, name, buf, sizeof(buf) - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	*target = ic_xstrdup(buf);
	ic_root_note_in(dir->root, dir->rel, name, IC_ROOT_LINK);
	return 0;
}

/* ic_root_list() of DIR/NAME. */
int ic_rdir_list(const struct ic_rdir *dir, const char *name, char ***names, size_t *n)
{
	int fd = ic_rdir_openat(dir, name, O_RDONLY | O_DIRECTORY), rc;

	if (fd < 0)
		return fd;
	rc = ic_fd_list(fd, names, n);
	if (rc == 0)
		ic_root_note_in(dir->root, dir->rel, name, IC_ROOT_LISTING);
	return rc;
}
