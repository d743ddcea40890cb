// www/lot.html: a whole participant export checked in the browser. The work runs in
// a worker (lot-worker.js) on the module parcours_lot, the same Rust code as the
// command line's `parcours lot`: the same rows give the same findings, indicators and
// files. Nothing leaves the browser; the downloads are made here.
import { $, applyWords, element, showApp, tidyDate, typedDate } from "/page.js";

const WORDS = {
  fr: {
    docTitle: "Contrôle d'un export de participants — parcours",
    tagline: "Démonstration — contrôle d'un export de participants et indicateurs FSE+",
    title: "Contrôler un export de participants",
    intro: "Choisissez l'export CSV ou le classeur XLSX de votre logiciel de suivi : chaque ligne est contrôlée comme un questionnaire participant, puis les indicateurs communs FSE+ sont comptés par genre. Le fichier est lu dans votre navigateur : rien n'est envoyé, rien n'est enregistré.",
    loading: "Chargement de la page…",
    loadError: "Le module de contrôle n'a pas pu être chargé. Rechargez la page.",
    settingsLegend: "Export et règles appliquées",
    fileLabel: "Export CSV ou classeur XLSX",
    fileHint: "Choisissez le fichier ou déposez-le ici. CSV en UTF-8 ou Windows-1252, séparateur « ; » ou « , », une ligne d'en-tête ; ou classeur XLSX : sa première feuille est lue, sa première ligne est l'en-tête.",
    phaseLabel: "Phase du questionnaire",
    phaseEntry: "Entrée",
    phaseExit: "Sortie",
    phaseFollowUp: "Suivi à six mois",
    referenceLabel: "Date de référence",
    referenceHint: "Au format JJ/MM/AAAA. Toutes les règles de dates s'appliquent à cette date.",
    mappingLabel: "Correspondance des colonnes (facultative)",
    mappingHint: "Un objet JSON { \"en-tête\": \"section.champ\" }. Sans elle, une colonne dont l'en-tête est un champ du questionnaire le donne, et participant_id l'identifiant.",
    languageLegend: "Langue",
    start: "Contrôler l'export",
    cancel: "Annuler",
    progressLabel: "Avancement du contrôle",
    resultsTitle: "Résultats",
    downloadsTitle: "Télécharger",
    downloadErrors: "Fichier d'erreurs (CSV)",
    downloadCsv: "Indicateurs (CSV)",
    downloadJson: "Indicateurs (JSON)",
    indicatorsTitle: "Indicateurs communs FSE+ par genre",
    indicatorsCaption: "Participants comptés, par indicateur de l'annexe I et par genre",
    colIndicator: "Indicateur",
    colLabel: "Libellé",
    colTotal: "Total",
    colWomen: "Femmes",
    colMen: "Hommes",
    colNonBinary: "Non binaires",
    excludedTitle: "Lignes écartées des indicateurs, et pourquoi",
    excludedCaption: "Une ligne écartée compte sous chaque code qui l'a écartée",
    colCode: "Code",
    colRows: "Lignes",
    errorsTitle: "Erreurs et avertissements",
    filterCode: "Filtrer par code",
    filterField: "Filtrer par champ",
    all: "Tous",
    errorsCaption: "Constats, ligne par ligne (le fichier d'erreurs les contient tous)",
    colLine: "Ligne",
    colId: "Identifiant",
    colColumn: "Colonne",
    colField: "Champ",
    colSeverity: "Gravité",
    colMessage: "Message",
    error: "erreur",
    warning: "avertissement",
    workbook: {
      workbook_not_zip: "le fichier porte le nom d'un classeur (.xlsx) mais n'en est pas un : enregistrez-le de nouveau depuis le tableur, ou au format CSV",
      workbook_unreadable: "le classeur n'a pas pu être lu : il est abîmé ou n'est pas au format XLSX",
      workbook_not_workbook: "le fichier compressé n'est pas un classeur XLSX",
      workbook_no_sheet: "le classeur n'a pas de feuille de calcul à lire (la première feuille doit contenir l'export)",
      workbook_empty: "le fichier est vide",
      workbook_too_big: "le classeur est trop grand pour être lu ici (plus de 32 Mo, ou plus de 256 Mo une fois décompressé) : enregistrez-le au format CSV",
    },
    noFile: "Choisissez d'abord un fichier CSV ou XLSX.",
    noDate: "Indiquez la date de référence, au format JJ/MM/AAAA.",
    badMapping: "La correspondance n'est pas un objet JSON dont chaque valeur est un texte.",
    chosen: (name, size) => `Fichier choisi : ${name} (${size})`,
    progress: (read, size, rows) => `${read} sur ${size} lus, ${rows} lignes contrôlées`,
    running: "Contrôle en cours…",
    cancelled: "Contrôle annulé : aucun résultat.",
    finished: (rows) => `Contrôle terminé : ${rows} lignes.`,
    totals: [["rows", "Lignes lues"], ["counted", "Comptées dans les indicateurs"], ["excluded", "Écartées"], ["errors", "Erreurs"], ["warnings", "Avertissements"]],
    required: (fields) => `Aucune colonne ne donne ces champs obligatoires : ${fields}.`,
    shown: (shown, total) => `${shown} constats affichés sur ${total}.`,
    capped: (n) => ` Le tableau garde les ${n} premiers constats ; le fichier d'erreurs les contient tous.`,
    dashboardsIntro: "Tableaux de bord du PLIE, à partir des colonnes du programme de l'export.",
    apartCaption: (title) => `${title} : lignes comptées à part, et pourquoi`,
    colReason: "Motif",
    withheld: "Plus de 64 territoires différents : la colonne ne semble pas donner des territoires, le tableau n'est pas affiché.",
    reasons: {
      line_not_read: "ligne illisible", territory_missing: "territoire non renseigné", territory_invalid: "territoire illisible (plus de 60 caractères)",
      too_many_territories: "plus de 64 territoires", decision_missing: "décision non renseignée", decision_invalid: "décision inconnue",
      entry_criterion_missing: "critère d'entrée non renseigné", entry_criterion_invalid: "critère d'entrée inconnu", exit_type_invalid: "type de sortie inconnu",
      last_interview_date_missing: "date du dernier entretien non renseignée", last_interview_date_invalid: "date du dernier entretien illisible ou postérieure à la date de référence",
      not_entered: "positionnement reporté ou refusé", not_counted: "ligne écartée des indicateurs", exited: "participant sorti",
    },
    number: "fr-FR",
  },
  en: {
    docTitle: "Checking a participant export — parcours",
    tagline: "Demonstration — checking a participant export and the ESF+ indicators",
    title: "Check a participant export",
    intro: "Choose the CSV export or the XLSX workbook of your case-management software: each row is checked as a participant questionnaire, then the ESF+ common indicators are counted by gender. The file is read in your browser: nothing is sent, nothing is stored.",
    loading: "Loading the page…",
    loadError: "The checking module could not be loaded. Reload the page.",
    settingsLegend: "Export and rules applied",
    fileLabel: "CSV export or XLSX workbook",
    fileHint: "Choose the file or drop it here. CSV in UTF-8 or Windows-1252, “;” or “,” as separator, one header line; or an XLSX workbook: its first sheet is read, its first row is the header.",
    phaseLabel: "Questionnaire phase",
    phaseEntry: "Entry",
    phaseExit: "Exit",
    phaseFollowUp: "Six-month follow-up",
    referenceLabel: "Reference date",
    referenceHint: "As DD/MM/YYYY. Every date rule applies on this date.",
    mappingLabel: "Column mapping (optional)",
    mappingHint: "A JSON object { \"header\": \"section.field\" }. Without it, a column whose header is a questionnaire field gives that field, and participant_id the identifier.",
    languageLegend: "Language",
    start: "Check the export",
    cancel: "Cancel",
    progressLabel: "Progress of the check",
    resultsTitle: "Results",
    downloadsTitle: "Download",
    downloadErrors: "Error file (CSV)",
    downloadCsv: "Indicators (CSV)",
    downloadJson: "Indicators (JSON)",
    indicatorsTitle: "ESF+ common indicators by gender",
    indicatorsCaption: "Participants counted, by Annex I indicator and by gender",
    colIndicator: "Indicator",
    colLabel: "Label",
    colTotal: "Total",
    colWomen: "Women",
    colMen: "Men",
    colNonBinary: "Non-binary",
    excludedTitle: "Rows kept out of the indicators, and why",
    excludedCaption: "A row kept out counts under each code that kept it out",
    colCode: "Code",
    colRows: "Rows",
    errorsTitle: "Errors and warnings",
    filterCode: "Filter by code",
    filterField: "Filter by field",
    all: "All",
    errorsCaption: "Findings, line by line (the error file holds them all)",
    colLine: "Line",
    colId: "Identifier",
    colColumn: "Column",
    colField: "Field",
    colSeverity: "Severity",
    colMessage: "Message",
    error: "error",
    warning: "warning",
    workbook: {
      workbook_not_zip: "the file is named as a workbook (.xlsx) but is not one: save it again from the spreadsheet, or as CSV",
      workbook_unreadable: "the workbook could not be read: it is damaged or not in XLSX format",
      workbook_not_workbook: "the compressed file is not an XLSX workbook",
      workbook_no_sheet: "the workbook has no worksheet to read (the first sheet must hold the export)",
      workbook_empty: "the file is empty",
      workbook_too_big: "the workbook is too big to be read here (over 32 MB, or over 256 MB once unzipped): save it as CSV",
    },
    noFile: "Choose a CSV or XLSX file first.",
    noDate: "Give the reference date, as DD/MM/YYYY.",
    badMapping: "The mapping is not a JSON object whose values are all text.",
    chosen: (name, size) => `File chosen: ${name} (${size})`,
    progress: (read, size, rows) => `${read} of ${size} read, ${rows} rows checked`,
    running: "Checking…",
    cancelled: "Check cancelled: no result.",
    finished: (rows) => `Check finished: ${rows} rows.`,
    totals: [["rows", "Rows read"], ["counted", "Counted in the indicators"], ["excluded", "Kept out"], ["errors", "Errors"], ["warnings", "Warnings"]],
    required: (fields) => `No column gives these required fields: ${fields}.`,
    shown: (shown, total) => `${shown} findings shown of ${total}.`,
    capped: (n) => ` The table keeps the first ${n} findings; the error file holds them all.`,
    dashboardsIntro: "The PLIE's dashboards, from the export's programme columns.",
    // The summary's dashboards are worded in French (the command line's files); in
    // English the page words them from their identifiers.
    dashboards: {
      decisions_by_territory: ["Entries, deferrals and refusals by territory", "Territory"],
      decisions_by_entry_criterion: ["Entries, deferrals and refusals by entry criterion", "Entry criterion"],
      typology_of_publics: ["Typology of the publics followed", "Public"],
      exits_by_type: ["Exits by type", "Type of exit"],
      no_interview_over_2_months: ["Participants with no interview for more than 2 months", "Situation"],
    },
    columns: { entry: "Entries", deferral: "Deferrals", refusal: "Refusals", participants: "Participants", rows: "Rows" },
    keys: {
      rsa_socle: "Basic RSA recipients", rsa: "RSA recipients", long_term_job_seeker: "Long-term job seekers",
      qpv: "Residents of priority neighbourhoods", rqth_valid: "Recognised disabled workers", clause_sociale: "Social clause publics",
      other: "Other", durable_employment: "Durable employment", qualifying_training: "Qualifying training",
      business_creation: "Business creation", administrative: "Administrative exit", no_exit: "Not exited yet",
      over_2_months: "No interview for more than 2 months", within_2_months: "An interview in the last 2 months",
    },
    apartCaption: (title) => `${title}: rows counted apart, and why`,
    colReason: "Reason",
    withheld: "More than 64 different territories: the column does not look like territories, the table is not shown.",
    reasons: {
      line_not_read: "line not read", territory_missing: "territory blank", territory_invalid: "territory unreadable (over 60 characters)",
      too_many_territories: "more than 64 territories", decision_missing: "decision blank", decision_invalid: "unknown decision",
      entry_criterion_missing: "entry criterion blank", entry_criterion_invalid: "unknown entry criterion", exit_type_invalid: "unknown exit type",
      last_interview_date_missing: "last interview date blank", last_interview_date_invalid: "last interview date unreadable or after the reference date",
      not_entered: "positioning deferred or refused", not_counted: "row kept out of the indicators", exited: "participant exited",
    },
    number: "en-GB",
  },
};

