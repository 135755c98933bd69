/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dest.c - writing below one destination directory, never through a link (snapshots, reports). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cleanup.h"
#include "dest.h"
#include "ic.h"

static bool ic_dest_bad_name(const char *c, size_t n)
{
	return n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.');
}

/*
 * Opens (creating with CREATE) every directory of the first LEN bytes of REL below DFD, one
 * component at a time and never through a link. Return: an O_PATH descriptor or -errno.
 */
static int ic_dest_walk(int dfd, const char *rel, size_t len, bool create)
{
	int cur = dup(dfd);

	if (cur < 0)
		return -errno;
	for (size_t i = 0; i < len;) {
		const char *c = rel + i;
		size_t n = strcspn(c, "/");
		char name[256];
		int next;

		if (n > len - i)
			n = len - i;
		if (n >= sizeof(name) || ic_dest_bad_name(c, n)) {
			close(cur);
			return n >= sizeof(name) ? -ENAMETOOLONG : -EINVAL;
		}
		memcpy(name, c, n);
		name[n] = '\0';
		if (create && mkdirat(cur, name, 0755) < 0 && errno != EEXIST) {
			int rc = -errno;

			close(cur);
			return rc;
		}
		next = openat(cur, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		close(cur);
		if (next < 0)
			return -errno;
		cur = next;
		i += n;
		while (i < len && rel[i] == '/')
			i++;
	}
	return cur;
}

int ic_dest_mkdirs(int dfd, const char *rel)
{
	int fd = ic_dest_walk(dfd, rel, strlen(rel), true);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

/* The parent directory of REL, created; *base is its last component. */
static int ic_dest_parent(int dfd, const char *rel, const char **base)
{
	const char *slash = strrchr(rel, '/');

	*base = slash ? slash + 1 : rel;
	if (ic_dest_bad_name(*base, strlen(*base)))
		return -EINVAL;
	return ic_dest_walk(dfd, rel, slash ? (size_t)(slash - rel) : 0, true);
}

int ic_dest_write(int dfd, const char *rel, const void *data, size_t len)
{
	const char *base;
	int pfd = ic_dest_parent(dfd, rel, &base), fd, rc = 0;

	if (pfd < 0)
		return pfd;
	fd = openat(pfd, base, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC,
		    0644);
	rc = fd < 0 ? -errno : 0;
	close(pfd);
	if (fd < 0)
		return rc;
	for (size_t off = 0; rc == 0 && off < len;) {
		ssize_t w = write(fd, (const char *)data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rc = w < 0 ? -errno : -EIO;
		else
			off += (size_t)w;
	}
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	return rc;
}

int ic_dest_symlink(int dfd, const char *rel, const char *target)
{
	const char *base;
	int pfd = ic_dest_parent(dfd, rel, &base), rc = 0;

	if (pfd < 0)
		return pfd;
	if (symlinkat(target, pfd, base) < 0 && errno != EEXIST)
		rc = -errno;
	close(pfd);
	return rc;
}

bool ic_dest_exists(int dfd, const char *rel)
{
	const char *base;
	const char *slash = strrchr(rel, '/');
	struct stat st;
	int pfd, rc;

	base = slash ? slash + 1 : rel;
	pfd = ic_dest_walk(dfd, rel, slash ? (size_t)(slash - rel) : 0, false);
	if (pfd < 0)
		return false;
	rc = fstatat(pfd, base, &st, AT_SYMLINK_NOFOLLOW);
	close(pfd);
	return rc == 0;
}

/*
 * ic_link_leaves_root() - an absolute target, or one whose ".." climb above the root from the
 * link's own directory. Links inside the target are not followed: this is the lexical rule a
 * recording must keep (the kernel's sysfs links are all relative and stay inside /sys).
 */
bool ic_link_leaves_root(const char *rel, const char *target)
{
	long depth = 0;

	if (target[0] == '/' || !target[0])
		return true;
	while (*rel == '/')
		rel++;
	for (const char *p = rel; *p; p++)	/* components of the link's directory */
		if (*p == '/' && p[1] && p[1] != '/')
			depth++;
	for (const char *c = target; *c;) {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.') {
			if (--depth < 0)
				return true;
		} else if (n && !(n == 1 && c[0] == '.')) {
			depth++;
		}
		c += n;
		while (*c == '/')
			c++;
	}
	return false;
}

/*
 * ic_dest_replace() - make PATH hold DATA (LEN bytes), mode 0644, all at once: a hidden
 * temporary file in PATH's directory (".NAME.XXXXXX": no .prom suffix, so node_exporter's
 * textfile collector never reads it half-written), synced, then renamed over PATH. A link at
 * PATH is replaced, not followed. Return: 0 or a negative errno; nothing is left behind.
 */
int ic_dest_replace(const char *path, const void *data, size_t len)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char *tmp;
	size_t done = 0;
	int fd, rc = 0;

	if (!*base || ic_dest_bad_name(base, strlen(base)))
		return -EISDIR;
	tmp = ic_xasprintf("%.*s.%s.XXXXXX", (int)(base - path), path, base);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		free(tmp);
		return rc;
	}
	ic_cleanup_add_dir(tmp);	/* removed if a signal ends iso-check before the rename */
	while (rc == 0 && done < len) {
		ssize_t w = write(fd, (const char *)data + done, len - done);

		if (w < 0 && errno != EINTR)
			rc = -errno;
		else if (w > 0)
			done += (size_t)w;
	}
	if (rc == 0 && (fchmod(fd, 0644) < 0 || fsync(fd) < 0))
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	ic_cleanup_del_dir(tmp);
	free(tmp);
	return rc;
}
