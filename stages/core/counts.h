/* counts.h - the one set of numbers of a month (or a period): files,
 * units and nominations, computed once from the merge stage's outputs
 * (dataset.csv, don-vi.csv, tep.csv, van-de.csv) and printed from here by
 * every output that shows a figure: the terminal summary, the cover and
 * the appendix of danh-sach, the review report, the period report, the
 * letters.  No builder recounts a CSV.
 *
 * The rules (one place):
 * - files: every row of tep.csv is a file of the month; "identical" is a
 *   byte-identical copy (tep_trung, read once under its twin);
 *   "unreadable" has any other file-level error (loi).
 * - units: a row of don-vi.csv with a registry code (ma_don_vi) is a unit
 *   of the registry; rows without one are senders outside the registry,
 *   counted apart and never in the registry's figures.  "sent" is da_gui
 *   or gui_muon; "late" is gui_muon; "not sent" is chua_gui; "sent,
 *   nothing accepted" is sent with dat_yeu_cau 0 (or, without that
 *   column, so_hop_le 0).
 * - nominations: every row of dataset.csv, by trang_thai, linh_vuc (0 =
 *   unknown) and loai; "accepted" is hop_le + can_xem_xet, exactly the
 *   roster's rows.
 *
 * Statuses, unit states and types are parsed by nominee.h and plan.h
 * (nom_status_parse, unit_state_parse, loai_from_code); the CT_ values
 * are nominee.h's, CT_ types are the roster's order with "other" last.
 */
#ifndef DH_COUNTS_H
#define DH_COUNTS_H

#include "nominee.h"

#include <stddef.h>
#include <stdio.h>

/* nominee.h's statuses (same values as render.h's enum rd_status). */
enum ct_status {
	CT_HOP_LE = ST_HOP_LE,
	CT_CAN_XEM_XET = ST_CAN_XEM_XET,
	CT_KHONG_HOP_LE = ST_KHONG_HOP_LE,
	CT_NSTATUS = ST_NSTATUS
};
/* Subject types in roster order (render.h's enum rd_loai). */
enum ct_loai { CT_TAP_THE, CT_CA_NHAN, CT_HO_GIA_DINH, CT_LOAI_KHAC, CT_NLOAI };
/* A unit's state in the month (don-vi.csv trang_thai): nominee.h's. */
enum ct_unit {
	CT_UNIT_CHUA_GUI = UNIT_CHUA_GUI,
	CT_UNIT_DA_GUI = UNIT_DA_GUI,
	CT_UNIT_GUI_MUON = UNIT_GUI_MUON
};

#define CT_NFIELDS 10 /* index 0 = field unknown, 1..9 the plan's fields */

struct month_counts {
	/* Files (tep.csv). */
	size_t files;		 /* every file of the month */
	size_t files_read;	 /* files - unreadable - identical */
	size_t files_unreadable; /* a file-level loi other than tep_trung */
	size_t files_identical;	 /* tep_trung: a copy, read once */

	/* Units of the registry (don-vi.csv rows with ma_don_vi). */
	size_t units;		       /* in the registry */
	size_t units_sent;	       /* da_gui + gui_muon */
	size_t units_on_time;	       /* da_gui */
	size_t units_late;	       /* gui_muon */
	size_t units_not_sent;	       /* chua_gui */
	size_t units_nothing_accepted; /* sent, but no accepted nomination */
	/* Senders outside the registry (rows without ma_don_vi), apart. */
	size_t outside;		 /* senders */
	size_t outside_late;	 /* of them, late */
	size_t outside_noms;	 /* their nominations (so_guong) */
	size_t outside_accepted; /* their accepted nominations (so_hop_le) */

	/* Nominations (dataset.csv). */
	size_t noms;				    /* every row */
	size_t n[CT_NFIELDS][CT_NLOAI][CT_NSTATUS]; /* by field, type, status */
	size_t by_status[CT_NSTATUS];		    /* sums of n */
	size_t by_field[CT_NFIELDS][CT_NSTATUS];
	size_t by_type[CT_NLOAI][CT_NSTATUS];
	size_t accepted;		      /* hop_le + can_xem_xet: the roster's rows */
	size_t accepted_by_field[CT_NFIELDS]; /* for the cover and the appendix */
	size_t accepted_by_type[CT_NLOAI];

	/* Problems (van-de.csv). */
	size_t decisions;	  /* rows of staff decisions (quyet_dinh*, chap_nhan, loai_bo):
				   * the review report's section V */
	size_t decisions_applied; /* of them, quyet_dinh: a decision applied to a record */
};

void month_counts_init(struct month_counts *mc);

/* Reads dir/dataset.csv, dir/don-vi.csv, dir/tep.csv and dir/van-de.csv
 * (each optional: a missing file counts nothing) into mc (initialised
 * here).  Returns 0, or -1 when a present file cannot be read
 * (reported). */
int month_counts_load(struct month_counts *mc, const char *dir);

/* The accumulators month_counts_load() uses, for callers that read the
 * CSVs themselves.  Arguments are the CSV values (NULL = empty). */
void month_counts_add_nomination(struct month_counts *mc, const char *linh_vuc, const char *loai,
				 const char *trang_thai);
/* dat_yeu_cau may be NULL (column absent): so_hop_le decides. */
void month_counts_add_unit(struct month_counts *mc, const char *ma_don_vi, const char *trang_thai,
			   const char *so_guong, const char *so_hop_le, const char *dat_yeu_cau);
void month_counts_add_file(struct month_counts *mc, const char *loi, const char *trung_voi);
void month_counts_add_problem(struct month_counts *mc, const char *ma, const char *muc_do);

/* The rules above, for code that lists rows (the unit lists of the
 * report, the letters): */
int ct_status_of(const char *trang_thai); /* enum ct_status; unknown -> CT_KHONG_HOP_LE */
int ct_loai_of(const char *loai);	  /* enum ct_loai */
int ct_field_of(const char *linh_vuc);	  /* 1..9, 0 = unknown */
int ct_unit_of(const char *trang_thai);	  /* enum ct_unit */
/* A file-level error that kept the file from being read (tep.csv loi). */
int ct_file_unreadable(const char *loi);
/* A staff decision row of van-de.csv (ma): applied (quyet_dinh) or not
 * (quyet_dinh_sai). */
int ct_is_decision(const char *ma);
/* A sent unit with nothing accepted. */
int ct_unit_nothing_accepted(const char *trang_thai, const char *so_hop_le,
			     const char *dat_yeu_cau);

/* Sums over the table n. */
size_t ct_field_total(const struct month_counts *mc, int field);
size_t ct_type_total(const struct month_counts *mc, int loai);

/* The terminal summary's figure lines (Vietnamese, one per line):
 * files, nominations by status, units of the registry, senders outside
 * it.  dh-summary prints its heading and paths around them. */
void counts_print_summary(FILE *f, const struct month_counts *mc);

#endif
