#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh - `make fuzz`: build the libFuzzer harnesses with clang (ASan and UBSan), make their
# seed corpora from the recorded trees and dumps, and run each for FUZZ_SECONDS (60) seconds.
# From make: CLANG, SRCDIR, BUILDDIR, SOURCES (the library's), CPPFLAGS, LIBS. Exit 1 on a crash.
set -eu
: "${CLANG:?}" "${SRCDIR:?}" "${BUILDDIR:?}" "${SOURCES:?}"
seconds=${FUZZ_SECONDS:-60}
out="$BUILDDIR/fuzz"
mkdir -p "$out/obj"
flags="-g -O1 -std=gnu11 -Wall -Werror=implicit-function-declaration -include $BUILDDIR/config.h -I$SRCDIR/src -DIC_DATADIR=\"$SRCDIR/data\" -DIC_SRCDATADIR=\"$SRCDIR/data\" $CPPFLAGS"
objs=""
# an object is rebuilt when its source or any header is newer (a struct that grew must not
# meet code compiled for its old size)
newest_h=$(ls -t "$SRCDIR"/src/*.h "$BUILDDIR/config.h" | head -n 1)
for src in $SOURCES; do
	case $src in *.c) ;; *) continue ;; esac
	o="$out/obj/$(basename "$src" .c).o"
	if [ ! -f "$o" ] || [ "$SRCDIR/$src" -nt "$o" ] || [ "$newest_h" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$CLANG $flags -fsanitize=fuzzer-no-link,address,undefined -c "$SRCDIR/$src" -o "$o"
	fi
	objs="$objs $o"
done
rm -f "$out/libfz.a"
# shellcheck disable=SC2086
ar rcs "$out/libfz.a" $objs	# an archive: each harness links only what it uses
for h in config dump ivrs resource; do
	# shellcheck disable=SC2086
	$CLANG $flags -fsanitize=fuzzer,address,undefined "$SRCDIR/tests/fuzz/fz-$h.c" "$out/libfz.a" \
		$LIBS -o "$out/fz-$h"
done

# Seeds: what the recorded trees and real dumps hold.
seeds="$out/seeds"
if [ ! -d "$seeds" ]; then
	mkdir -p "$seeds/config" "$seeds/dump" "$seeds/ivrs" "$seeds/resource" "$out/trees"
	for t in "$SRCDIR"/tests/fixtures/*.tar.gz; do
		n=$(basename "$t" .tar.gz)
		mkdir -p "$out/trees/$n"
		tar -xzf "$t" -C "$out/trees/$n"
	done
	i=0
	for f in $(find "$out/trees" -name config -path '*sys/devices*' | sort | head -n 60); do
		i=$((i + 1))
		# one image below a bridge image: two functions of the harness's input format
		python3 - "$f" "$seeds/config/$i" <<'PY'
import sys
c = open(sys.argv[1], "rb").read()
bridge = bytearray(256); bridge[0x0e] = 1
out = len(bridge).to_bytes(2, "little") + b"\0" + bridge + len(c).to_bytes(2, "little") + b"\1" + c
open(sys.argv[2], "wb").write(out)
PY
	done
	i=0
	for f in $(find "$out/trees" -name IVRS -o -name IORT -o -name VIOT | sort); do
		i=$((i + 1))
		cp "$f" "$seeds/ivrs/$i"
	done
	i=0
	for f in $(find "$out/trees" -name resource -path '*sys/devices*' | sort | head -n 40); do
		i=$((i + 1))
		cp "$f" "$seeds/resource/$i"
	done
	cp "$SRCDIR"/tests/fixtures/lspci/* "$seeds/dump/"
	# lspci's decoded text, clean and as people paste it, cut to its first functions
	for f in "$SRCDIR"/tests/fixtures/lspci-text/*.txt; do
		head -c 6000 "$f" >"$seeds/dump/text-$(basename "$f")"
	done
	rm -f "$seeds/dump/README.md"
	rm -rf "$out/trees"
fi

status=0
for h in config dump ivrs resource; do
	mkdir -p "$out/corpus-$h"
	echo "fuzz: fz-$h for $seconds s"
	if ! (cd "$out" && "./fz-$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 "corpus-$h" "seeds/$h" >"fz-$h.log" 2>&1); then
		echo "fuzz: fz-$h FAILED (build/fuzz/fz-$h.log; the input is build/fuzz/crash-*):"
		grep -A15 'ERROR\|SUMMARY' "$out/fz-$h.log" | head -n 30
		status=1
	fi
	grep -h 'stat::number_of_executed_units\|stat::peak_rss_mb' "$out/fz-$h.log" | sed "s/^/fuzz: fz-$h: /"
done
exit $status
