/* period.h - multi-month queries over the ledger for the mid-term and final
 * reviews: the period's dataset, per-unit compliance and the nominees
 * proposed most often.
 *
 * Files written to the output folder (UTF-8 with BOM, CRLF, atomic):
 *   dataset.csv        the period's records: the columns of a month's
 *                      dataset.csv, sorted by thang, then as a month.
 *   tuan-thu.csv       ma_don_vi, ten_don_vi, so_thang_gui (months sent,
 *                      late ones included), so_thang_muon, so_thang_chua_gui,
 *                      so_guong, so_hop_le, then one column per month
 *                      YYYY-MM with da_gui | gui_muon | chua_gui, or
 *                      khong_co_du_lieu for a month never merged into the
 *                      ledger (such months count in none of the totals).
 *                      Units: the registry's units that must submit (when a
 *                      plan is given), then every unit that appears in a
 *                      merged month of the period; registry order, then other
 *                      codes, then unknown senders by name.
 *   guong-tieu-bieu.csv ten, loai, nam_sinh, don_vi_de_xuat, linh_vuc,
 *                      so_lan, cac_thang (';'-joined), so_lan_hop_le: one row
 *                      per nominee (nominee_same(); trung_lap and gui_lai
 *                      records left out),
 *                      so_lan = number of months nominated (only nominees
 *                      of at least PERIOD_MIN_TIMES months are listed);
 *                      so_lan_hop_le = months where it was hop_le or
 *                      can_xem_xet; name, unit and field from the latest
 *                      nomination; sorted by so_lan descending, then name
 *                      (Vietnamese collation).
 */
#ifndef DH_PERIOD_H
#define DH_PERIOD_H

#include <stddef.h>

struct ledger;
struct plan;

/* Nominees proposed in fewer months are not listed in guong-tieu-bieu.csv. */
#define PERIOD_MIN_TIMES 2

/* The months from..to inclusive ("YYYY-MM"), at most 1200.  Returns 0 or -1
 * (reported) on bad or reversed months. */
int period_months(const char *from, const char *to, char ***months, size_t *n);

/* Writes the three files for months from..to into outdir.  p may be NULL. */
int period_run(struct ledger *lg, const char *from, const char *to, const struct plan *p,
	       const char *outdir);

#endif
