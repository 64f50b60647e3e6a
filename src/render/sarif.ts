import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CATALOGUE, type Code } from '../diagnose/catalogue.js';
import type { Translator } from '../i18n/index.js';
import type { Finding, Severity } from '../model/findings.js';
import type { Report } from '../pipeline/report.js';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for CI pipelines (code-scanning uploads): one rule per finding code, one result
 * per finding, located at its first evidence line, the other lines as related locations.
 */
export function renderSarif(r: Report, t: Translator): string {
  const codes = [...new Set(r.findings.map((f) => f.code))];
  const rules: ReportingDescriptor[] = codes.map((code) => {
    const known = code in CATALOGUE ? CATALOGUE[code as Code] : undefined;
    return {
      id: code,
      shortDescription: { text: t.text(`finding.${code}.title`) },
      fullDescription: { text: t.text(`finding.${code}.explanation`) },
      defaultConfiguration: { level: LEVEL[known?.severity ?? 'warning'] },
      properties: { phase: known?.phase, seedSection: known?.seed },
    };
  });
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'ipsec-doctor',
            version: r.version,
            informationUri: 'https://github.com/ipsec-doctor',
            rules,
          },
        },
        results: r.findings.map((f) => result(f, codes.indexOf(f.code))),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function location(e: Finding['evidence'][number]) {
  return {
    physicalLocation: {
      artifactLocation: { uri: e.input },
      region: { startLine: e.line, snippet: { text: e.text } },
    },
  };
}

function result(f: Finding, ruleIndex: number): Result {
  const [first, ...rest] = f.evidence;
  return {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.summary },
    ...(first && { locations: [location(first)] }),
    ...(rest.length > 0 && { relatedLocations: rest.map((e, id) => ({ id, ...location(e) })) }),
    properties: {
      remedy: f.remedy,
      details: f.details,
      ...(f.peer && { peer: f.peer }),
      ...(f.device && { device: f.device }),
    },
  };
}
