/* plan.h - the plan configuration and the unit registry, loaded from a plan
 * directory (templates/plan/ by default) that staff edit.
 *
 * Files of a plan directory (all UTF-8 CSV with a header row, or conf):
 *   ke-hoach.conf  plan-wide settings: han_nop (deadline day, 20),
 *                  so_tu_toi_thieu (15), tuoi_toi_da (110), tuoi_toi_thieu,
 *                  names of the district, province, office...
 *   linh-vuc.csv   the nine fields: so, ten_ngan, ten_day_du, tieu_de_danh_sach,
 *                  tu_khoa, don_vi_chu_tri, loai_cho_phep,
 *                  minh_chung_tap_the, minh_chung_ca_nhan, minh_chung_ho_gia_dinh
 *   don-vi.csv     the units: ma, ten, bi_danh, phai_gui, nhom, ghi_chu,
 *                  hoat_dong (1, or 0 for a unit that no longer exists, such
 *                  as a commune merged away: matching it is reported)
 *   cot.csv        column-header aliases: khoa, ten_cot; and nhan_bao_cao,
 *                  the labels of an achievement report ("Họ và tên:") that
 *                  give the same column (rows with an empty ten_cot name
 *                  report-only keys: ten_tap_the, ten_chu_ho)
 *   tu-vung.csv    the vocabulary: nhom, cum_tu (vocab.h lists the groups)
 *   dan-toc.csv    ethnic groups: ten, bi_danh
 * Lists inside a cell are separated by ';'.  All matching is done on vn_key()
 * keys, so case, diacritics, punctuation and spacing never matter.
 *
 * Ownership: a struct plan owns everything it points to; plan_release()
 * frees it.  Lookups return pointers into the plan (valid until release).
 */
#ifndef DH_PLAN_H
#define DH_PLAN_H

#include "conf.h"
#include "vocab.h"

#include <stddef.h>

enum subject_type {
	LOAI_NONE = 0,
	LOAI_TAP_THE = 1,     /* collective */
	LOAI_CA_NHAN = 2,     /* person */
	LOAI_HO_GIA_DINH = 4, /* household */
};

/* "tap_the", "ca_nhan", "ho_gia_dinh", "" */
const char *loai_code(enum subject_type t);
/* "Tập thể", "Cá nhân", "Hộ gia đình", "" */
const char *loai_label(enum subject_type t);
enum subject_type loai_from_code(const char *code);

struct strlist {
	char **v;
	size_t n;
};

struct plan_field {
	int so;			 /* 1..9 */
	char *ten_ngan;		 /* short name: "Giáo dục và Đào tạo" */
	char *ten_day_du;	 /* movement or scope as the plan writes it */
	char *tieu_de_danh_sach; /* roster heading: "LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO" */
	struct strlist tu_khoa;	 /* recognition keywords, as vn_key() keys */
	struct strlist chu_tri;	 /* lead unit codes */
	unsigned loai_cho_phep;	 /* bitmask of enum subject_type */
	struct strlist minh_chung[3];	  /* evidence keys for tap_the, ca_nhan, ho_gia_dinh */
	struct strlist minh_chung_goc[3]; /* the same phrases as written (for messages) */
	struct strlist minh_chung_dau[3]; /* the same phrases as vn_ident_key() keys
					   * (diacritics kept: "hiến" is not "hiện") */
};

struct plan_unit {
	char *ma;		/* registry code */
	char *ten;		/* canonical name */
	struct strlist bi_danh; /* aliases, as vn_key() keys (the name included) */
	int phai_gui;		/* must submit monthly */
	char *nhom;		/* group: co_quan, xa, llvt, doan_the... */
	char *ghi_chu;		/* e.g. "đã sáp nhập năm 2020": matching it is reported */
	int hoat_dong;		/* 1; 0 when the unit no longer exists (merged away) */
};

struct plan_column {
	char *khoa;		/* record column key: ten, nam_sinh, ... or "bo_qua", "stt" */
	struct strlist ten_cot; /* header texts, as vn_key() keys */
	struct strlist nhan;	/* report labels, as vn_key() keys */
};

