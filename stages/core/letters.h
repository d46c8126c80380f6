/* letters.h - the letters Phòng Nội vụ sends after a month's review, built
 * as documents (doc.h) so that the PDF and the DOCX back ends both write
 * them:
 *
 * - phan-hoi/<ma_don_vi>.pdf, .docx: a note to each registry unit with a
 *   nomination to fix (rejected, or to review for a reason the unit can
 *   act on): each such nomination, its result and what to fix, and the
 *   deadline to resend.  A record superseded by the unit's own later list
 *   (gui_lai), only late (gui_muon) or only a duplicate of a nominee already
 *   listed (trung_lap) is not something to fix.
 * - don-doc.pdf, .docx: one reminder (công văn đôn đốc) to the units of
 *   the registry that sent nothing, or nothing acceptable.
 * - gui-thu.csv: ma_don_vi, ten_don_vi, email, tieu_de, tep_dinh_kem (the
 *   PDF's path relative to the month folder): one row per letter and
 *   addressee, for a mail merge.  The e-mail comes from the registry's
 *   optional last column "email" (templates/plan/don-vi.csv).
 *
 * Texts come from templates/pdf/thu.conf (loaded into the render context
 * beside van-ban.conf).  The clerk's internal notes (ghi_chu, the ly_do of
 * a decision) never appear.  Letters of an earlier run that this run does
 * not write again are removed, so the folder holds this run's letters
 * only.  A text dump of each letter goes to <dir>/.work/ when that folder
 * exists (golden cases).
 */
#ifndef DH_LETTERS_H
#define DH_LETTERS_H

#include "render.h"

/* Builds the feedback note to the unit ma (no blocks when the unit has
 * nothing to fix; returns the number of nominations listed). */
size_t letters_feedback_build(struct render_ctx *c, const char *ma, struct doc *d);
/* Builds the reminder to the units that sent nothing or nothing
 * acceptable; returns how many units it addresses (0: no blocks). */
size_t letters_reminder_build(struct render_ctx *c, struct doc *d);

/* Writes every letter and gui-thu.csv into c->opts->dir.  c is loaded
 * (render_ctx_load) and its placeholders filled (rd_month_vars).  Returns
 * 0 or -1 (reported). */
int letters_write(struct render_ctx *c);

#endif
