// www/lot.html's worker: reads the chosen file in slices and feeds them to the
// module's `Lot` (the same Rust code as `parcours lot`), so the page stays responsive.
// Tells the page its progress after every slice, the findings of the rows each slice
// completes (up to SHOWN in all: the error file keeps every one), then the files.
// A workbook (zip bytes, or a name ending .xlsx) is read by lot-xlsx.js as it is
// unzipped, and its rows checked as they come.
// Nothing leaves the browser: the file is read here, the results go to the page.
import init, { Lot } from "/pkg/parcours_lot.js";
import { isZip, readWorkbook, csvSlices, workbookSlices, Restart, WorkbookError, FILE_LIMIT } from "/lot-xlsx.js";

/**
 * Bytes per slice: about 40 ms of work in Chromium (BENCHMARKS.md, run 7), so the
 * page hears from the worker some 25 times a second and each slice's read, call and
 * message cost little beside its rows.
 */
const SLICE = 256 * 1024;
/** Bytes read from the file at once (a multiple of SLICE). */
const READ = 8 * SLICE;
/** Findings sent to the page for its table; the error file has them all. */
const SHOWN = 5000;

// The module is fetched and compiled as soon as the page starts the worker, before a
// file is chosen (lot.js keeps one worker ready): a click waits for none of it.
const ready = init().then(
  () => true,
  () => false,
);

/** Milliseconds spent in each step, sent with the results (bench/lot-browser.mjs). */
const clock = () => {
  const since = { start: performance.now(), last: performance.now() };
  const spent = { read: 0, check: 0, post: 0 };
  return {
    spent,
    add(step) {
      const now = performance.now();
      spent[step] = (spent[step] ?? 0) + (now - since.last);
      since.last = now;
    },
    total: () => ({ ...spent, total: performance.now() - since.start }),
  };
};

self.onmessage = async ({ data: { file, settings } }) => {
  if (!(await ready)) {
    self.postMessage({ type: "error", code: "module" });
    return;
  }
  const time = clock();
  const lot = new Lot(settings);
  let sent = 0;
  const keep = (findings) => {
    const room = Math.max(0, SHOWN - sent);
    sent += Math.min(room, findings.length);
    return findings.slice(0, room);
  };
  keep.reset = () => (sent = 0);
  // The file is read a few megabytes at a time (each read is a round trip to the
  // browser, off this thread), the next piece while this one is checked slice by slice;
  // the first piece is one slice, so the first rows are checked at once.
  const piece = (offset) => file.slice(offset, offset + (offset ? READ : SLICE)).arrayBuffer();
  let bytes = new Uint8Array(await piece(0));
  if (isZip(bytes) || /\.xls[xm]$/i.test(file.name ?? "")) {
    // Whatever goes wrong past the reader's own checks is one message, not a crash.
    await workbook(file, settings, lot, keep, time).catch(() => self.postMessage({ type: "error", code: "workbook_unreadable" }));
    return;
  }
  for (let start = 0; bytes.length > 0; ) {
    const after = start + bytes.length;
    const next = after < file.size ? piece(after) : null;
    time.add("read");
    for (let at = 0; at < bytes.length; at += SLICE) {
      const step = lot.push(bytes.subarray(at, at + SLICE));
      time.add("check");
      if (step.error) {
        self.postMessage({ type: "error", ...step.error });
        return;
      }
      const read = Math.min(after, start + at + SLICE);
      self.postMessage({ type: "progress", read, size: file.size, rows: step.rows, findings: keep(step.findings) });
      time.add("post");
    }
    start = after;
    bytes = next ? new Uint8Array(await next) : new Uint8Array(0);
  }
  finish(lot, keep, file.size, time);
};

/** The last rows, then the files (with the time each step took). */
function finish(lot, keep, size, time) {
  const last = lot.finish();
  if (last.error) {
    self.postMessage({ type: "error", ...last.error });
    return;
  }
  self.postMessage({ type: "progress", read: size, size, rows: last.rows, findings: keep(last.findings) });
  const files = lot.files();
  time.add("check");
  self.postMessage({ type: "done", ...files, timing: time.total() });
  lot.free();
}

/**
 * A workbook: its first sheet becomes the CSV text the same `Lot` reads (lot-xlsx.js
 * says how, cell by cell as the command line's calamine path), row by row as the sheet
 * is unzipped, so the page hears of the rows checked while the rest is still being
 * read. A sheet that must be read whole (lot-xlsx.js's `Restart`) starts again on a
 * new `Lot`, read whole; the page is told to forget the findings it has. The unzipper
 * is loaded here, only now: a CSV never downloads it.
 */
async function workbook(file, settings, lot, keep, time) {
  const fail = (code) => {
    lot.free();
    self.postMessage({ type: "error", code });
  };
  const code = (e) => (e instanceof WorkbookError ? e.code : "workbook_unreadable");
  if (file.size > FILE_LIMIT) return fail("workbook_too_big");
  let bytes;
  let fflate;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
    if (!isZip(bytes)) return fail("workbook_not_zip");
    fflate = await import("/vendor/fflate.js");
  } catch (e) {
    return fail(code(e));
  }
  time.add("read");
  const encoder = new TextEncoder();
  /** Feeds the slices to the `Lot`; false when it stopped (its error said). */
  const feed = (slices, share) => {
    for (const slice of slices) {
      const { text } = slice;
      time.add("unzip");
      const step = text ? lot.push(encoder.encode(text)) : { rows: 0, findings: [] };
      time.add("check");
      if (step.error) {
        self.postMessage({ type: "error", ...step.error });
        return false;
      }
      const done = Math.round(file.size * Math.min(1, share(slice)));
      self.postMessage({ type: "progress", read: done, size: file.size, rows: step.rows, findings: keep(step.findings) });
      time.add("post");
    }
    return true;
  };
  try {
    // Slices of half as much CSV text: each also costs the unzipping and reading of its
    // XML, about as much again as its check.
    if (!feed(workbookSlices(bytes, fflate, SLICE / 2), (slice) => slice.read)) return;
  } catch (e) {
    if (!(e instanceof Restart)) return fail(code(e));
    lot.free();
    lot = new Lot(settings);
    keep.reset();
    self.postMessage({ type: "restart" });
    try {
      const sheet = readWorkbook(bytes, fflate.unzipSync);
      bytes = null;
      time.add("unzip");
      if (!feed(csvSlices(sheet, SLICE), (slice) => (sheet.count ? slice.rows / sheet.count : 1))) return;
    } catch (e2) {
      return fail(code(e2));
    }
  }
  finish(lot, keep, file.size, time);
}
