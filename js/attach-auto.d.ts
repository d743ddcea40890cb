// attach-auto.js is imported for its effect only: it attaches the checks to every form
// with data-parcours-reference-date. It exports nothing.
export {};
