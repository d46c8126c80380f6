#!/usr/bin/env bash
# numbers_agree.sh - for every golden case (tests/e2e/*/ with expected/), runs the month and checks
# that every printed figure agrees: the cover and appendix of danh-sach.pdf, the review report
# bao-cao.pdf (pdftotext), the terminal summary, and the counts of dataset.csv, don-vi.csv and
# tep.csv (files, registry units sent / late / not sent, senders outside the registry,
# nominations by status, type and field, the roster's rows).
set -u
cd "$(dirname "$0")/../.."
top=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ncases=0
for case in tests/e2e/*/; do
	case=${case%/}
	[ -d "$case/expected" ] && [ -d "$case/input" ] || continue
	ncases=$((ncases + 1))
	name=$(basename "$case")
	args="--month 2026-11"
	[ -f "$case/args" ] && args=$(cat "$case/args")
	month=$(echo "$args" | sed -nE 's/.*--month ([0-9]{4}-[0-9]{2}).*/\1/p')
	stamp="2026-11-15 08:00:00"
	[ -f "$case/mtime" ] && stamp=$(cat "$case/mtime")
	out=$tmp/$name
	mkdir -p "$out/in"
	cp -a "$case/input/." "$out/in/"
	find "$out/in" -exec touch -h -d "$stamp" {} +
	if [ -f "$case/before" ]; then
		while read -r m; do
			[ -n "$m" ] && "$top/pipeline/run" --config /dev/null --quiet --month "$m" \
				--input "$out/in" --output "$out" >/dev/null 2>&1
		done <"$case/before"
	fi
	# shellcheck disable=SC2086
	if ! "$top/pipeline/run" --config /dev/null $args --input "$out/in" --output "$out" \
		>"$out/summary.txt" 2>"$out/stderr.txt"; then
		echo "numbers_agree: $name: pipeline/run failed"
		cat "$out/stderr.txt"
		fail=1
		continue
	fi
	dir=$out/$month
	pdftotext -raw "$dir/danh-sach.pdf" "$out/ds.txt" || { echo "$name: pdftotext"; fail=1; continue; }
	pdftotext -raw "$dir/bao-cao.pdf" "$out/bc.txt" || { echo "$name: pdftotext"; fail=1; continue; }
	python3 - "$name" "$dir" "$out/ds.txt" "$out/bc.txt" "$out/summary.txt" <<'PY' || fail=1
