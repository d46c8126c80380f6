#!/usr/bin/env bash
# fault_args.sh - the driver checks everything before it creates anything:
# bad arguments exit 2 and a wrong plan exits 3 with one line and nothing
# written (no output folder, no .lock; an existing month untouched); a plan
# saved by Excel in Windows-1258, or with ';' and a BOM, reads the same as
# the shipped one; --check writes nothing under the output; --jobs is
# capped, never refused; a config with a BOM and inline comments is read.
set -u
. "$(dirname "$0")/../fault/lib.sh"
fail() { echo "fault_args: $*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
cp -a "$top/input" "$t/in"
find "$t/in" -exec touch -h -d "2026-11-15 08:00:00" {} +
R() { "$run" --config /dev/null --quiet "$@"; }
want_rc() { # rc what command...
	local want=$1 what=$2
	shift 2
	"$@" >"$t/out.txt" 2>"$t/err.txt"
	local rc=$?
	[ $rc -eq "$want" ] || { cat "$t/err.txt"; fail "$what: exit $rc, want $want"; }
	[ "$(wc -l <"$t/err.txt")" -le 1 ] || { cat "$t/err.txt"; fail "$what: more than one line"; }
}

# nothing is created by a refused run, in a folder without input/
mkdir "$t/empty"
(cd "$t/empty" && want_rc 2 "no input folder" "$run" --config /dev/null --month 2026-11)
[ -z "$(ls -A "$t/empty")" ] || fail "a refused run created $(ls -A "$t/empty")"
want_rc 2 'month ""' R --month "" --input "$t/in" --output "$t/o"
grep -q "tháng không hợp lệ" "$t/err.txt" || fail 'month "": no clear line'
want_rc 2 "month 9999-12" R --month 9999-12 --input "$t/in" --output "$t/o"
want_rc 2 "month 2026-13" R --month 2026-13 --input "$t/in" --output "$t/o"
want_rc 2 "jobs 0" R --month 2026-11 --jobs 0 --input "$t/in" --output "$t/o"
want_rc 2 "jobs abc" R --month 2026-11 --jobs abc --input "$t/in" --output "$t/o"
want_rc 2 "from after to" R --from 2026-06 --to 2026-01 --output "$t/o"
[ -e "$t/o" ] && fail "a refused run created the output folder"

# --check: nothing under the output, even a missing one
want_rc 0 "--check" R --check --month 2026-11 --input "$t/in" --output "$t/o"
[ -e "$t/o" ] && fail "--check created the output folder"
# --jobs over the cap runs (capped)
R --month 2026-11 --jobs 100000 --input "$t/in" --output "$t/o" || fail "--jobs 100000 refused"
ref=$(month_state "$t/o/2026-11")
[ -f "$t/o/.lock" ] || fail "no lock file in a real run"
touch "$t/marker"
R --check --month 2026-11 --input "$t/in" --output "$t/o" >/dev/null || fail "--check on an existing output"
[ -z "$(find "$t/o" -newer "$t/marker")" ] || fail "--check wrote under the output: $(find "$t/o" -newer "$t/marker")"

# the plan: Windows-1258 (Excel) and ';' + BOM read the same; a wrong one
# refuses with exit 3 before anything is written
cp -r "$top/templates/plan" "$t/p1252"
for f in don-vi.csv linh-vuc.csv; do sed '1s/^\xEF\xBB\xBF//' "$top/templates/plan/$f" | iconv -f UTF-8 -t CP1258 >"$t/p1252/$f" || fail "iconv"; done
R --month 2026-11 --input "$t/in" --output "$t/o2" --plan "$t/p1252" || fail "Windows-1258 plan refused"
[ "$(month_state "$t/o2/2026-11")" = "$ref" ] || fail "Windows-1258 plan gives other outputs"
cp -r "$top/templates/plan" "$t/psemi"
# (fields holding ';' quoted, as Excel writes them)
awk 'NR == 1 { printf "\xef\xbb\xbf" }
	{ n = 0; f = ""; q = 0
	  for (i = 1; i <= length($0); i++) { c = substr($0, i, 1)
		if (c == "\"") q = !q
		if (c == "," && !q) { v[++n] = f; f = "" } else f = f c }
	  v[++n] = f
	  for (i = 1; i <= n; i++) { x = v[i]; if (x ~ /;/ && x !~ /^"/) x = "\"" x "\""
		printf "%s%s", x, (i < n ? ";" : "\n") } }' \
	"$top/templates/plan/don-vi.csv" >"$t/psemi/don-vi.csv"
R --month 2026-11 --input "$t/in" --output "$t/o3" --plan "$t/psemi" || fail "';' plan with a BOM refused"
[ "$(month_state "$t/o3/2026-11")" = "$ref" ] || fail "';' plan gives other outputs"
cp -r "$top/templates/plan" "$t/pbad"
{ cat "$top/templates/plan/don-vi.csv"; printf 'ZZ,Ph\xf2ng Zeta,,1,co_quan,,1\n'; } >"$t/pbad/don-vi.csv"
before=$(cd "$t/o" && find . -type f ! -name .lock -exec sha256sum {} + | sort)
want_rc 3 "mixed-encoding plan" R --month 2026-11 --input "$t/in" --output "$t/o" --plan "$t/pbad"
grep -q "don-vi.csv:[0-9]*:" "$t/err.txt" || { cat "$t/err.txt"; fail "the plan's refusal does not name the file and line"; }
[ "$(cd "$t/o" && find . -type f ! -name .lock -exec sha256sum {} + | sort)" = "$before" ] || fail "a refused plan changed the output"
want_rc 3 "plan refused before the output exists" R --month 2026-11 --input "$t/in" --output "$t/o4" --plan "$t/pbad"
[ -e "$t/o4" ] && fail "a refused plan created the output folder"

# a config with a BOM, CRLF and inline comments
printf '\xef\xbb\xbf# cấu hình\r\ninput = %s   # thư mục nộp\r\noutput = %s\r\njobs = 2 # hai luồng\r\n' "$t/in" "$t/o5" >"$t/c.conf"
"$run" --config "$t/c.conf" --quiet --month 2026-11 || fail "config with BOM and comments refused"
[ "$(month_state "$t/o5/2026-11")" = "$ref" ] || fail "config run gives other outputs"
echo "fault_args: refusals before anything is written, plans in CP1258 and ';', --check read-only"
