/**
 * Workload 4: `simulate` (negotiations per second) and `generate` (MB/s written). Neither verb
 * exists yet (issue 4): until they do, the report says so instead of leaving the rows out.
 */
import { cliHasVerb } from '../lib/verbs.mjs';

const VERBS = {
  simulate: 'negotiations per second of `simulate CONFIG_A CONFIG_B`',
  generate: 'MB/s written by `generate`',
};

export default {
  name: 'simulate',
  title: 'simulate and generate',
  async run(ctx) {
    const section = { columns: [], rows: [], missing: [], notes: [], summary: [] };
    for (const [verb, measures] of Object.entries(VERBS)) {
      const built = cliHasVerb(ctx.dist, verb);
      section.missing.push({
        what: verb,
        reason: built
          ? `\`ipsec-doctor ${verb}\` exists but this workload (${measures}) is not written yet`
          : `\`ipsec-doctor ${verb}\` is not built yet (issue 4); would measure ${measures}`,
      });
    }
    return section;
  },
};
