#!/usr/bin/env bash
# office_docx.sh - the DOCX twins and the letters of a rendered month: every part well-formed,
# the roster read back by the project's own reader (dh-ingest + dh-validate) gives the accepted
# nominees of dataset.csv, hostile names stay text, the clerk's internal notes never reach a
# letter, feedback notes go exactly to the units with something to fix, gui-thu.csv lists them
# with the registry's e-mail, stale letters are removed, byte-identical on rerun.
set -eu
cd "$(dirname "$0")/../.."
top=$PWD
bin=${DH_BINDIR:-$top/build/bin}
fix=$top/tests/fixtures/render/2026-11
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "office_docx: $*" >&2; exit 1; }

py=""
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null && "$p" -c 'import csv' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "python3 is not installed"; exit 77; }

# A plan whose registry has e-mails for two units.
cp -r "$top/templates/plan" "$tmp/plan"
"$py" - "$tmp/plan/don-vi.csv" <<'EOF'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, encoding="utf-8-sig", newline="")))
e = rows[0].index("email")
for r in rows[1:]:
    if r[0] == "HND":
        r[e] = "hoinongdan@example.org"
    if r[0] == "TP":
        r[e] = " tuphap@example.org "
with open(p, "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
EOF

mkdir -p "$tmp/m/.work" "$tmp/m/phan-hoi"
cp "$fix"/*.csv "$tmp/m/"
# A letter of an earlier run for a unit with nothing to fix now.
echo old >"$tmp/m/phan-hoi/ZZZ.pdf"
# Hostile accepted rows (markup, CDATA end, control characters, formula) and a rejected row
# whose internal note must never reach the unit.
printf '%s\n' \
	'h-1,2026-11,GDDT,Phòng Giáo dục và Đào tạo,7,ca_nhan,<w:p>,1985,nu,Tày,,,"Thành tích ]]> có <b>thẻ</b> & ký hiệu; =1+1",hop_le,,a.csv,dòng 2,00,2026-11-12,' \
	'h-2,2026-11,GDDT,Phòng Giáo dục và Đào tạo,7,ca_nhan,"Lò'$'\x01''Văn ]]> Bé",1990,nam,,,,"- Gạch đầu dòng",hop_le,,a.csv,dòng 3,00,2026-11-12,' \
	'h-3,2026-11,HND,Hội Nông dân huyện,2,ca_nhan,Nông Văn Lỗi,1980,nam,,,,Ngắn,khong_hop_le,thieu_thanh_tich;quyet_dinh,b.csv,dòng 4,00,2026-11-15,GHI-CHU-NOI-BO-KHONG-GUI' \
	'h-4,2026-11,XSS,"<w:p> Đơn vị ]]> & Co",2,ca_nhan,Hoàng Văn Xít,1980,nam,,,,Ngắn,khong_hop_le,thieu_thanh_tich,c.csv,dòng 2,00,2026-11-15,' \
	'h-5,2026-11,../../x,Đơn vị lạ,2,ca_nhan,Hoàng Văn Lạ,1980,nam,,,,Ngắn,khong_hop_le,thieu_thanh_tich,d.csv,dòng 2,00,2026-11-15,' \
	>>"$tmp/m/dataset.csv"
# A unit whose name is markup, and one whose code would climb out of phan-hoi/.
printf '%s\n' 'XSS,"<w:p> Đơn vị ]]> & Co",1,1,0,2026-11-15,da_gui' \
	'../../x,Đơn vị lạ,1,1,0,2026-11-15,da_gui' >>"$tmp/m/don-vi.csv"

render() {
	"$bin/dh-render" --month 2026-11 --plan "$tmp/plan" --templates "$top/templates/pdf" \
		--dir "$tmp/m" 2>"$tmp/err" || { cat "$tmp/err"; fail "dh-render failed"; }
}
render
m=$tmp/m
for f in danh-sach.docx bao-cao.docx tong-hop.xlsx gui-thu.csv; do
	[ -s "$m/$f" ] || fail "missing $f"
done
[ -e "$m/phan-hoi/ZZZ.pdf" ] && fail "a stale letter was kept"
ls -A "$m" "$m/phan-hoi" | grep -q '\.tmp\.' && fail "temporary file left"

# Every part of every DOCX is well-formed XML.
n=0
for d in "$m"/*.docx "$m"/phan-hoi/*.docx; do
	rm -rf "$tmp/u" && mkdir "$tmp/u"
	(cd "$tmp/u" && unzip -q "$d") || fail "not a zip: $d"
	for p in $(cd "$tmp/u" && find . -type f); do
		xmllint --noout "$tmp/u/$p" || fail "xmllint: $d: $p"
		n=$((n + 1))
	done
	grep -q '<w:tblHeader/>' "$tmp/u/word/document.xml" || fail "no repeated header row: $d"
	grep -q '<w:cantSplit/>' "$tmp/u/word/document.xml" || fail "rows may split: $d"
	grep -q 'Times New Roman' "$tmp/u/word/styles.xml" || fail "not Times New Roman: $d"
done
[ "$n" -ge 30 ] || fail "only $n parts checked"
unzip -p "$m/danh-sach.docx" word/document.xml | grep -q 'w:orient="landscape"' ||
	fail "danh-sach.docx has no landscape section"
unzip -p "$m/danh-sach.docx" word/document.xml | grep -q 'Số:        /BC-UBND' ||
	fail "the number is not left blank"
unzip -p "$m/danh-sach.docx" word/document.xml | grep -q 'ngày      tháng 11 năm 2026' ||
	fail "the day is not left blank"

# Hostile names read back as text by the project's DOCX reader.
"$bin/dh-docx-text" --lines "$m/danh-sach.docx" >"$tmp/lines.txt" || fail "dh-docx-text failed"
grep -qxF '<w:p>' "$tmp/lines.txt" || fail "'<w:p>' not read back as a name"
grep -qxF 'Lò Văn ]]> Bé' "$tmp/lines.txt" || fail "'Lò Văn ]]> Bé' not read back"
grep -qF 'Thành tích ]]> có <b>thẻ</b> & ký hiệu; =1+1' "$tmp/lines.txt" || fail "summary not read back"

# Round trip: the sample month's roster, read by the ingest and validate stages, gives the
# accepted nominees of its dataset.csv.
"$top/pipeline/run" --config /dev/null --quiet --month 2026-11 --input "$top/input" \
	--output "$tmp/rt/out" >/dev/null 2>&1 || fail "pipeline/run failed on the sample month"
mkdir -p "$tmp/rt/in/2026-11"
cp "$tmp/rt/out/2026-11/danh-sach.docx" "$tmp/rt/in/2026-11/"
"$bin/dh-ingest" --input "$tmp/rt/in" --month 2026-11 --records "$tmp/rt/r.csv" \
	--files "$tmp/rt/f.csv" --problems "$tmp/rt/p.csv" 2>/dev/null || fail "dh-ingest failed"
"$bin/dh-validate" --month 2026-11 --records "$tmp/rt/r.csv" --files "$tmp/rt/f.csv" \
	--out "$tmp/rt/v.csv" --files-out "$tmp/rt/fv.csv" --problems "$tmp/rt/pv.csv" 2>/dev/null ||
	fail "dh-validate failed"
"$py" - "$tmp/rt/out/2026-11/dataset.csv" "$tmp/rt/v.csv" <<'EOF' || fail "round trip differs"
import csv, sys
def rows(p):
    return list(csv.DictReader(open(p, encoding="utf-8-sig", newline="")))
key = lambda r: (r["ten"], r["nam_sinh"], r["linh_vuc"], r["loai"], r["ma_don_vi"])
want = sorted(key(r) for r in rows(sys.argv[1]) if r["trang_thai"] in ("hop_le", "can_xem_xet"))
got = sorted(key(r) for r in rows(sys.argv[2]))
if not want or want != got:
    print("want", len(want), "got", len(got))
    for x in sorted(set(want) ^ set(got)):
        print(" ", "want" if x in want else "got ", x)
    sys.exit(1)
print("round trip:", len(got), "nominees")
EOF

# The period report has its DOCX too (and no letters or workbook).
"$top/pipeline/run" --config /dev/null --quiet --from 2026-11 --to 2026-11 --input "$top/input" \
	--output "$tmp/rt/out" >/dev/null 2>&1 || fail "pipeline/run failed on the period"
pd=$tmp/rt/out/2026-11_2026-11
[ -s "$pd/bao-cao.docx" ] || fail "no period bao-cao.docx"
[ -e "$pd/tong-hop.xlsx" ] || [ -e "$pd/gui-thu.csv" ] && fail "letters or workbook in a period folder"
unzip -p "$pd/bao-cao.docx" word/document.xml | xmllint --noout - || fail "period bao-cao.docx: bad XML"

# Letters: exactly the units with something to fix (fixable rows), and the reminder.
"$py" - "$m" <<'EOF' || fail "letters"
import csv, os, sys
m = sys.argv[1]
ds = list(csv.DictReader(open(m + "/dataset.csv", encoding="utf-8-sig", newline="")))
fixable = {"thieu_ten", "thieu_thanh_tich", "linh_vuc_khong_ro", "loai_khong_phu_hop", "nam_sinh_sai",
           "thanh_tich_ngan", "thieu_minh_chung", "thang_khong_khop", "don_vi_khong_ro",
           "quyet_dinh"}
want = sorted({r["ma_don_vi"] for r in ds if r["ma_don_vi"] and "/" not in r["ma_don_vi"]
               and r["trang_thai"] != "hop_le"
               and fixable & set(r["van_de"].split(";")) and "gui_lai" not in r["van_de"].split(";")})
got = sorted(f[:-4] for f in os.listdir(m + "/phan-hoi") if f.endswith(".pdf"))
gotx = sorted(f[:-5] for f in os.listdir(m + "/phan-hoi") if f.endswith(".docx"))
assert want and got == want and gotx == want, (want, got, gotx)
mail = list(csv.DictReader(open(m + "/gui-thu.csv", encoding="utf-8-sig", newline="")))
assert list(mail[0].keys()) == ["ma_don_vi", "ten_don_vi", "email", "tieu_de", "tep_dinh_kem"]
ph = [r for r in mail if r["tep_dinh_kem"].startswith("phan-hoi/")]
assert sorted(r["ma_don_vi"] for r in ph) == want
for r in mail:
    assert os.path.isfile(m + "/" + r["tep_dinh_kem"]), r
    assert r["tieu_de"] and r["ten_don_vi"], r
hnd = [r for r in ph if r["ma_don_vi"] == "HND"]
assert hnd and hnd[0]["email"] == "hoinongdan@example.org", hnd
dv = list(csv.DictReader(open(m + "/don-vi.csv", encoding="utf-8-sig", newline="")))
chua = sorted(r["ma_don_vi"] for r in dv if r["ma_don_vi"] and r["trang_thai"] == "chua_gui")
dd = [r for r in mail if r["tep_dinh_kem"] == "don-doc.pdf"]
assert chua and set(chua) <= {r["ma_don_vi"] for r in dd}, (chua, dd)
tp = [r for r in dd if r["ma_don_vi"] == "TP"]
assert not tp or tp[0]["email"] == "tuphap@example.org", tp
print("letters:", len(got), "notes,", len(dd), "reminded")
EOF
[ -s "$m/don-doc.pdf" ] && [ -s "$m/don-doc.docx" ] || fail "no reminder letter"
[ -s "$m/.work/don-doc.txt" ] && [ -s "$m/.work/phan-hoi-HND.txt" ] || fail "no text dump of the letters"
# The hostile unit's note names it as text; the climbing code got no file anywhere.
unzip -p "$m/phan-hoi/XSS.docx" word/document.xml | grep -qF 'Kính gửi: &lt;w:p&gt; Đơn vị ]]&gt; &amp; Co.' ||
	fail "the hostile unit name is not kept as text"
[ -e "$tmp/x.pdf" ] || [ -e "$m/x.pdf" ] || [ -e "$tmp/x.docx" ] && fail "a letter escaped phan-hoi/"
# HND's note lists the rejected nominee, what to fix and the deadline, and no internal note.
grep -qF 'Nông Văn Lỗi' "$m/.work/phan-hoi-HND.txt" || fail "HND's note lacks its nominee"
grep -qF 'Bổ sung tóm tắt thành tích.' "$m/.work/phan-hoi-HND.txt" || fail "HND's note lacks what to fix"
grep -qF 'trước ngày 26 tháng 11 năm 2026' "$m/.work/phan-hoi-HND.txt" || fail "no resend deadline"
for f in "$m"/phan-hoi/*.pdf "$m"/don-doc.pdf; do
	pdftotext "$f" - | grep -q 'GHI-CHU-NOI-BO' && fail "internal note in $f"
done
for f in "$m"/phan-hoi/*.docx "$m"/don-doc.docx; do
	unzip -p "$f" word/document.xml | grep -q 'GHI-CHU-NOI-BO' && fail "internal note in $f"
done
grep -rq 'GHI-CHU-NOI-BO' "$m/.work/" && fail "internal note in a letter's text dump"

# Byte-identical on rerun (a second later).
mkdir "$tmp/first"
cp -r "$m"/*.docx "$m"/*.xlsx "$m"/*.csv "$m"/*.pdf "$m/phan-hoi" "$tmp/first/"
sleep 1
render
for f in $(cd "$tmp/first" && find . -type f); do
	cmp -s "$tmp/first/$f" "$m/$f" || fail "$f differs on rerun"
done
echo "office_docx: ok"
