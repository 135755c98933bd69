# SPDX-License-Identifier: GPL-2.0-or-later
# schema.sh - every JSON document iso-check prints validates against its kind's schema in data/schemas/,
# with a real validator; and the schema rejects documents it should reject.
. "$IC_SRCDIR/tests/lib/common.sh"
schema="$IC_SRCDIR/data/schemas"
validate() { "$IC_PYTHON" "$IC_SRCDIR/tests/lib/validate.py" "$schema" "$@"; }

n=0
for name in $(fixtures); do
	tree=$(unpack "$name")
	for args in "groups --json" "groups --json -l -g 0" "-n groups --json" "groups --json -s 1f.0"; do
		# shellcheck disable=SC2086
		run --sysroot "$tree" $args
		n=$((n + 1))
		cp "$out" "$work/doc$n.json"
		check "$name: $args validates" validate "$work/doc$n.json"
	done
done
run --sysroot "$work/missing" groups --json
cp "$out" "$work/error.json"
check "an error object validates" validate "$work/error.json"
run --sysroot "$(unpack basic-q35)" groups --json -g 999
cp "$out" "$work/nogroup.json"
check "a missing group gives an error object that validates" validate "$work/nogroup.json"
run --sysroot "$(unpack basic-q35)" groups --explain --json --acs-override=downstream,multifunction
cp "$out" "$work/explain-override.json"
check "--explain --acs-override --json validates (fact acs_override)" sh -c \
	"grep -q '\"acs_override\"' '$work/explain-override.json' && '$IC_PYTHON' '$IC_SRCDIR/tests/lib/validate.py' '$schema' '$work/explain-override.json'"
run groups --json --list-columns
cp "$out" "$work/columns.json"
check "--list-columns --json validates" validate "$work/columns.json"

# The schema is not a rubber stamp: broken documents fail.
"$IC_PYTHON" - "$work/doc1.json" "$work" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
bad = [
    ("no_schema_version", lambda d: d.pop("schema_version")),
    ("numeric_vendor", lambda d: d["groups"][0]["devices"][0].__setitem__("vendor_id", 32902)),
    ("bad_verdict", lambda d: d["groups"][0]["vfio"].__setitem__("verdict", "maybe")),
    ("camel_case", lambda d: d.__setitem__("configSpaceCut", False)),
]
for name, f in bad:
    x = json.loads(json.dumps(d)); f(x)
    json.dump(x, open(f"{sys.argv[2]}/bad-{name}.json", "w"))
PY
for f in "$work"/bad-*.json; do
	check "schema rejects $(basename "$f" .json)" sh -c '! "$@" >/dev/null' _ validate "$f"
done
finish
