// The timing page's script: the same suite as bench/node.mjs, on the shipped browser
// build (/pkg/) and the peers' bundles (/bundles/).
import init, * as parcours from "/pkg/parcours.js";
import { makeSubjects, run } from "/bench/suite.mjs";

window.bench = async ({ rounds, minMs, warmupMs, only }) => {
  await init();
  const peers = {
    ajv: await import("/bundles/ajv.js"),
    ajvStandalone: await import("/bundles/ajv-standalone.js"),
    zod: await import("/bundles/zod.js"),
    valibot: await import("/bundles/valibot.js"),
  };
  const subjects = makeSubjects(parcours, peers);
  return run(subjects, { now: () => performance.now(), rounds, minMs, warmupMs, only });
};
window.benchReady = true;
