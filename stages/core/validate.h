/* validate.h - the validate stage: the plan's rules applied to each record
 * (unit, field, type, name, years, ethnic group, summary, dates) and the
 * unit and submission date of each file.
 *
 * Everything is driven by the plan data (struct plan): no field number or
 * unit name is written in C.  Problems go to a problem sink through
 * problem_report_rec(); the record's trang_thai is set from the worst level
 * of all its problem codes (those of earlier stages included).  Duplicates,
 * history and staff decisions are the merge stage's.
 */
#ifndef DH_VALIDATE_H
#define DH_VALIDATE_H

#include "files.h"
#include "plan.h"
#include "problem.h"
#include "record.h"

struct validator {
	const struct plan *plan;
	struct problem_sink *sink;
	int year, month;	/* the run month */
	char thang[8];		/* "YYYY-MM" */
	unsigned long nrecords; /* records validated */
	/* Per source file, the earliest date written in its records (a "Ngày
	 * gửi" column), for files whose document carries no date of its own.
	 * Records arrive grouped by file, in the order of files.csv. */
	struct file_date *fdates;
	size_t nfdates, cap_fdates;
	size_t fcursor; /* where the next file row's lookup starts */
};

struct file_date {
	char *nguon;   /* source path */
	char date[11]; /* YYYY-MM-DD */
};

/* Sets v up for the run month ("YYYY-MM").  Returns 0, or -1 (reported)
 * when the month is malformed.  The plan and sink are borrowed. */
int validator_init(struct validator *v, const struct plan *p, const char *month,
		   struct problem_sink *sink);

/* Frees what validation collected (v itself is the caller's). */
void validator_release(struct validator *v);

/* Validates one record in place: fills ma_don_vi, don_vi_de_xuat, linh_vuc,
 * loai, normalises ten, nam_sinh, gioi_tinh, dan_toc, thanh_tich..., sets
 * ngay_gui and trang_thai, and reports its problems. */
void validate_record(struct validator *v, struct record *r);

/* Fills a files.csv row's ma_don_vi, don_vi_de_xuat and ngay_gui. */
void validate_file_row(struct validator *v, struct file_row *f);

/* The unit a sender text and a source path name: the registry unit (NULL
 * when unknown), and in *written the name to show (malloc'd: the unit's
 * canonical name, or the text as written, or the folder name). */
const struct plan_unit *validate_find_unit(const struct plan *p, const char *goc, const char *nguon,
					   char **written);

/* The whole stage: records_in -> out, files_in -> files_out, problems to
 * problems_out.  Returns 0, or -1 (reported). */
int validate_run(const struct plan *p, const char *month, const char *records_in,
		 const char *files_in, const char *out, const char *files_out,
		 const char *problems_out, int echo);

#endif
