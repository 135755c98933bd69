/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * root-archive.c - the root layer's .tar.gz snapshots: gzip and tar run as children, the tar
 * stream metered between them against the limits of iso-check-sysroot(5), into a private
 * directory registered for cleanup.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "ic.h"
#include "root-archive.h"
#include "root.h"

extern char **environ;

/* Spawns FILE with ARGV, stdin from IN (-1: unchanged), stdout to OUT (-1: /dev/null), stderr
 * to /dev/null, registered for cleanup; returns its pid or -errno. */
static pid_t ic_spawn(const char *file, char *const argv[], int in, int out)
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int rc;

	posix_spawn_file_actions_init(&fa);
	if (in >= 0)
		posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	if (out >= 0)
		posix_spawn_file_actions_adddup2(&fa, out, STDOUT_FILENO);
	else
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, file, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		return -rc;
	ic_cleanup_add_child(pid, false);
	return pid;
}

/* Waits for PID; true if it exited with status 0. */
static bool ic_reap(pid_t pid)
{
	int status = 0;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	ic_cleanup_del_child(pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Runs tar with ARGV (stdout and stderr to /dev/null); 0 if it succeeded. */
int ic_run_tar(char *const argv[])
{
	pid_t pid = ic_spawn("tar", argv, -1, -1);

	if (pid < 0)
		return (int)pid;
	return ic_reap(pid) ? 0 : -EIO;
}

/*
 * What an archive may unpack to: more than a snapshot of a large host holds, far less than a
 * disk. Documented in iso-check-sysroot(5).
 */
#define IC_UNPACK_MAX_BYTES ((uint64_t)512 << 20)	/* the tar stream, headers included */
#define IC_UNPACK_MAX_ENTRIES 500000u			/* files, links and directories */

/* Follows a tar stream block by block: counts members and refuses what is over the limits. */
struct ic_tar_meter {
	uint64_t bytes, entries;
	uint64_t skip;		/* data blocks of the current member still to pass */
	bool pax;		/* those blocks are a pax header: look for a size= record */
	char *why;		/* set when the stream is refused */
};

static uint64_t ic_tar_size(const uint8_t *h)
{
	uint64_t v = 0;

	if (h[124] & 0x80) {	/* GNU base-256: more than 64 bits is impossible for us */
		if ((h[124] & 0x7f) || h[125] || h[126] || h[127])
			return UINT64_MAX;
		for (int i = 128; i < 136; i++)
			v = v << 8 | h[i];
		return v > IC_UNPACK_MAX_BYTES ? UINT64_MAX : v;
	}
	for (int i = 124; i < 136 && h[i]; i++)
		if (h[i] >= '0' && h[i] <= '7')
			v = v << 3 | (uint64_t)(h[i] - '0');
	return v;
}

static bool ic_tar_checksum_ok(const uint8_t *h)
{
	unsigned long sum = 0, want = 0;

	for (int i = 0; i < 512; i++)
		sum += i >= 148 && i < 156 ? ' ' : h[i];
	for (int i = 148; i < 156 && h[i]; i++)
		if (h[i] >= '0' && h[i] <= '7')
			want = want << 3 | (unsigned long)(h[i] - '0');
	return sum == want;
}

static void ic_tar_block(struct ic_tar_meter *t, const uint8_t *b)
{
	static const uint8_t zero[512];
	uint64_t size;

	if (t->skip) {
		t->skip--;
		if (t->pax && memmem(b, 512, " size=", 6))
			t->why = ic_xstrdup("a pax header sets a file size: not a snapshot");
		return;
	}
	if (!memcmp(b, zero, 512))
		return;
	if (!ic_tar_checksum_ok(b)) {
		t->why = ic_xstrdup("a tar header is damaged");
		return;
	}
	size = ic_tar_size(b);
	if (size > IC_ROOT_MAX_FILE && (b[156] == '0' || b[156] == '\0' || b[156] == '7')) {
		t->why = ic_xasprintf("a file of %" PRIu64 " bytes is larger than any iso-check reads (%zu MiB)",
				      size, IC_ROOT_MAX_FILE >> 20);
		return;
	}
	if (size == UINT64_MAX) {
		t->why = ic_xstrdup("a tar header gives an impossible size");
		return;
	}
	t->skip = (size + 511) / 512;
	t->pax = b[156] == 'x' || b[156] == 'g';
	if (b[156] != 'x' && b[156] != 'g' && b[156] != 'L' && b[156] != 'K' &&
	    ++t->entries > IC_UNPACK_MAX_ENTRIES)
		t->why = ic_xasprintf("more than %u entries (iso-check's limit for a snapshot)",
				      IC_UNPACK_MAX_ENTRIES);
}

/* Copies FROM to TO through the meter; 0, or -EFBIG with t->why set, or -errno. */
static int ic_tar_pump(int from, int to, struct ic_tar_meter *t)
{
	static uint8_t buf[64 * 1024];
	size_t have = 0;	/* bytes in buf not yet metered as a whole block */

	for (;;) {
		ssize_t r = read(from, buf + have, sizeof(buf) - have);
		size_t n, done;

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return 0;
		n = have + (size_t)r;
		t->bytes += (uint64_t)r;
		if (t->bytes > IC_UNPACK_MAX_BYTES) {
			t->why = ic_xasprintf("unpacks to more than %" PRIu64 " MiB (iso-check's limit for a snapshot)",
					      IC_UNPACK_MAX_BYTES >> 20);
			return -EFBIG;
		}
		for (done = 0; done + 512 <= n && !t->why; done += 512)
			ic_tar_block(t, buf + done);
		if (t->why)
			return -EFBIG;
		for (size_t off = have; off < n;) {
			ssize_t w = send(to, buf + off, n - off, MSG_NOSIGNAL);

			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0)
				return -errno;	/* tar gave up: its status says why */
			off += (size_t)w;
		}
		have = n - done;
		memmove(buf, buf + done, have);
	}
}

/*
 * Unpacks ARCHIVE into a new private directory (mode 0700 whatever the archive says): gzip
 * decompresses, iso-check meters the tar stream against the limits above, tar extracts. The
 * directory and both children are registered for cleanup, so a signal leaves nothing behind,
 * and an iso-check that dies anyhow closes tar's input, which ends it. Returns the directory,
 * or NULL with *errmsg.
 */
char *ic_root_unpack(const char *archive, char **errmsg)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = ic_xasprintf("%s/iso-check-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *gzargv[] = { "gzip", "-dc", "--", (char *)archive, NULL };
	char *tarargv[] = { "tar", "-xf", "-", "-C", dir, "--no-same-owner", "--no-same-permissions",
			    "--no-overwrite-dir", NULL };
	struct ic_tar_meter t = { 0 };
	int gz[2] = { -1, -1 }, tx[2] = { -1, -1 }, rc = 0;
	pid_t gzpid = -1, tarpid = -1;
	bool gz_ok, tar_ok;

	if (!mkdtemp(dir)) {
		*errmsg = ic_xasprintf("cannot make a directory to unpack it: %s", strerror(errno));
		free(dir);
		return NULL;
	}
	ic_cleanup_add_dir(dir);
	if (pipe2(gz, O_CLOEXEC) < 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, tx) < 0)
		rc = -errno;
	if (rc == 0 && (gzpid = ic_spawn("gzip", gzargv, -1, gz[1])) < 0)
		rc = (int)gzpid;
	if (rc == 0 && (tarpid = ic_spawn("tar", tarargv, tx[1], -1)) < 0)
		rc = (int)tarpid;
	if (gz[1] >= 0)
		close(gz[1]);	/* the children hold their ends now */
	if (tx[1] >= 0)
		close(tx[1]);
	if (rc == 0)
		rc = ic_tar_pump(gz[0], tx[0], &t);
	if (gz[0] >= 0)
		close(gz[0]);
	if (tx[0] >= 0)
		close(tx[0]);	/* tar sees the end of its input */
	if (rc < 0 && gzpid > 0)
		kill(gzpid, SIGKILL);
	if (t.why && tarpid > 0)
		kill(tarpid, SIGKILL);
	gz_ok = gzpid > 0 && ic_reap(gzpid);
	tar_ok = tarpid > 0 && ic_reap(tarpid);
	if (rc == 0 && gz_ok && tar_ok && chmod(dir, 0700) == 0)
		return dir;
	if (t.why)
		*errmsg = t.why;
	else if (gzpid < 0 || tarpid < 0)
		*errmsg = ic_xasprintf("cannot run %s: %s", gzpid < 0 ? "gzip" : "tar", strerror(-rc));
	else
		*errmsg = ic_xstrdup(!gz_ok ? "neither a directory nor a .tar.gz snapshot (not gzip data, or damaged)" :
				     "not a .tar.gz snapshot tar can unpack");
	ic_rmtree_now(dir);
	ic_cleanup_del_dir(dir);
	free(dir);
	return NULL;
}
