import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); never a downloaded browser. */
export const CHROMIUM = process.env['IPSEC_DOCTOR_CHROMIUM'] ?? '/usr/bin/chromium';

/** Without these, Chromium stalls on network look-ups on a machine with no internet. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or undefined when they can. In CI a missing browser is a failure. */
export function missingBrowser(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const reason = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set IPSEC_DOCTOR_CHROMIUM)`;
  if (process.env['IPSEC_DOCTOR_CI'] === '1') throw new Error(`IPSEC_DOCTOR_CI=1 and ${reason}`);
  console.warn(`skipping the web end-to-end tests: ${reason}`);
  return reason;
}

/** A headless browser with a fresh profile, thrown away on close. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'ipsec-doctor-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
