// A page's use of the package's declarations (pkg/, built by scripts/build.sh), checked
// by `tsc --noEmit -p tests/ts` in scripts/test.sh: the declarations are generated
// from the Rust types (crates/parcours-wasm/build.rs), and this file is what a portal
// developer writes against them. Never run, only type-checked.

import init, {
  check,
  labels,
  programmes,
  schema,
  QuestionnaireForm,
  type AnyRequest,
  type CheckRequest,
  type Diff,
  type EligibilityRequest,
  type Finding,
  type Report,
} from "../../pkg/web/parcours.js";
import initFull, { check as checkEvery, type ExitRequest, type FollowUpRequest, type PortfolioRequest } from "../../pkg/web/parcours_full.js";
import initLot, { Lot, type LotError, type LotProgress, type LotResult } from "../../pkg/web/parcours_lot.js";
import initProgrammes, {
  check as checkWith,
  checkProgramme,
  programmes as programmesWith,
  registerProgramme,
  type FileProblem,
  type Registration,
} from "../../pkg/web/parcours_programmes.js";
import { attach } from "../../pkg/web/attach.js";
import * as node from "../../pkg/node/parcours.js";

export async function questionnaire(): Promise<string[]> {
  await init();
  const request: CheckRequest = {
    phase: "entry",
    reference_date: "2026-11-23",
    locale: "fr",
    options: { young_age: 26 },
    data: { identity: { birth_date: "2023-02-30", gender: "woman" }, contact: null },
  };
  const report: Report = check(request);
  const errors: Finding[] = report.findings.filter((f) => f.severity === "error");
  const age: number | undefined = report.derived?.age_at_entry;
  const form = new QuestionnaireForm({ reference_date: "2026-11-23" });
  const diff: Diff = form.set("identity.birth_date", "1990-01-01");
  if (form.update("contact.postal_code", "59000")) form.changes();
  form.load({ operation: { entry_date: "2026-11-02" } });
  // @ts-expect-error: not a field of the questionnaire
  form.set("identity.shoe_size", "42");
  const codes: string[] = errors.map((f) => f.code);
  void [age, diff, form.report().valid];
  return codes;
}

export async function orientation(): Promise<void> {
  const eligibility: EligibilityRequest = {
    check: "eligibility",
    programme: "plie-flandre-lys",
    decision_date: "2026-11-23",
    facts: { birth_date: "1990-01-01", postal_code: "59840" },
  };
  const requests: AnyRequest[] = [eligibility, { reference_date: "2026-11-23" }];
  for (const r of requests) {
    const report = check(r);
    const outcome: string | undefined = report.decision?.outcome;
    void outcome;
  }
  const labelled = programmes("en").map((p) => p.id);
  const titles: Record<string, string> = labels("fr").rules;
  const sections = schema("fr").sections.map((s) => s.fields.length);
  // @ts-expect-error: the small module's requests do not include exits
  const exit: AnyRequest = { check: "exit", programme: "plie-flandre-lys", exit_date: "2026-11-23" };
  void [labelled, titles, sections, exit];
}

export async function exits(): Promise<void> {
  await initFull();
  const exit: ExitRequest = {
    check: "exit",
    programme: "plie-flandre-lys",
    exit_date: "2026-11-23",
    exit: { reason: "temporary_work", missions: [{ start: "2026-09-01", end: "2026-10-31", hours: "151.67" }] },
  };
  const followUp: FollowUpRequest = {
    check: "follow_up",
    programme: "plie-flandre-lys",
    reference_date: "2026-11-23",
    entry_date: "2026-01-05",
    events: [
      { type: "interview", date: "2026-02-01", mode: "phone" },
      { type: "step", start: "2026-03-01", kind: "training", certification: "diploma" },
    ],
  };
  const portfolio: PortfolioRequest = { check: "portfolio", programme: "plie-flandre-lys", reference_date: "2026-11-23" };
  const category = checkEvery(exit).exit?.category;
  const obligations = checkEvery(followUp).follow_up?.obligations.length;
  void [category, obligations, checkEvery(portfolio).portfolio];
  const report: Report = node.check(exit);
  void report;
}

export async function exportFile(bytes: Uint8Array): Promise<LotResult | LotError> {
  await initLot();
  const lot = new Lot({ phase: "entry", reference_date: "2025-12-31", mapping: { Nom: "identity.last_name" } });
  const step: LotProgress | LotError = lot.push(bytes);
  if ("error" in step) return step;
  const lines: number[] = step.findings.map((f) => f.line);
  void lines;
  lot.finish();
  return lot.files();
}

export async function portalProgramme(text: string): Promise<string | FileProblem[]> {
  await initProgrammes();
  // As the author types: the problems, nothing kept.
  const problems: FileProblem[] = checkProgramme(text, "en");
  const places = problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
  void places;
  const answer: Registration = registerProgramme(text);
  if (!answer.registered) return answer.problems;
  const status: "new" | "version" | "replaced" | undefined = answer.status;
  const id = answer.id ?? "";
  const listed = programmesWith("fr").some((p) => p.id === id);
  const report = checkWith({ check: "eligibility", programme: id, decision_date: "2026-11-23", facts: { birth_date: "1990-01-01" } });
  void [status, listed, report.decision?.outcome, answer.versions.length, node.registerProgramme(text).registered];
  // @ts-expect-error: a programme file is a text
  registerProgramme({ id });
  return id;
}

export function embed(form: HTMLFormElement): void {
  const attachment = attach(form, { reference_date: "2026-11-23", locale: "fr" });
  void attachment;
}