/** Findings the worker sends at most (lot-worker.js). */
const SHOWN = 5000;
/** Rows of the findings table drawn at once. */
const DRAWN = 500;

let locale = "fr";
let file = null;
let worker = null;
/** A worker started ahead, its module loading while the user chooses a file. */
let spare = null;
let findings = [];
let result = null;

const words = () => WORDS[locale];
const number = (n) => new Intl.NumberFormat(words().number).format(n);
const bytes = (n) => (n < 1024 * 1024 ? `${number(Math.ceil(n / 1024))} Ko` : `${number(Math.round(n / 1024 / 102.4) / 10)} Mo`);
const setState = (state) => (document.documentElement.dataset.state = state);

function problem(text) {
  $("problem-text").textContent = text;
  $("problem").hidden = !text;
}

function choose(chosen) {
  file = chosen ?? null;
  $("file-name").textContent = file ? words().chosen(file.name, bytes(file.size)) : "";
  problem("");
}

/** Starts the next check's worker now (lot-worker.js loads its module at once). */
function prepare() {
  if (spare) return;
  spare = new Worker("/lot-worker.js", { type: "module" });
  spare.onerror = () => (spare.failed = true);
}

function stop() {
  worker?.terminate();
  worker = null;
  $("start").disabled = false;
  $("cancel").disabled = true;
  prepare();
}

