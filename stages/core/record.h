/* record.h - one nomination (gương) as it flows between the stages.
 *
 * A record is a fixed set of named text fields.  The first REC_CONTRACT_N
 * fields are exactly the columns of dataset.csv in the contract's order;
 * the others carry what ingestion found (raw values, document metadata) for
 * the later stages.  Between stages a record travels as one CSV row under a
 * header of these names, so every intermediate file can be opened and read.
 * Readers map columns by name, so new fields can be added at the end.
 *
 * Ownership: every non-NULL field is a malloc'd NUL-terminated UTF-8 string
 * owned by the record.  rec_get() never returns NULL ("" for unset).
 */
#ifndef DH_RECORD_H
#define DH_RECORD_H

#include <stddef.h>
#include <stdio.h>

/* X(enum, column name) */
#define REC_FIELDS(X)                                                                              \
	/* --- dataset.csv, contract order --- */                                                  \
	X(R_ID, "id")			  /* stable id, see rec_make_id() */                       \
	X(R_THANG, "thang")		  /* run month YYYY-MM */                                  \
	X(R_MA_DON_VI, "ma_don_vi")	  /* registry code of the nominating unit */               \
	X(R_DON_VI, "don_vi_de_xuat")	  /* canonical unit name, or as written */                 \
	X(R_LINH_VUC, "linh_vuc")	  /* field 1..9 or empty */                                \
	X(R_LOAI, "loai")		  /* tap_the | ca_nhan | ho_gia_dinh */                    \
	X(R_TEN, "ten")			  /* nominee name */                                       \
	X(R_NAM_SINH, "nam_sinh")	  /* year of birth (raw text before validate) */           \
	X(R_GIOI_TINH, "gioi_tinh")	  /* nam | nu | empty (raw text before validate) */        \
	X(R_DAN_TOC, "dan_toc")		  /* ethnic group */                                       \
	X(R_CHUC_VU, "chuc_vu")		  /* position */                                           \
	X(R_NOI_CONG_TAC, "noi_cong_tac") /* workplace or address */                               \
	X(R_THANH_TICH, "thanh_tich")	  /* achievement summary */                                \
	X(R_TRANG_THAI, "trang_thai")	  /* hop_le | can_xem_xet | khong_hop_le */                \
	X(R_VAN_DE, "van_de")		  /* problem codes, ';'-separated */                       \
	X(R_NGUON, "nguon")		  /* source path relative to <input>/ */                   \
	X(R_VI_TRI, "vi_tri")		  /* location in the source, human readable */             \
	X(R_SHA256, "sha256")		  /* SHA-256 of the source file */                         \
	X(R_NGAY_GUI, "ngay_gui")	  /* submission date YYYY-MM-DD */                         \
	/* --- extra columns (dataset.csv keeps ghi_chu; the rest are internal) --- */             \
	X(R_GHI_CHU, "ghi_chu")		  /* the source's note column, or decision note */         \
	X(R_DON_VI_GOC, "don_vi_goc")	  /* sender as written (column, header, title) */          \
	X(R_LINH_VUC_GOC, "linh_vuc_goc") /* field as written (column or section row) */           \
	X(R_LOAI_GOC, "loai_goc")	  /* type as written (column or section row) */            \
	X(R_TIEU_DE, "tieu_de")		  /* document title text (field/month hints) */            \
	X(R_THANG_VB, "thang_vb")	  /* month named in the document, YYYY-MM */               \
	X(R_NGAY_VB, "ngay_vb")		  /* date written in the document, YYYY-MM-DD */           \
	X(R_SO_VB, "so_vb")		  /* document number "15/DS-UBND" */                       \
	X(R_NGAY_TEP, "ngay_tep")	  /* file modification date YYYY-MM-DD */                  \
	X(R_MA_CU, "ma_cu")		  /* legacy encoding converted: TCVN3|VNI|CP1258 */        \
	X(R_BO_CUC, "bo_cuc")		  /* layout: csv | danh_sach | bao_cao */

enum rec_field {
#define X(e, name) e,
	REC_FIELDS(X)
#undef X
	    REC_NFIELDS
};

#define REC_CONTRACT_N (R_NGAY_GUI + 1)

struct record {
	char *f[REC_NFIELDS];
};

extern const char *const rec_field_names[REC_NFIELDS];

void rec_init(struct record *r);
void rec_release(struct record *r);
void rec_clear(struct record *r);
const char *rec_get(const struct record *r, enum rec_field k);
/* Replaces field k with a copy of v (NULL or "" clears it). */
void rec_set(struct record *r, enum rec_field k, const char *v);
/* Takes ownership of v. */
void rec_take(struct record *r, enum rec_field k, char *v);
void rec_copy(struct record *dst, const struct record *src);
/* Field index by column name, or -1. */
int rec_field_by_name(const char *name);

/* Writing records as CSV: header then rows.  ncols is REC_NFIELDS for the
 * intermediate files and REC_CONTRACT_N (+ extras) for dataset.csv. */
void rec_write_header(FILE *f, const enum rec_field *cols, size_t ncols);
void rec_write_row(FILE *f, const struct record *r, const enum rec_field *cols, size_t ncols);
/* All fields, in enum order. */
extern const enum rec_field rec_all_fields[REC_NFIELDS];

/* Streaming reader of a record CSV written by rec_write_*: calls cb once per
 * record (the record is owned by the reader and cleared after the call).
 * Unknown columns are ignored.  Returns 0, cb's non-zero value, or -1. */
typedef int (*rec_fn)(void *ctx, struct record *r);
int rec_read_path(const char *path, rec_fn cb, void *ctx);

/* A growable array of records, owning them: for readers that must see a
 * whole file's records before emitting them. */
struct rec_list {
	struct record *v;
	size_t n, cap;
};

#define REC_LIST_INIT                                                                              \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void rec_list_release(struct rec_list *l);
/* Appends a copy of r; the signature of a record callback (sheet_emit_fn),
 * with ctx the list.  Always returns 0. */
int rec_list_collect(void *ctx, struct record *r);

/* Adds code to the ';'-separated R_VAN_DE list unless already there. */
void rec_add_problem_code(struct record *r, const char *code);
int rec_has_problem_code(const struct record *r, const char *code);

#endif
