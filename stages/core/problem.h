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

/* The catalogue's one list: X(NAME, code, level, meaning).  NAME makes the
 * enumerator PC_NAME; code, level and the English meaning are the
 * contract's problem-code table, row by row in its order (test_problem checks
 * them against contract.md), then this project's additions.  The Vietnamese
 * texts a clerk reads are in problem.c, one entry per code. */
#define PROBLEM_CODES(X)                                                                           \
	X(TEP_HONG, "tep_hong", LEVEL_LOI,                                                         \
	  "file damaged or unreadable (bad zip, bad XML, truncated, over a size limit)")           \
	X(TEP_MA_HOA, "tep_ma_hoa", LEVEL_LOI, "password-protected / encrypted document")          \
	X(KHONG_HO_TRO, "khong_ho_tro", LEVEL_LOI,                                                 \
	  "a format the pipeline does not read (PDF, images, Word 6/95...); the message says "     \
	  "which format to send instead")                                                          \
	X(TEP_RONG, "tep_rong", LEVEL_LOI, "no nominations found in the file")                     \
	X(TEP_TRUNG, "tep_trung", LEVEL_THONG_TIN,                                                 \
	  "byte-identical to another file of the month; read once")                                \
	X(THIEU_TEN, "thieu_ten", LEVEL_LOI, "no name")                                            \
	X(THIEU_THANH_TICH, "thieu_thanh_tich", LEVEL_LOI, "no achievement summary")               \
	X(LINH_VUC_KHONG_RO, "linh_vuc_khong_ro", LEVEL_LOI, "field cannot be determined")         \
	X(LOAI_KHONG_PHU_HOP, "loai_khong_phu_hop", LEVEL_LOI,                                     \
	  "subject type not allowed in that field (e.g. a household in field 5)")                  \
	X(NAM_SINH_SAI, "nam_sinh_sai", LEVEL_LOI,                                                 \
	  "year of birth impossible for the month (future, or age over 110)")                      \
	X(TRUNG_LAP, "trung_lap", LEVEL_LOI,                                                       \
	  "the same nominee already appears in the month (same name and type, same or missing "    \
	  "year of birth); the earliest-submitted one stays; between different units or within "   \
	  "one file")                                                                              \
	X(GUI_LAI, "gui_lai", LEVEL_LOI,                                                           \
	  "the same unit sent the same nominee again later in the month (a corrected list): the "  \
	  "later record stands, the earlier one gets this code, naming the later file and date")   \
	X(DON_VI_KHONG_RO, "don_vi_khong_ro", LEVEL_CANH_BAO,                                      \
	  "nominating unit not found in the registry")                                             \
	X(GUI_MUON, "gui_muon", LEVEL_CANH_BAO,                                                    \
	  "submitted after the 20th of the month (the plan's deadline day)")                       \
	X(THANH_TICH_NGAN, "thanh_tich_ngan", LEVEL_CANH_BAO,                                      \
	  "achievement summary too short to judge (under 15 words)")                               \
	X(THIEU_MINH_CHUNG, "thieu_minh_chung", LEVEL_CANH_BAO,                                    \
	  "the summary shows none of the field's criteria evidence")                               \
	X(THANG_KHONG_KHOP, "thang_khong_khop", LEVEL_CANH_BAO,                                    \
	  "the document names a different month")                                                  \
	X(MA_CU, "ma_cu", LEVEL_THONG_TIN,                                                         \
	  "text converted from a legacy encoding (TCVN3, VNI, Windows-1258)")                      \
	X(DA_DE_CU_TRUOC, "da_de_cu_truoc", LEVEL_THONG_TIN,                                       \
	  "the same nominee was nominated in an earlier month")                                    \
	X(CHUA_GUI, "chua_gui", LEVEL_CANH_BAO,                                                    \
	  "unit-level: a unit that must submit sent nothing for the month")                        \
	/* additions to the contract */                                                            \
	X(QUYET_DINH, "quyet_dinh", LEVEL_THONG_TIN,                                               \
	  "a staff decision of xem-xet.csv was applied to the record")                             \
	X(QUYET_DINH_SAI, "quyet_dinh_sai", LEVEL_CANH_BAO,                                        \
	  "a line of xem-xet.csv could not be applied (no id, an id not in the month, a "          \
	  "misspelt decision, two decisions for one id)")

enum problem_code {
#define X(name, code, level, meaning) PC_##name,
	PROBLEM_CODES(X)
#undef X
	    PC_COUNT
};

/* The contract's code ("tep_hong"), the one spelling of it in the code base. */
const char *problem_code_name(enum problem_code c);
enum problem_level problem_level(enum problem_code c);
const char *problem_level_name(enum problem_level l); /* loi, canh_bao, thong_tin */
/* The contract's English meaning (for developers and tests). */
const char *problem_meaning(enum problem_code c);
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
	unsigned long counts[PC_COUNT];
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
/* The record-level code list (R_VAN_DE) by enum: adds c unless already
 * there; tells whether c is there. */
void rec_add_problem(struct record *r, enum problem_code c);
int rec_has_problem(const struct record *r, enum problem_code c);
/* Copies a row that an earlier stage wrote (already formatted). */
void problem_write_raw(struct problem_sink *s, const char *nguon, const char *vi_tri,
		       const char *code, const char *level, const char *msg, const char *id);

#endif