function start(event) {
  event.preventDefault();
  problem("");
  if (!file) return problem(words().noFile);
  const referenceDate = typedDate($("reference_date").value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) return problem(words().noDate);
  const settings = { phase: $("phase").value, reference_date: referenceDate, locale };
  const mappingText = $("mapping").value.trim();
  if (mappingText) {
    let mapping;
    try {
      mapping = JSON.parse(mappingText);
    } catch {
      mapping = null;
    }
    const valid = mapping && typeof mapping === "object" && !Array.isArray(mapping) && Object.values(mapping).every((v) => typeof v === "string");
    if (!valid) return problem(words().badMapping);
    settings.mapping = mapping;
  }
  worker?.terminate();
  worker = null;
  findings = [];
  result = null;
  $("results").hidden = true;
  $("progress").value = 0;
  $("progress-text").textContent = "";
  $("status").textContent = words().running;
  $("progress-section").hidden = false;
  $("start").disabled = true;
  $("cancel").disabled = false;
  setState("running");
  prepare();
  worker = spare.failed ? new Worker("/lot-worker.js", { type: "module" }) : spare;
  spare = null;
  worker.onmessage = ({ data }) => {
    if (data.type === "progress") {
      $("progress").value = data.size ? data.read / data.size : 1;
      $("progress-text").textContent = words().progress(bytes(data.read), bytes(data.size), number(data.rows));
      if (findings.length < SHOWN) findings.push(...data.findings);
    } else if (data.type === "restart") {
      // A workbook read again from its start (lot-worker.js): its findings come again.
      findings = [];
    } else if (data.type === "error") {
      stop();
      $("progress-section").hidden = true;
      problem(data.code === "module" ? words().loadError : (words().workbook[data.code] ?? data.message));
      setState("failed");
    } else if (data.type === "done") {
      stop();
      result = data;
      $("status").textContent = words().finished(number(data.summary.rows));
      showResults();
      setState("done");
    }
  };
  worker.onerror = () => {
    stop();
    problem(words().loadError);
    setState("failed");
  };
  worker.postMessage({ file, settings });
}

