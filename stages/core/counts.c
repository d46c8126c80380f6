/* counts.c - the one set of numbers of a month, from the merge stage's CSVs (counts.h). */
#include "counts.h"

#include "csvio.h"
#include "plan.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void month_counts_init(struct month_counts *mc)
{
	memset(mc, 0, sizeof(*mc));
}

static int is(const char *s, const char *v)
{
	return s && strcmp(s, v) == 0;
}

int ct_status_of(const char *s)
{
	int st = s ? nom_status_parse(s) : -1;
	return st >= 0 ? st : CT_KHONG_HOP_LE;
}

int ct_loai_of(const char *s)
{
	switch (s ? loai_from_code(s) : LOAI_NONE) {
	case LOAI_TAP_THE:
		return CT_TAP_THE;
	case LOAI_CA_NHAN:
		return CT_CA_NHAN;
	case LOAI_HO_GIA_DINH:
		return CT_HO_GIA_DINH;
	default:
		return CT_LOAI_KHAC;
	}
}

int ct_field_of(const char *s)
{
	if (!s || !*s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	return v >= 1 && v <= 9 && !*end ? (int)v : 0;
}

int ct_unit_of(const char *s)
{
	int u = s ? unit_state_parse(s) : -1;
	return u >= 0 ? u : CT_UNIT_CHUA_GUI;
}

int ct_file_unreadable(const char *loi)
{
	return loi && *loi && strcmp(loi, "tep_trung") != 0;
}

int ct_is_decision(const char *ma)
{
	return ma && (str_starts_with(ma, "quyet_dinh") || strcmp(ma, "chap_nhan") == 0 ||
		      strcmp(ma, "loai_bo") == 0);
}

static size_t to_count(const char *s)
{
	if (!s || !*s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	return v > 0 && !*end ? (size_t)v : 0;
}

int ct_unit_nothing_accepted(const char *trang_thai, const char *so_hop_le, const char *dat_yeu_cau)
{
	if (ct_unit_of(trang_thai) == CT_UNIT_CHUA_GUI)
		return 0;
	if (dat_yeu_cau && *dat_yeu_cau)
		return strcmp(dat_yeu_cau, "1") != 0;
	return to_count(so_hop_le) == 0;
}

void month_counts_add_nomination(struct month_counts *mc, const char *linh_vuc, const char *loai,
				 const char *trang_thai)
{
	int f = ct_field_of(linh_vuc), l = ct_loai_of(loai), s = ct_status_of(trang_thai);
	mc->noms++;
	mc->n[f][l][s]++;
	mc->by_status[s]++;
	mc->by_field[f][s]++;
	mc->by_type[l][s]++;
	if (s != CT_KHONG_HOP_LE) {
		mc->accepted++;
		mc->accepted_by_field[f]++;
		mc->accepted_by_type[l]++;
	}
}

void month_counts_add_unit(struct month_counts *mc, const char *ma_don_vi, const char *trang_thai,
			   const char *so_guong, const char *so_hop_le, const char *dat_yeu_cau)
{
	int u = ct_unit_of(trang_thai);
	if (!ma_don_vi || !*ma_don_vi) {
		/* a sender outside the registry: it sent something or it
		 * would not be listed */
		mc->outside++;
		mc->outside_late += u == CT_UNIT_GUI_MUON;
		mc->outside_noms += to_count(so_guong);
		mc->outside_accepted += to_count(so_hop_le);
		return;
	}
	mc->units++;
	switch (u) {
	case CT_UNIT_CHUA_GUI:
		mc->units_not_sent++;
		break;
	case CT_UNIT_DA_GUI:
		mc->units_sent++;
		mc->units_on_time++;
		break;
	default:
		mc->units_sent++;
		mc->units_late++;
		break;
	}
	mc->units_nothing_accepted += ct_unit_nothing_accepted(trang_thai, so_hop_le, dat_yeu_cau);
}

void month_counts_add_file(struct month_counts *mc, const char *loi, const char *trung_voi)
{
	mc->files++;
	if (is(loi, "tep_trung") || (trung_voi && *trung_voi && (!loi || !*loi)))
		mc->files_identical++;
	else if (ct_file_unreadable(loi))
		mc->files_unreadable++;
	else
		mc->files_read++;
}

void month_counts_add_problem(struct month_counts *mc, const char *ma, const char *muc_do)
{
	mc->decisions += ct_is_decision(ma);
	mc->decisions_applied += is(ma, "quyet_dinh");
}

size_t ct_field_total(const struct month_counts *mc, int field)
{
	if (field < 0 || field >= CT_NFIELDS)
		return 0;
	size_t n = 0;
	for (int s = 0; s < CT_NSTATUS; s++)
		n += mc->by_field[field][s];
	return n;
}

size_t ct_type_total(const struct month_counts *mc, int loai)
{
	if (loai < 0 || loai >= CT_NLOAI)
		return 0;
	size_t n = 0;
	for (int s = 0; s < CT_NSTATUS; s++)
		n += mc->by_type[loai][s];
	return n;
}

/* ---- reading the CSVs ---- */

static int on_nom(void *ctx, char **v, size_t row)
{
	month_counts_add_nomination(ctx, v[0], v[1], v[2]);
	return 0;
}

/* dat_yeu_cau is "" when don-vi.csv has no such column: so_hop_le decides. */
static int on_unit(void *ctx, char **v, size_t row)
{
	month_counts_add_unit(ctx, v[0], v[1], v[2], v[3], v[4]);
	return 0;
}

static int on_file(void *ctx, char **v, size_t row)
{
	month_counts_add_file(ctx, v[0], v[1]);
	return 0;
}

static int on_problem(void *ctx, char **v, size_t row)
{
	month_counts_add_problem(ctx, v[0], v[1]);
	return 0;
}

static int read_optional(const char *dir, const char *name, const char *const *cols, size_t n,
			 int (*fn)(void *, char **, size_t), struct month_counts *mc)
{
	char *p = xasprintf("%s/%s", dir, name);
	int rc = 0;
	if (access(p, F_OK) == 0 && csv_read_named(p, cols, n, fn, mc) != 0)
		rc = error("%s: không đọc được", p);
	free(p);
	return rc;
}

int month_counts_load(struct month_counts *mc, const char *dir)
{
	static const char *const ds[] = {"linh_vuc", "loai", "trang_thai"};
	static const char *const dv[] = {"ma_don_vi", "trang_thai", "so_guong", "so_hop_le",
					 "dat_yeu_cau"};
	static const char *const tp[] = {"loi", "trung_voi"};
	static const char *const vd[] = {"ma", "muc_do"};
	month_counts_init(mc);
	int rc = read_optional(dir, "dataset.csv", ds, ARRAY_SIZE(ds), on_nom, mc);
	rc |= read_optional(dir, "don-vi.csv", dv, ARRAY_SIZE(dv), on_unit, mc);
	rc |= read_optional(dir, "tep.csv", tp, ARRAY_SIZE(tp), on_file, mc);
	rc |= read_optional(dir, "van-de.csv", vd, ARRAY_SIZE(vd), on_problem, mc);
	return rc ? -1 : 0;
}

void counts_print_summary(FILE *f, const struct month_counts *mc)
{
	fprintf(f, "  Tệp đã đọc:          %zu (%zu tệp lỗi hoặc không đọc được", mc->files,
		mc->files_unreadable);
	if (mc->files_identical)
		fprintf(f, ", %zu tệp trùng", mc->files_identical);
	fprintf(f, ")\n");
	fprintf(f, "  Gương điển hình:     %zu: %zu hợp lệ, %zu cần xem xét, %zu không hợp lệ\n",
		mc->noms, mc->by_status[CT_HOP_LE], mc->by_status[CT_CAN_XEM_XET],
		mc->by_status[CT_KHONG_HOP_LE]);
	fprintf(f, "  Đơn vị đã gửi:       %zu/%zu (%zu gửi muộn); chưa gửi: %zu", mc->units_sent,
		mc->units, mc->units_late, mc->units_not_sent);
	if (mc->units_nothing_accepted)
		fprintf(f, "; đã gửi nhưng chưa có gương đạt: %zu", mc->units_nothing_accepted);
	fprintf(f, "\n");
	if (mc->outside)
		fprintf(f, "  Ngoài danh mục:      %zu nơi gửi (%zu gửi muộn), %zu gương\n",
			mc->outside, mc->outside_late, mc->outside_noms);
}
