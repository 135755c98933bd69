/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * readfloor.c - the benchmark's floor: reads, as cheaply as it can be done, only what iso-check
 * needs of a tree (each function's attributes, config space and links, each IOMMU group's
 * files and members) and does nothing with it. Usage: readfloor ROOT.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];
static size_t total;

static void rd(int dir, const char *name)
{
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf));
	if (n > 0)
		total += (size_t)n;
	close(fd);
}

static void lnk(int dir, const char *name)
{
	ssize_t n = readlinkat(dir, name, buf, sizeof(buf));

	if (n > 0)
		total += (size_t)n;
}

static void functions(int root)
{
	static const char *const attrs[] = { "vendor", "device", "subsystem_vendor",
		"subsystem_device", "class", "revision", "numa_node", "modalias", "config",
		"resource" };
	int bus = openat(root, "sys/bus/pci/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = bus < 0 ? NULL : fdopendir(bus);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		int dev;

		if (de->d_name[0] == '.')
			continue;
		lnk(bus, de->d_name);
		dev = openat(bus, de->d_name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (dev < 0)
			continue;
		for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
			rd(dev, attrs[i]);
		lnk(dev, "driver");
		lnk(dev, "iommu_group");
		lnk(dev, "physfn");
		close(dev);
	}
	if (d)
		closedir(d);
}

static void groups(int root)
{
	int top = openat(root, "sys/kernel/iommu_groups", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = top < 0 ? NULL : fdopendir(top);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		int g, m;
		DIR *md;

		if (de->d_name[0] == '.')
			continue;
		g = openat(top, de->d_name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (g < 0)
			continue;
		rd(g, "type");
		rd(g, "reserved_regions");
		m = openat(g, "devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		md = m < 0 ? NULL : fdopendir(m);
		while (md && readdir(md))
			total++;
		if (md)
			closedir(md);
		close(g);
	}
	if (d)
		closedir(d);
}

int main(int argc, char **argv)
{
	int root = open(argc > 1 ? argv[1] : "/", O_PATH | O_DIRECTORY | O_CLOEXEC);

	if (root < 0) {
		perror(argc > 1 ? argv[1] : "/");
		return 1;
	}
	functions(root);
	groups(root);
	printf("%zu\n", total);
	return 0;
}