function cancel() {
  stop();
  $("progress").value = 0;
  $("progress-text").textContent = "";
  $("status").textContent = words().cancelled;
  setState("cancelled");
}

function cells(row, values) {
  for (const value of values) row.append(element("td", {}, String(value)));
  return row;
}

function showResults() {
  const { summary } = result;
  const w = words();
  const totals = $("totals");
  totals.replaceChildren(
    ...w.totals.map(([key, label]) => {
      const item = element("li", { "data-total": key });
      item.append(element("strong", {}, number(summary[key])), ` ${label}`);
      return item;
    }),
  );
  $("required").hidden = summary.required_without_column.length === 0;
  $("required").textContent = w.required(summary.required_without_column.join(", "));
  $("indicators").tBodies[0].replaceChildren(
    ...summary.indicators.map((i) => {
      const row = element("tr", { "data-indicator": i.id });
      row.append(element("th", { scope: "row" }, i.id));
      return cells(row, [i.label, number(i.total), number(i.women), number(i.men), number(i.non_binary)]);
    }),
  );
  $("excluded").tBodies[0].replaceChildren(
    ...Object.entries(summary.excluded_by_code).map(([code, n]) => {
      const row = element("tr", { "data-code": code });
      row.append(element("th", { scope: "row" }, code));
      return cells(row, [number(n)]);
    }),
  );
  showDashboards(summary.dashboards ?? []);
  const options = (select, values) => {
    const kept = select.value;
    select.replaceChildren(element("option", { value: "" }, w.all), ...values.map((v) => element("option", { value: v }, v)));
    if (values.includes(kept)) select.value = kept;
  };
  options($("filter-code"), Object.keys(summary.findings_by_code));
  options($("filter-field"), [...new Set(findings.map((f) => f.field))].sort());
  showFindings();
  $("results").hidden = false;
}

/** The programme dashboards, when the export has programme columns: a table each,
 * and the rows it counts apart with the reason in words. */
