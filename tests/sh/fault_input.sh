#!/usr/bin/env bash
# fault_input.sh - hostile input folders: a symlink swapped in and out
# during runs (bounded loop) never gets an outside file's content read;
# symlinks, a FIFO, folders deeper than the limit and a folder loop each get
# a problem row naming them; file names in CP1258 bytes and in NFD (macOS)
# reach the outputs as valid UTF-8 in NFC; the file date is the office's
# (Asia/Ho_Chi_Minh), whatever the server's TZ.
set -u
. "$(dirname "$0")/../fault/lib.sh"
fail() { echo "fault_input: $*"; exit 1; }
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
R() { "$run" --config /dev/null --quiet --month 2026-11 "$@"; }
src="$top/input/2026-11/xa Thai Cuong - ds.csv"
secret="BI_MAT_NGOAI_THU_MUC"
printf 'Họ và tên,Năm sinh,Tóm tắt thành tích\n%s,1970,%s\n' "$secret" "$secret" >"$t/outside.csv"

# --- special entries ---
m=$t/in/2026-11
mkdir -p "$m/a"
cp "$src" "$m/a/"
ln -s "$t/outside.csv" "$m/link.csv"
ln -s .. "$m/a/loop"
mkfifo "$m/fifo.csv"
d=$m
for i in $(seq 1 18); do d=$d/d$i; done
mkdir -p "$d" && cp "$src" "$d/deep.csv"
cp "$src" "$m/$(printf 'Pho\xccng T\xe0i ch\xednh.csv')" # CP1258 bytes
cp "$top/input/2026-11/DS guong dien hinh thang 11 (1).csv" "$m/$(printf 'Tr\xc6\xb0o\xcc\x9b\xcc\x80ng.csv')" # NFD
find "$t/in" -exec touch -h -d "2026-11-15 08:00:00" {} + 2>/dev/null
R --input "$t/in" --output "$t/out" || fail "run failed"
o=$t/out/2026-11
grep -q "$secret" "$o/dataset.csv" && fail "a symlink's target was read"
for name in "2026-11/link.csv" "2026-11/fifo.csv" "2026-11/a/loop" "/d17,"; do
	grep -aq "^$name\|$name" "$o/van-de.csv" || fail "no problem row naming $name"
done
grep -a "2026-11/fifo.csv" "$o/van-de.csv" | grep -q "tep_hong" || fail "the FIFO's row is not tep_hong"
for f in dataset.csv van-de.csv tep.csv; do
	iconv -f UTF-8 -t UTF-8 "$o/$f" >/dev/null 2>&1 || fail "$f is not valid UTF-8"
done
grep -q "Phòng Tài chính.csv" "$o/tep.csv" || fail "CP1258 file name not decoded"
nfc=$(printf 'Tr\xc6\xb0\xe1\xbb\x9dng.csv')
grep -q "$nfc" "$o/tep.csv" || fail "NFD file name not in NFC"
grep -q "$(printf 'o\xcc\x9b')" "$o/tep.csv" "$o/dataset.csv" && fail "NFD left in the outputs"

# --- a symlink swapped in while runs read the folder (bounded) ---
r=$t/race/2026-11
mkdir -p "$r"
cp "$src" "$r/a.csv"
cp "$src" "$t/real.csv"
(
	end=$((SECONDS + 3))
	while [ $SECONDS -lt $end ]; do
		ln -sf "$t/outside.csv" "$r/b.csv.new" && mv -f "$r/b.csv.new" "$r/b.csv"
		cp "$t/real.csv" "$r/b.csv.new" && mv -f "$r/b.csv.new" "$r/b.csv"
	done
) &
swapper=$!
runs=0
while kill -0 $swapper 2>/dev/null && [ $runs -lt 8 ]; do
	runs=$((runs + 1))
	"$bin/dh-ingest" --input "$t/race" --month 2026-11 --plan "$top/templates/plan" --jobs 2 \
		--records "$t/r.csv" --files "$t/f.csv" --problems "$t/p.csv" 2>/dev/null || fail "ingest failed in the race"
	grep -q "$secret" "$t/r.csv" && fail "race run $runs read the symlink's target"
done
wait $swapper
[ $runs -ge 1 ] || fail "no run during the race"

# --- time zone: modified 20/11 20:00 UTC is 21/11 in Hanoi (late) ---
z=$t/tz/2026-11
mkdir -p "$z"
printf 'Họ và tên,Năm sinh,Chức vụ,Đơn vị công tác,Lĩnh vực,Tóm tắt thành tích\nHoàng Văn Tư,1975,Trưởng xóm,UBND xã Lê Lai,1,Vận động nhân dân hiến đất làm đường giao thông nông thôn và xây dựng nhà văn hóa xóm trong năm qua\n' >"$z/ubnd-le-lai.csv"
touch -d "2026-11-20 20:00:00 UTC" "$z/ubnd-le-lai.csv"
for tz in UTC Asia/Ho_Chi_Minh America/New_York; do
	TZ=$tz R --input "$t/tz" --output "$t/tz-out-${tz//\//-}" || fail "run under TZ=$tz failed"
	grep -q ",2026-11-21" "$t/tz-out-${tz//\//-}/2026-11/dataset.csv" || fail "TZ=$tz: date is not the office's 2026-11-21"
	grep -q "gui_muon" "$t/tz-out-${tz//\//-}/2026-11/dataset.csv" || fail "TZ=$tz: not late"
done
printf 'mui_gio = UTC   # the office setting\n' >"$t/utc.conf"
"$run" --config "$t/utc.conf" --quiet --month 2026-11 --input "$t/tz" --output "$t/tz-utc" || fail "run with mui_gio = UTC failed"
grep -q ",2026-11-20" "$t/tz-utc/2026-11/dataset.csv" || fail "mui_gio = UTC not applied"
echo "fault_input: special entries reported, $runs racing runs clean, names UTF-8 NFC, office time zone"
