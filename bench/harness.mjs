// Timing without a framework, the same in Node and in Chromium: loops, not calls
// (Chromium's clock is coarse: 100 µs, 5 µs when cross-origin isolated), each loop long
// enough for the clock to be a small fraction of it; subjects interleaved round by
// round, so a slower moment of the machine hits every subject alike, and ratios taken
// within a round.

/** Keeps results alive so no engine can drop the work. */
export let sink;

/** Calls per loop so that one loop lasts at least `minMs`. */
export function calibrate(fn, minMs, now) {
  for (let n = 1; ; n *= 2) {
    const t0 = now();
    for (let i = 0; i < n; i++) sink = fn(i);
    if (now() - t0 >= minMs) return n;
  }
}

/** Milliseconds per call, over one loop of `n` calls. */
export function loop(fn, n, now) {
  const t0 = now();
  for (let i = 0; i < n; i++) sink = fn(i);
  return (now() - t0) / n;
}

/** Median, quartiles and extremes of a list of numbers. */
export function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => {
    const x = (s.length - 1) * q;
    const lo = Math.floor(x);
    return s[lo] + (s[Math.ceil(x)] - s[lo]) * (x - lo);
  };
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), min: s[0], max: s[s.length - 1], n: s.length };
}

/**
 * Times each subject's `fn`, `rounds` rounds of one loop each, after a warm-up.
 * `subjects`: [{ id, fn, peer }]. Returns per subject the per-call times (ns) and the
 * ratio of each round's time to that round's fastest peer.
 */
export function compare(subjects, { rounds = 15, minMs = 20, warmupMs = 200, now }) {
  for (const s of subjects) {
    const end = now() + warmupMs;
    while (now() < end) loop(s.fn, 64, now);
    s.n = calibrate(s.fn, minMs, now);
  }
  const times = subjects.map(() => []);
  for (let r = 0; r < rounds; r++) {
    subjects.forEach((s, i) => times[i].push(loop(s.fn, s.n, now) * 1e6));
  }
  const peers = subjects.map((s, i) => (s.peer ? i : -1)).filter((i) => i >= 0);
  return subjects.map((s, i) => {
    // A round the clock could not time (a coarse clock read no time passing) has no
    // ratio; a finite one only.
    const ratios = peers.length
      ? times[i].map((t, r) => t / Math.min(...peers.map((p) => times[p][r]))).filter(Number.isFinite)
      : null;
    return { id: s.id, calls: s.n, ns: stats(times[i]), ratio: ratios?.length ? stats(ratios) : null };
  });
}
