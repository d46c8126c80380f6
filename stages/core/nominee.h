/* nominee.h - the vocabulary and the rules of a nominee that merge, period,
 * the ledger and the renderers share, each written once:
 *
 * - Codes: statuses (hop_le ...) and a unit's monthly state (da_gui ...) as
 *   enums with one name table each (subject types: plan.h's).
 * - The month "YYYY-MM": month_parse().
 * - Status from problem codes: the worst catalogue level of a record's
 *   codes (loi -> khong_hop_le, canh_bao -> can_xem_xet, else hop_le;
 *   unknown codes are ignored).
 * - Identity: two records are the same nominee when their identity keys
 *   (vn_ident_key(ten): case and tone-mark placement ignored, diacritics
 *   kept) are equal and non-empty, their types are equal, and their years of
 *   birth are compatible (equal, or either missing).
 * - Output order of records: [thang,] linh_vuc (numbers by value, other text
 *   next, empty last), loai (tap_the, ca_nhan, ho_gia_dinh, other text,
 *   empty), unit name, name (Vietnamese collation keys), then id, nguon and
 *   vi_tri in natural order.
 *
 * SQL that needs a rule gets it from here (nominee_sql_register()): the
 * collations "nat" (natural_cmp) and "nominee_order" (over
 * nominee_order_key() values) and the functions nominee_same(khoa1, loai1,
 * nam_sinh1, khoa2, loai2, nam_sinh2) and has_code(van_de, code).
 */
#ifndef DH_NOMINEE_H
#define DH_NOMINEE_H

#include "record.h"

#include <stddef.h>
#include <stdio.h>

struct buf;

/* ---- codes ---- */

enum nom_status { ST_HOP_LE, ST_CAN_XEM_XET, ST_KHONG_HOP_LE, ST_NSTATUS };
const char *nom_status_name(enum nom_status s);
/* The status of a name, or -1. */
int nom_status_parse(const char *s);
/* 1 for the statuses counted as accepted (so_hop_le): hop_le, can_xem_xet. */
int nom_status_accepted(enum nom_status s);
/* The status of a ';'-separated list of problem codes (see above). */
enum nom_status nom_status_from_codes(const char *van_de);
/* 1 when the ';'-separated list holds code. */
int nom_codes_have(const char *van_de, const char *code);

/* Subject types are plan.h's enum subject_type (names: loai_code(),
 * loai_from_code()).  Sort rank of a loai value: tap_the, ca_nhan,
 * ho_gia_dinh (0, 1, 2), then other text (3), then empty (4). */
int nom_type_rank(const char *loai);

enum unit_state { UNIT_DA_GUI, UNIT_GUI_MUON, UNIT_CHUA_GUI, UNIT_NSTATES };
const char *unit_state_name(enum unit_state s);
/* The state of a name, or -1. */
int unit_state_parse(const char *s);

/* Parses "YYYY-MM" (year 1900..9999, month 01..12; nothing else around).
 * Returns 0 or -1 (not reported); year and month may be NULL. */
int month_parse(const char *s, int *year, int *month);

/* The list with code present (appended, or before quyet_dinh, a decision's
 * code, which comes last) or absent (removed).  Returns a malloc'd list. */
char *nom_codes_with(const char *van_de, const char *code, int present);

/* ---- identity ---- */

struct nom_ident {
	const char *khoa;     /* vn_ident_key(ten) */
	const char *loai;     /* subject type as stored */
	const char *nam_sinh; /* year of birth or "" */
};

/* 1 when two years of birth are compatible (equal, or one missing). */
int nominee_years_compatible(const char *a, const char *b);
/* 1 when a and b are the same nominee (see above). */
int nominee_same(const struct nom_ident *a, const struct nom_ident *b);
/* Orders identities by key, then type: records that can be the same
 * nominee are adjacent in this order. */
int nominee_group_cmp(const struct nom_ident *a, const struct nom_ident *b);

/* The detail of a da_de_cu_truoc problem: "đã giới thiệu N lần: M1, M2"
 * (malloc'd). */
char *nominee_history_detail(char *const *months, size_t n);

/* ---- order ---- */

/* Natural order: digit runs compare by value ("dòng 9" < "dòng 10"), a
 * total order (strcmp decides between "01" and "1"). */
int natural_cmp(const char *a, const char *b);
int natural_ncmp(const char *a, size_t na, const char *b, size_t nb);

/* A record with the keys the order and the identity need. */
struct nom_rec {
	struct record r;
	char *khoa;    /* vn_ident_key(ten); "" without a name */
	char *sk_unit; /* vn_sort_key(don_vi_de_xuat) */
	char *sk_name; /* vn_sort_key(ten) */
};

/* Computes khoa and the sort keys from the record's fields. */
void nom_rec_prepare(struct nom_rec *m);
void nom_rec_release(struct nom_rec *m);
/* The identity of a prepared record (pointers into it). */
struct nom_ident nom_rec_ident(const struct nom_rec *m);
/* Sorts in output order; by_month puts thang first (period datasets). */
void nom_recs_sort(struct nom_rec *v, size_t n, int by_month);

/* Appends the output-order key of a record (with its precomputed sort
 * keys) to b: a text whose "nominee_order" collation is the output order
 * (thang left out). */
void nominee_order_key(struct buf *b, const struct record *r, const char *sk_unit,
		       const char *sk_name);

/* dataset.csv's columns, in order (the contract's, then ghi_chu). */
#define NOM_DATASET_NCOLS 20
extern const enum rec_field nom_dataset_cols[NOM_DATASET_NCOLS];
/* Writes a dataset.csv (BOM, header, rows in the given order).  Returns 0
 * or -1 on a write error. */
int nom_write_dataset(FILE *f, const struct nom_rec *v, size_t n);

/* Registers the collations and functions above on an sqlite3 *.  Returns 0
 * or -1 (not reported). */
int nominee_sql_register(void *db);

#endif
