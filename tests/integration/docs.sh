# SPDX-License-Identifier: GPL-2.0-or-later
# docs.sh - man pages, completions and --help agree: every long option of every command is
# documented and completed; bash completion really completes from a --sysroot; README usage.
. "$IC_SRCDIR/tests/lib/common.sh"
tree=$(unpack basic-q35)
man1="$IC_SRCDIR/man/iso-check.8.scd"
man2="$IC_SRCDIR/man/iso-check-groups.8.scd"
bashc="$IC_SRCDIR/completions/iso-check"
zshc="$IC_SRCDIR/completions/_iso-check"

opts() { "$IC_BIN" "$@" --help | grep -o -- '--[a-z][a-z-]*' | sort -u; }
for o in $(opts); do
	check "global $o in iso-check(8)" grep -q -- "\*$o\*" "$man1"
	check "global $o in bash completion" grep -q -- "$o" "$bashc"
	check "global $o in zsh completion" grep -q -- "$o" "$zshc"
done
commands=$("$IC_BIN" --help | awk '/^Commands:/ {on = 1; next} /^$/ {on = 0} on {print $1}')
# every command's own options: in its man page (or iso-check(8)) and in both completions
for cmd in $commands; do
	page="$IC_SRCDIR/man/iso-check-$cmd.8.scd"
	check "iso-check-$cmd(8) exists" test -f "$page"
	for o in $(opts "$cmd"); do
		check "$cmd $o in iso-check-$cmd(8) or iso-check(8)" sh -c "grep -q -- '\*$o\*' '$page' || grep -q -- '\*$o\*' '$man1'"
		check "$cmd $o in bash and zsh completion" sh -c "grep -q -- '$o' '$bashc' && grep -q -- '$o' '$zshc'"
	done
done
for cmd in $commands; do
	check "command $cmd in iso-check(8)" grep -q "^\*$cmd\*" "$man1"
	check "command $cmd in both completions" sh -c "grep -q '$cmd' '$bashc' && grep -q '$cmd' '$zshc'"
done
for view in groups bridges bars; do
	for col in $("$IC_BIN" "$view" --list-columns | awk '{print $1}'); do
		check "$view column $col in iso-check-$view(8)" grep -q "^\*$col\*" "$IC_SRCDIR/man/iso-check-$view.8.scd"
	done
done
for code in 0 1 2 3 4 5 6 7; do
	check "exit status $code documented" grep -q "^\*$code\*" "$man1"
done
if command -v scdoc >/dev/null; then
	for page in "$IC_SRCDIR"/man/*.scd; do
		check "$(basename "$page" .scd) renders" sh -c "scdoc <'$page' >'$work/page.out'"
	done
fi
check "zsh completion parses" zsh -n "$zshc"

# bash completion, for real: candidates come from the --sysroot on the command line.
complete_bash() {
	bash -c '
		. /usr/share/bash-completion/bash_completion
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_iso_check iso-check "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' _ "$bashc" "$@"
}
if [ -r /usr/share/bash-completion/bash_completion ]; then
	PATH="$(dirname "$IC_BIN"):$PATH"
	export PATH
	complete_bash iso-check gr >"$work/c1"
	check "bash completes the command" grep -qx groups "$work/c1"
	complete_bash iso-check --sysroot "$tree" groups -s 0000:00:1 >"$work/c2"
	# what follows the word's last colon, which readline replaces (completion.sh types it)
	check "bash completes addresses from --sysroot" sh -c "grep -qx '1f.2' '$work/c2' && ! grep -q '^0' '$work/c2'"
	complete_bash iso-check --sysroot "$tree" groups -g 1 >"$work/c3"
	check "bash completes group numbers from --sysroot" sh -c "grep -qx 11 '$work/c3' && grep -qx 10 '$work/c3'"
	complete_bash iso-check groups -o NAME,DR >"$work/c4"
	check "bash completes columns from the program's table" grep -qx 'NAME,DRIVER' "$work/c4"
	complete_bash iso-check groups --no >"$work/c5"
	check "bash completes groups options" grep -qx -- '--noheadings' "$work/c5"
else
	fail "bash-completion is needed (./dev.sh installs it)"
fi

readme="$IC_SRCDIR/README.md"
check "README shows the quick start" sh -c "grep -q '\./dev.sh run' '$readme' && grep -q '\./dev.sh test' '$readme'"
check "README shows groups --json" grep -q 'groups --json' "$readme"
finish
