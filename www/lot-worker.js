// www/lot.html's worker: reads the chosen file in slices and feeds them to the
// module's `Lot` (the same Rust code as `parcours lot`), so the page stays responsive.
// Tells the page its progress after every slice, the findings of the rows each slice
// completes (up to SHOWN in all: the error file keeps every one), then the files.
// A workbook (zip bytes, or a name ending .xlsx) goes through lot-xlsx.js first.
// Nothing leaves the browser: the file is read here, the results go to the page.
import init, { Lot } from "/pkg/parcours_lot.js";
import { isZip, readWorkbook, csvSlices, WorkbookError, FILE_LIMIT } from "/lot-xlsx.js";

/** Bytes per slice: a few tens of milliseconds of work, for several updates a second. */
const SLICE = 128 * 1024;
/** Findings sent to the page for its table; the error file has them all. */
const SHOWN = 5000;

self.onmessage = async ({ data: { file, settings } }) => {
  try {
    await init();
  } catch {
    self.postMessage({ type: "error", code: "module" });
    return;
  }
  const lot = new Lot(settings);
  let sent = 0;
  const keep = (findings) => {
    const room = Math.max(0, SHOWN - sent);
    sent += Math.min(room, findings.length);
    return findings.slice(0, room);
  };
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (isZip(head) || /\.xls[xm]$/i.test(file.name ?? "")) {
    // Whatever goes wrong past the reader's own checks is one message, not a crash.
    await workbook(file, lot, keep).catch(() => self.postMessage({ type: "error", code: "workbook_unreadable" }));
    return;
  }
  for (let offset = 0; offset < file.size; offset += SLICE) {
    const bytes = new Uint8Array(await file.slice(offset, offset + SLICE).arrayBuffer());
    const step = lot.push(bytes);
    if (step.error) {
      self.postMessage({ type: "error", ...step.error });
      return;
    }
    const read = Math.min(file.size, offset + SLICE);
    self.postMessage({ type: "progress", read, size: file.size, rows: step.rows, findings: keep(step.findings) });
  }
  const last = lot.finish();
  if (last.error) {
    self.postMessage({ type: "error", ...last.error });
    return;
  }
  self.postMessage({ type: "progress", read: file.size, size: file.size, rows: last.rows, findings: keep(last.findings) });
  self.postMessage({ type: "done", ...lot.files() });
  lot.free();
};

/**
 * A workbook: its first sheet becomes the CSV text the same `Lot` reads (lot-xlsx.js
 * says how, cell by cell as the command line's calamine path). The unzipper is loaded
 * here, only now: a CSV never downloads it.
 */
async function workbook(file, lot, keep) {
  const fail = (code) => self.postMessage({ type: "error", code });
  if (file.size > FILE_LIMIT) return fail("workbook_too_big");
  let sheet;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (!isZip(bytes)) return fail("workbook_not_zip");
    const { unzipSync } = await import("/vendor/fflate.js");
    sheet = readWorkbook(bytes, unzipSync);
  } catch (e) {
    return fail(e instanceof WorkbookError ? e.code : "workbook_unreadable");
  }
  const encoder = new TextEncoder();
  for (const { text, rows } of csvSlices(sheet, SLICE)) {
    const step = lot.push(encoder.encode(text));
    if (step.error) {
      self.postMessage({ type: "error", ...step.error });
      return;
    }
    const read = sheet.count ? Math.round((file.size * rows) / sheet.count) : file.size;
    self.postMessage({ type: "progress", read, size: file.size, rows: step.rows, findings: keep(step.findings) });
  }
  const last = lot.finish();
  if (last.error) {
    self.postMessage({ type: "error", ...last.error });
    return;
  }
  self.postMessage({ type: "progress", read: file.size, size: file.size, rows: last.rows, findings: keep(last.findings) });
  self.postMessage({ type: "done", ...lot.files() });
  lot.free();
}