function showDashboards(dashboards) {
  const w = words();
  const parts = dashboards.length ? [element("p", { class: "fr-text--sm" }, w.dashboardsIntro)] : [];
  for (const d of dashboards) {
    // French: the summary's words; English: the page's, by identifier (a territory
    // keeps its name). An exit type "other" is worded apart from a public "other".
    const [title, keyLabel] = w.dashboards?.[d.id] ?? [d.title, d.key_label];
    const columnLabels = w.columns ? d.columns.map((c) => w.columns[c] ?? c) : d.column_labels;
    const lineLabel = (line) =>
      !w.keys || d.id === "decisions_by_territory" ? line.label : d.id === "exits_by_type" && line.key === "other" ? "Other exit" : (w.keys[line.key] ?? line.label);
    parts.push(element("h3", {}, title));
    if (d.withheld) {
      parts.push(element("p", { class: "fr-alert fr-alert--warning" }, w.withheld));
    } else {
      const table = element("table", { "data-dashboard": d.id });
      table.append(element("caption", {}, title));
      const head = element("tr");
      head.append(element("th", { scope: "col" }, keyLabel), ...columnLabels.map((l) => element("th", { scope: "col" }, l)));
      const body = element("tbody");
      for (const line of d.lines) {
        const row = element("tr", { "data-key": line.key });
        row.append(element("th", { scope: "row" }, lineLabel(line)));
        body.append(cells(row, line.counts.map(number)));
      }
      const thead = element("thead");
      thead.append(head);
      table.append(thead, body);
      const wrap = element("div", { class: "fr-table" });
      wrap.append(table);
      parts.push(wrap);
    }
    const apart = Object.entries(d.apart);
    if (apart.length) {
      const table = element("table", { "data-apart": d.id });
      table.append(element("caption", {}, w.apartCaption(title)));
      const head = element("tr");
      head.append(element("th", { scope: "col" }, w.colReason), element("th", { scope: "col" }, w.colRows));
      const body = element("tbody");
      for (const [reason, n] of apart) {
        const row = element("tr", { "data-reason": reason });
        row.append(element("th", { scope: "row" }, w.reasons[reason] ?? reason));
        body.append(cells(row, [number(n)]));
      }
      const thead = element("thead");
      thead.append(head);
      table.append(thead, body);
      const wrap = element("div", { class: "fr-table" });
      wrap.append(table);
      parts.push(wrap);
    }
  }
  $("dashboards").replaceChildren(...parts);
}

function showFindings() {
  if (!result) return;
  const code = $("filter-code").value;
  const field = $("filter-field").value;
  const w = words();
  const kept = findings.filter((f) => (!code || f.code === code) && (!field || f.field === field));
  $("errors").tBodies[0].replaceChildren(
    ...kept.slice(0, DRAWN).map((f) =>
      cells(element("tr"), [f.line, f.id ?? "", f.column, f.field, f.code, f.severity === "error" ? w.error : w.warning, f.message]),
    ),
  );
  const total = result.summary.errors + result.summary.warnings;
  let text = w.shown(number(Math.min(kept.length, DRAWN)), number(code || field ? kept.length : total));
  if (total > findings.length) text += w.capped(number(findings.length));
  $("errors-count").textContent = text;
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function setLocale(next) {
  locale = next;
  applyWords(WORDS[locale], locale);
  if (file) choose(file);
  if (result) showResults();
}

$("settings").addEventListener("submit", start);
$("reference_date").addEventListener("change", (event) => tidyDate(event.target));
$("cancel").addEventListener("click", cancel);
$("file").addEventListener("change", () => choose($("file").files[0]));
const drop = $("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("lot-drop-over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("lot-drop-over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("lot-drop-over");
  choose(event.dataTransfer?.files?.[0]);
});
$("filter-code").addEventListener("change", showFindings);
$("filter-field").addEventListener("change", showFindings);
$("download-errors").addEventListener("click", () => download("erreurs.csv", result.errors_csv, "text/csv;charset=utf-8"));
$("download-csv").addEventListener("click", () => download("indicateurs.csv", result.indicators_csv, "text/csv;charset=utf-8"));
$("download-json").addEventListener("click", () => download("indicateurs.json", result.indicators_json, "application/json"));
for (const radio of document.querySelectorAll('input[name="locale"]')) {
  radio.addEventListener("change", () => radio.checked && setLocale(radio.value));
}
setLocale(document.querySelector('input[name="locale"]:checked')?.value ?? "fr");
prepare();
showApp();
