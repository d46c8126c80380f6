/* problem.h - the one catalogue of problem codes (contract.md) and the one
 * way to report them.
 *
 * Every problem is an entry of enum problem_code with a parallel row in the
 * catalogue: its contract code, its level, and a Vietnamese message made of
 * what is wrong and what the clerk or unit should do.  Problems travel
 * between stages as CSV rows: nguon, vi_tri, ma, muc_do, thong_diep, id
 * (the first five are van-de.csv's contract columns; id links a record).
 */
#ifndef DH_PROBLEM_H
#define DH_PROBLEM_H

#include <stdio.h>

struct record;

enum problem_level {
	LEVEL_THONG_TIN, /* information; never changes a status */
	LEVEL_CANH_BAO,	 /* warning: record needs review */
	LEVEL_LOI,	 /* error: record rejected */
};

/* X(enum, code, level) in the contract's order. */
#define PROBLEM_CODES(X)                                                                           \
	X(P_TEP_HONG, "tep_hong", LEVEL_LOI)                                                       \
	X(P_TEP_MA_HOA, "tep_ma_hoa", LEVEL_LOI)                                                   \
	X(P_KHONG_HO_TRO, "khong_ho_tro", LEVEL_LOI)                                               \
	X(P_TEP_RONG, "tep_rong", LEVEL_LOI)                                                       \
	X(P_TEP_TRUNG, "tep_trung", LEVEL_THONG_TIN)                                               \
	X(P_THIEU_TEN, "thieu_ten", LEVEL_LOI)                                                     \
	X(P_THIEU_THANH_TICH, "thieu_thanh_tich", LEVEL_LOI)                                       \
	X(P_LINH_VUC_KHONG_RO, "linh_vuc_khong_ro", LEVEL_LOI)                                     \
	X(P_LOAI_KHONG_PHU_HOP, "loai_khong_phu_hop", LEVEL_LOI)                                   \
	X(P_NAM_SINH_SAI, "nam_sinh_sai", LEVEL_LOI)                                               \
	X(P_TRUNG_LAP, "trung_lap", LEVEL_LOI)                                                     \
	X(P_GUI_LAI, "gui_lai", LEVEL_LOI)                                                         \
	X(P_DON_VI_KHONG_RO, "don_vi_khong_ro", LEVEL_CANH_BAO)                                    \
	X(P_GUI_MUON, "gui_muon", LEVEL_CANH_BAO)                                                  \
	X(P_THANH_TICH_NGAN, "thanh_tich_ngan", LEVEL_CANH_BAO)                                    \
	X(P_THIEU_MINH_CHUNG, "thieu_minh_chung", LEVEL_CANH_BAO)                                  \
	X(P_THANG_KHONG_KHOP, "thang_khong_khop", LEVEL_CANH_BAO)                                  \
	X(P_MA_CU, "ma_cu", LEVEL_THONG_TIN)                                                       \
	X(P_DA_DE_CU_TRUOC, "da_de_cu_truoc", LEVEL_THONG_TIN)                                     \
	X(P_CHUA_GUI, "chua_gui", LEVEL_CANH_BAO)                                                  \
	/* additions to the contract */                                                            \
	X(P_QUYET_DINH, "quyet_dinh", LEVEL_THONG_TIN)                                             \
	X(P_QUYET_DINH_SAI, "quyet_dinh_sai", LEVEL_CANH_BAO)

enum problem_code {
#define X(e, code, level) e,
	PROBLEM_CODES(X)
#undef X
	    P_NCODES
};

const char *problem_code_name(enum problem_code c);
enum problem_level problem_level(enum problem_code c);
const char *problem_level_name(enum problem_level l); /* loi, canh_bao, thong_tin */
/* Code by name, or -1. */
int problem_code_by_name(const char *name);
/* The full Vietnamese message: what is wrong, the detail (may be NULL), and
 * what to do.  Returns a malloc'd string. */
char *problem_message(enum problem_code c, const char *detail);

/* A sink of problem rows (an open CSV file).  Rows are also echoed to stderr
 * as "prog: nguon:vi_tri: level: message" when echo is set. */
struct problem_sink {
	FILE *f;
	int echo;
	unsigned long counts[P_NCODES];
};

void problem_sink_init(struct problem_sink *s, FILE *f, int echo);
void problem_write_header(FILE *f);
/* Reports one problem; nguon, vi_tri, detail and id may be NULL. */
void problem_report(struct problem_sink *s, const char *nguon, const char *vi_tri,
		    enum problem_code c, const char *detail, const char *id);
/* Reports a record-level problem: adds the code to r's van_de and writes a
 * row with r's nguon, vi_tri and id. */
void problem_report_rec(struct problem_sink *s, struct record *r, enum problem_code c,
			const char *detail);
/* Copies a row that an earlier stage wrote (already formatted). */
void problem_write_raw(struct problem_sink *s, const char *nguon, const char *vi_tri,
		       const char *code, const char *level, const char *msg, const char *id);

#endif