struct plan_ethnic {
	char *ten;		/* official name: "Mông" */
	struct strlist bi_danh; /* keys: "hmong", "h mong", "meo" */
};

struct plan_index; /* private lookup tables (plan.c) */

struct plan {
	char *dir;
	struct conf conf;    /* ke-hoach.conf */
	int han_nop;	     /* deadline day of the month (20) */
	int so_tu_toi_thieu; /* minimum words of a summary (15) */
	int tuoi_toi_da;     /* maximum plausible age (110) */
	int tuoi_toi_thieu;  /* minimum plausible age (0: born before the month) */
	struct plan_field fields[9];
	size_t nfields;
	struct plan_unit *units;
	size_t nunits;
	struct plan_column *columns;
	size_t ncolumns;
	struct plan_ethnic *ethnic;
	size_t nethnic;
	struct vocab vocab;	/* tu-vung.csv */
	struct plan_index *idx; /* built by plan_load */
};

void plan_init(struct plan *p);
/* Loads the plan directory (NULL or "": templates/plan) into p (which it
 * initialises).  Returns 0, or -1 with the file and line reported and p
 * released. */
int plan_load(struct plan *p, const char *dir);
void plan_release(struct plan *p);

/* The unit that the text names ("UBND xã Đức Long", "Duc Long", "Phòng
 * GD&ĐT", "CA huyện"), looked up by alias keys - exact key first, then the
 * longest alias found inside the text on word boundaries (the earliest of
 * equals).  An alias inside a text that begins by naming another body
 * ("Trường Tiểu học Kim Đồng", "Trạm Y tế xã...", "HTX...") is not taken.
 * Units with hoat_dong = 0 are returned too: the caller reports them.
 * Aliases shared by two units are ignored.  NULL if none. */
const struct plan_unit *plan_match_unit(const struct plan *p, const char *text);
const struct plan_unit *plan_unit_by_code(const struct plan *p, const char *ma);

/* The field (1..9) that the text names: a number ("1", "Lĩnh vực 7"), a
 * Roman numeral ("VII."), the field's name or one of its keywords, the
 * longest found inside the text ("I. LĨNH VỰC GIÁO DỤC VÀ ĐÀO TẠO": a
 * leading section ordinal is not a field number).  0 if none, or when two
 * fields match equally ("Giáo dục và Y tế"). */
int plan_match_field(const struct plan *p, const char *text);
const struct plan_field *plan_field(const struct plan *p, int so);
/* The one field that unit leads, or 0 when it leads none or several. */
int plan_field_led_by(const struct plan *p, const char *ma_don_vi);

/* The record column key for a header cell's text ("Họ và tên" -> "ten",
 * "Năm sinh" -> "nam_sinh", "STT" -> "stt"), or NULL. */
const char *plan_match_column(const struct plan *p, const char *header_text);

/* The column key a report label names ("Họ và tên" -> "ten", "Tên tập
 * thể" -> "ten_tap_the"; the text before the colon), or NULL. */
const char *plan_match_label(const struct plan *p, const char *label);

/* The plan's vocabulary, or NULL for a NULL plan (vocab.h: nothing
 * matches). */
const struct vocab *plan_vocab(const struct plan *p);

/* Official ethnic-group name for the text ("H'Mông" -> "Mông", "tay" ->
 * "Tày"), or NULL. */
const char *plan_match_ethnic(const struct plan *p, const char *text);

/* The subject type that a type cell or section row names ("Tập thể", "A.
 * TẬP THỂ", "TT", "CN", "Hộ gia đình", "tap_the"), or LOAI_NONE.  The short
 * forms ("TT", "HGĐ", "Đơn vị") are the vocabulary's loai-* groups. */
enum subject_type plan_match_type(const struct plan *p, const char *text);
/* "tập thể, cá nhân" for a bitmask of subject types (malloc'd). */
char *loai_mask_label(unsigned mask);

#endif