import csv, re, sys
name, d, ds_path, bc_path, sum_path = sys.argv[1:]
errors = []
def rows(fn):
    try:
        with open(f"{d}/{fn}", encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return []
def norm(path):
    return re.sub(r"\s+", " ", open(path, encoding="utf-8").read())
ds, bc, summ = norm(ds_path), norm(bc_path), open(sum_path, encoding="utf-8").read()
data, units, files = rows("dataset.csv"), rows("don-vi.csv"), rows("tep.csv")

# The truth, counted here from the CSVs by the contract's rules.
st = {s: sum(r["trang_thai"] == s for r in data) for s in ("hop_le", "can_xem_xet", "khong_hop_le")}
acc = st["hop_le"] + st["can_xem_xet"]
reg = [u for u in units if u["ma_don_vi"]]
outside = [u for u in units if not u["ma_don_vi"]]
sent = sum(u["trang_thai"] in ("da_gui", "gui_muon") for u in reg)
late = sum(u["trang_thai"] == "gui_muon" for u in reg)
notsent = sum(u["trang_thai"] == "chua_gui" for u in reg)
bad = sum(bool(f["loi"]) and f["loi"] != "tep_trung" for f in files)
dup = sum(f["loi"] == "tep_trung" or (bool(f["trung_voi"]) and not f["loi"]) for f in files)
per_type = {t: sum(r["loai"] == t for r in data) for t in ("tap_the", "ca_nhan", "ho_gia_dinh")}
acc_field = {}
for r in data:
    if r["trang_thai"] != "khong_hop_le":
        acc_field[r["linh_vuc"]] = acc_field.get(r["linh_vuc"], 0) + 1
all_field = {}
for r in data:
    all_field[r["linh_vuc"]] = all_field.get(r["linh_vuc"], 0) + 1

def num(s):
    return int(s)
nchecks = 0
def check(what, got, want):
    global nchecks
    nchecks += 1
    if got != want:
        errors.append(f"{what}: printed {got}, data says {want}")
def find(text, pat, what):
    m = re.search(pat, text)
    if not m:
        errors.append(f"{what}: not found (/{pat}/)")
    return m

# danh-sach.pdf, the cover.
if data:
    m = find(ds, r"hồ sơ của (\d+)/(\d+) cơ quan", "cover: units sent/registry")
    if m:
        check("cover: units sent", num(m[1]), sent)
        check("cover: units in the registry", num(m[2]), len(reg))
    m = re.search(r"\((\d+) đơn vị gửi sau ngày", ds)
    check("cover: late units", num(m[1]) if m else 0, late)
    m = find(ds, r"tổng số (\d+) gương", "cover: nominations")
    if m:
        check("cover: nominations", num(m[1]), len(data))
    m = find(ds, r"Qua thẩm định: (\d+) gương đủ điều kiện; (\d+) gương cần .*?; (\d+) gương không", "cover: statuses")
    if m:
        check("cover: hop_le", num(m[1]), st["hop_le"])
        check("cover: can_xem_xet", num(m[2]), st["can_xem_xet"])
        check("cover: khong_hop_le", num(m[3]), st["khong_hop_le"])
    m = re.search(r"gồm ((?:\d+ [^,.]+?(?:, | và |\. ))+)", ds)
    if m:
        for n, lab in re.findall(r"(\d+) (tập thể|cá nhân|hộ gia đình)", m[1]):
            key = {"tập thể": "tap_the", "cá nhân": "ca_nhan", "hộ gia đình": "ho_gia_dinh"}[lab]
            check(f"cover: {lab}", num(n), per_type[key])
    m = find(ds, r"[Tt]heo lĩnh vực: (.*?)\. ", "cover: per-field counts") if acc else None
    if m:
        got = sorted(num(x) for x in re.findall(r" (\d+)(?: gương)?(?:;|$)", m[1]))
        check("cover: per-field counts (accepted)", got, sorted(acc_field.values()))
m = find(ds, r"danh sách (\d+) gương", "cover: roster size") if acc else None
if m:
    check("cover: roster size", num(m[1]), acc)
m = re.search(r"Còn (\d+) cơ quan", ds)
if m:
    check("cover: units not sent", num(m[1]), notsent)
# The appendix: STT runs 1..accepted.
app = ds[ds.find("Phụ lục"):]
stts = [int(x) for x in re.findall(r"(?:^| )(\d{1,4}) (?=\S)", app)]
top = 0
for x in stts:
    if x == top + 1:
        top = x
check("appendix: rows numbered", top, acc)

# bao-cao.pdf.
m = find(bc, r"Tệp hồ sơ tiếp nhận (\d+)", "report: files")
if m:
    check("report: files", num(m[1]), len(files))
m = re.search(r"(\d+) tệp không đọc được", bc)
check("report: unreadable files", num(m[1]) if m else 0, bad)
m = re.search(r"(\d+) tệp trùng", bc)
check("report: identical files", num(m[1]) if m else 0, dup)
m = find(bc, r"Đơn vị đã gửi / phải gửi (\d+)/(\d+)", "report: units")
if m:
    check("report: units sent", num(m[1]), sent)
    check("report: units in the registry", num(m[2]), len(reg))
m = re.search(r"(\d+) đơn vị gửi muộn", bc)
check("report: late units (note)", num(m[1]) if m else 0, late)
m = re.search(r"(\d+) nơi gửi ngoài danh mục", bc)
check("report: senders outside the registry (note)", num(m[1]) if m else 0, len(outside))
m = find(bc, r"Gương được giới thiệu (\d+)", "report: nominations")
if m:
    check("report: nominations", num(m[1]), len(data))
for lab, key in (("Hợp lệ", "hop_le"), ("Cần xem xét", "can_xem_xet"), ("Không hợp lệ", "khong_hop_le")):
    m = find(bc, rf"- {lab} (\d+)", f"report: {lab}")
    if m:
        check(f"report: {lab}", num(m[1]), st[key])
m = find(bc, r"Cộng (\d+) (\d+) (\d+) (\d+)", "report: type table total")
if m:
    check("report: type table", [num(x) for x in m.groups()],
          [len(data), st["hop_le"], st["can_xem_xet"], st["khong_hop_le"]])
for lab, key in (("Tập thể", "tap_the"), ("Cá nhân", "ca_nhan"), ("Hộ gia đình", "ho_gia_dinh")):
    m = re.search(rf"{lab} (\d+) \d+ \d+ \d+", bc)
    if m:
        check(f"report: type table {lab}", num(m[1]), per_type[key])
for f in range(1, 10):
    m = re.search(rf" {f}\. [^\d]+? (\d+) (?=\d+\. |Hợp lệ Cần)", bc)
    if m:
        check(f"report: chart field {f}", num(m[1]), all_field.get(str(f), 0))
m = find(bc, r"Đơn vị chưa gửi \((\d+) đơn vị\)", "report: not sent")
if m:
    check("report: units not sent", num(m[1]), notsent)
m = find(bc, r"Đơn vị gửi muộn \((\d+) đơn vị\)", "report: late")
if m:
    check("report: late units", num(m[1]), late)
m = find(bc, r"Nơi gửi ngoài danh mục đơn vị \((\d+)\)", "report: outside senders")
if m:
    check("report: senders outside the registry", num(m[1]), len(outside))

# The terminal summary.
m = find(summ, r"Tệp đã đọc: *(\d+) \((\d+) tệp lỗi", "summary: files")
if m:
    check("summary: files", num(m[1]), len(files))
    check("summary: unreadable files", num(m[2]), bad)
m = find(summ, r"Gương điển hình: *(\d+): (\d+) hợp lệ, (\d+) cần xem xét, (\d+) không hợp lệ", "summary: nominations")
if m:
    check("summary: nominations", [num(x) for x in m.groups()],
          [len(data), st["hop_le"], st["can_xem_xet"], st["khong_hop_le"]])
m = re.search(r"Đơn vị đã gửi: *(\d+)/(\d+) \((\d+) gửi muộn\); chưa gửi: (\d+)", summ)
if m:
    check("summary: units", [num(x) for x in m.groups()], [sent, len(reg), late, notsent])
else:
    print(f"numbers_agree: {name}: summary units skipped (dh-summary does not print counts_print_summary's 'sent/registry' line yet)")
for e in errors:
    print(f"numbers_agree: {name}: {e}", file=sys.stderr)
print(f"numbers_agree: {name}: {nchecks} figures compared, {len(errors)} disagree")
sys.exit(1 if errors else 0)
PY
done
[ "$ncases" -gt 0 ] || { echo "numbers_agree: no golden cases"; exit 1; }
[ $fail = 0 ] || exit 1
echo "numbers_agree: ok ($ncases cases)"
