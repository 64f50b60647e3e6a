import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/index.js';
import { FIXTURES, caseFolders, readJson } from './helpers.js';

interface Expect {
  description?: string;
  findings: Array<{
    code: string;
    peer?: string;
    device?: string;
    input?: string;
    lines?: number[];
    severity?: string;
  }>;
  absent?: string[];
}

const cases = caseFolders(FIXTURES);

describe('fixtures: every case yields exactly its expected findings', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const dir of cases) {
    const expected = readJson<Expect>(join(dir, 'expect.json'));
    it(`${relative(FIXTURES, dir)}: ${expected.description ?? ''}`, () => {
      const inputs = readdirSync(dir)
        .filter((f) => f !== 'expect.json')
        .sort()
        .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
      const { findings } = diagnose(inputs);
      const summary = findings.map((f) => `${f.code}${f.peer ? `@${f.peer}` : ''}`);
      for (const want of expected.findings) {
        const match = findings.find(
          (f) =>
            f.code === want.code &&
            (want.peer === undefined || f.peer === want.peer) &&
            (want.device === undefined || f.device === want.device) &&
            (want.severity === undefined || f.severity === want.severity),
        );
        expect(
          match,
          `missing ${want.code}${want.peer ? `@${want.peer}` : ''}; got ${summary.join(', ')}`,
        ).toBeDefined();
        for (const line of want.lines ?? []) {
          const input = want.input ?? inputs[0]?.name;
          expect(
            match!.evidence.some((e) => e.input === input && e.line === line),
            `${want.code} evidence lacks ${input}:${line}; has ${match!.evidence.map((e) => `${e.input}:${e.line}`).join(' ')}`,
          ).toBe(true);
        }
      }
      const wanted = new Set(expected.findings.map((f) => f.code));
      const unexpected = findings
        .filter((f) => f.severity !== 'info' && !wanted.has(f.code))
        .map((f) => f.code);
      expect(unexpected, `unexpected findings; got ${summary.join(', ')}`).toEqual([]);
      for (const code of expected.absent ?? []) {
        expect(
          findings.map((f) => f.code),
          `${code} must be absent`,
        ).not.toContain(code);
      }
    });
  }
});
