# SPDX-License-Identifier: GPL-2.0-or-later
# columns.sh - every table view's output options, column by column: -o COL for every column
# --list-columns names, -r and -P with all of them, and each column's json_key found in the
# view's JSON document.
. "$IC_SRCDIR/tests/lib/common.sh"
tree=$(unpack sriov-vfs)	# it has bridges, BARs and SR-IOV PFs: rows for every table view
# the table views: the commands whose --help has an Output section
views=$("$IC_BIN" --help | awk '/^Commands:/ {on = 1; next} /^$/ {on = 0} on {print $1}' |
	while read -r cmd; do "$IC_BIN" "$cmd" --help | grep -q '^Output:' && echo "$cmd"; done | tr '\n' ' ')
check "groups, bridges and bars are table views" sh -c "echo $views | grep -q 'groups bridges bars'"
for view in $views; do
	# groups: its KERNEL and WHY columns are filled by --predict
	extra=""
	[ "$view" = groups ] && extra=--predict
	# audit: its exit status is its verdict (0, 4, 6 or 7); any other view succeeds
	okrc=" 0 "
	[ "$view" = audit ] && okrc=" 0 4 6 7 "
	cols=$("$IC_BIN" "$view" --list-columns | awk '{print $1}')
	all=$(echo "$cols" | paste -sd, -)
	for col in $cols; do
		run --sysroot "$tree" "$view" $extra -o "$col"
		check "$view -o $col: exit 0, its heading" sh -c "case '$okrc' in *' $rc '*) ;; *) exit 1 ;; esac && head -n1 '$out' | grep -qx ' *$col *'"
	done
	run --sysroot "$tree" "$view" $extra -P -o "$all"
	cp "$out" "$work/$view.pairs"
	check "$view -P -o (every column): every line has every key" "$IC_PYTHON" -c '
import re, sys
cols = sys.argv[2].split(",")
lines = open(sys.argv[1]).read().splitlines()
ok = lines and all([k for k, _ in re.findall(r"([A-Z]+)=\"((?:[^\"\\]|\\.)*)\"", l)] == cols for l in lines)
sys.exit(0 if ok else 1)' "$out" "$all"
	run --sysroot "$tree" "$view" $extra -r --noheadings -o "$all"
	check "$view -r -o (every column): one line a row, as -P, no tree" sh -c \
		"case '$okrc' in *' $rc '*) ;; *) exit 1 ;; esac && [ -s '$out' ] && [ \$(wc -l <'$out') -eq \$(wc -l <'$work/$view.pairs') ] && ! grep -q '[|\`]-' '$out'"
	# each column's json_key (its first path) is a key of the view's document
	"$IC_BIN" "$view" --list-columns --json >"$work/$view-cols.json"
	run --sysroot "$tree" "$view" $extra --json -o "$all"	# -o: groups adds the host columns' keys
	check "$view: every column's json_key is in its JSON document" "$IC_PYTHON" -c '
import json, sys
cols = json.load(open(sys.argv[1]))["columns"]
doc = json.load(open(sys.argv[2]))
def has(node, path):
    if not path:
        return True
    head, rest = path[0], path[1:]
    if head.endswith("[]"):
        items = node.get(head[:-2]) if isinstance(node, dict) else None
        return isinstance(items, list) and any(has(i, rest) for i in items)
    return isinstance(node, dict) and head in node and has(node[head], rest)
bad = [c["name"] for c in cols if not has(doc, c["json_key"].split(",")[0].split("."))]
print("\n".join("# no key for " + b for b in bad))
sys.exit(1 if bad else 0)' "$work/$view-cols.json" "$out"
done
finish
