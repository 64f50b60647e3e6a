import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/index.js';
import { FIXTURES, readJson } from './helpers.js';

interface SeedMessage {
  edition: string;
  section: string;
  text: string;
  code: string;
}

const file = join(FIXTURES, 'seed/messages.json');
const messages = existsSync(file) ? readJson<SeedMessage[]>(file) : [];

describe('explain recognises every sample message of the note, alone, in every edition', () => {
  it('has the message list', () => {
    expect(messages.length).toBeGreaterThan(20);
  });
  for (const m of messages) {
    it(`${m.edition}: ${m.section}: ${m.text.split('\n')[0]}`, () => {
      const r = explain(m.text);
      expect(r.recognised).toBe(true);
      expect(r.findings.map((f) => f.code)).toContain(m.code);
    });
  }
});
