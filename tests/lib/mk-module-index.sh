# SPDX-License-Identifier: GPL-2.0-or-later
# mk-module-index.sh TREE RELEASE MODULE ALIAS... - build a real module index inside TREE:
# a minimal .ko whose .modinfo carries the aliases, indexed by depmod into
# TREE/lib/modules/RELEASE (modules.alias.bin and the rest), as a host would have it.
set -eu
tree=$1 release=$2 module=$3
shift 3
dir="$tree/lib/modules/$release/kernel/drivers/test"
mkdir -p "$dir"
info="$dir/$module.modinfo"
: >"$info"
for alias in "$@"; do printf 'alias=%s\0' "$alias" >>"$info"; done
printf 'license=GPL\0name=%s\0vermagic=%s SMP mod_unload \0' "$module" "$release" >>"$info"
echo 'int iso_check_test_module;' | ${CC:-cc} -c -x c - -o "$dir/$module.o"
objcopy --add-section .modinfo="$info" --set-section-flags .modinfo=alloc,readonly \
	"$dir/$module.o" "$dir/$module.ko"
rm -f "$dir/$module.o" "$info"
PATH="$PATH:/sbin:/usr/sbin" depmod -b "$tree" "$release" 2>/dev/null
