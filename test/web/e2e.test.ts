import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { FIXTURES } from '../helpers.js';
import { launchBrowser, missingBrowser } from './browser.js';
import { fixedFleet } from './fleet-fixture.js';

/**
 * The workbench in real headless Chromium against a real server (history in memory, a fixed
 * fleet). Screenshots of each view go to a temporary folder, or to IPSEC_DOCTOR_SCREENSHOTS
 * (e.g. docs/screenshots) when set.
 */
const SEED = readFileSync(
  join(FIXTURES, 'seed/en/hash-algorithm-offered-does-not-match-policy-3/input.log'),
  'utf8',
).trimEnd();
const XSS = '<img src=x onerror=alert(1)>';
/** A hostname is one word: markup that needs no space. */
const HOSTILE_HOST = '<img/src=x/onerror=alert(1)>';
const TRANSCRIPT = `${SEED}\n${XSS}\ncrypto isakmp key s3cr3t-psk address 150.150.150.1`;
const KEEP_SHOTS = process.env['IPSEC_DOCTOR_SCREENSHOTS'];
const SHOTS = KEEP_SHOTS ?? mkdtempSync(join(tmpdir(), 'ipsec-doctor-shots-'));

const skip = missingBrowser();
/** Generous: a loaded CI machine starts workers and Chromium slowly; a pass is usually immediate. */
const WAIT = { timeout: 20_000 };
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, WAIT);

describe.skipIf(skip !== undefined)('web workbench in Chromium', () => {
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let base: string;
  let context: BrowserContext;
  let close: () => Promise<void>;
  let page: Page;
  const problems: string[] = [];

  const shot = async (name: string) => {
    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = buildServer({ db: ':memory:', fleet: fixedFleet() });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    bare = buildServer({});
    await bare.listen({ host: '127.0.0.1', port: 0 });
    ({ context, close } = await launchBrowser());
    page = await context.newPage();
    // A CSP violation or script error would show here: the page must need neither.
    // (API errors such as the fleet's 404 are answers the page handles; only assets must not fail.)
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/'))
        problems.push(`${r.status()} ${r.url()}`);
    });
    // A navigation cancels the page's own pending calls (net::ERR_ABORTED): not a failure.
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED')
        problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      if (d.message() !== 'Delete analysis 1 from the history?') problems.push(`dialog: ${d.message()}`);
      void d.accept();
    });
  }, 60_000);

  afterAll(async () => {
    await close?.();
    await app?.close();
    await bare?.close();
    if (!KEEP_SHOTS) rmSync(SHOTS, { recursive: true, force: true });
  });

  it('diagnose: paste a seed transcript, see the finding, click it, its evidence line is highlighted', async () => {
    await page.goto(`${base}/#/diagnose`);
    await page.getByLabel('Paste logs or show output').fill(TRANSCRIPT);
    await page.getByRole('button', { name: 'Diagnose', exact: true }).click();
    const card = page.locator('article.finding').first();
    await poll(() => card.locator('.code').textContent()).toBe('IKE_POLICY_MISMATCH');
    expect(await page.locator('.verdict .headline').textContent()).toContain('Phase 1 fails');
    // Line 8: `Encryption algorithm offered does not match policy!`; line 1 starts the evidence.
    const evidence = page.locator('#d-0-8');
    const first = page.locator('#d-0-1');
    expect(await evidence.getAttribute('class')).toContain('evidence');
    expect(await evidence.getAttribute('class')).not.toContain('selected');
    await card.locator('h3 button').click();
    await poll(() => evidence.getAttribute('class')).toContain('selected');
    await poll(() => first.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await first.isVisible()).toBe(true);
    // Focus shows the line's gloss.
    expect(await first.locator('.gloss').isVisible()).toBe(true);
    expect(await card.getAttribute('class')).toContain('selected');
    await shot('diagnose');
    // Another view and back: the input and its result are still there.
    await page.getByRole('link', { name: 'Fleet' }).click();
    await page.getByRole('link', { name: 'Diagnose' }).click();
    await poll(() => page.locator('article.finding.selected').count()).toBe(1);
    expect(await page.getByLabel('Paste logs or show output').inputValue()).toBe(TRANSCRIPT);
  });

  it('renders a hostile line as text, and masks the pre-shared key in the input view', async () => {
    const lines = page.locator('.lines');
    expect(await lines.locator('img').count()).toBe(0);
    expect(await lines.locator('li .text', { hasText: XSS }).count()).toBe(1);
    expect(await lines.textContent()).not.toContain('s3cr3t-psk');
    expect(await lines.textContent()).toContain('crypto isakmp key *****');
  });

  it('switching to Japanese changes the card text, and the choice survives a reload', async () => {
    const title = page.locator('article.finding h3').first();
    const english = await title.textContent();
    await page.getByLabel('Language').selectOption('ja');
    await poll(() => title.textContent()).not.toBe(english);
    expect(await title.textContent()).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(await page.locator('nav a').first().textContent()).toBe('診断');
    await page.reload();
    expect(await page.locator('nav a').first().textContent()).toBe('診断');
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await page.getByLabel('言語').selectOption('en');
  });

  it('history: the analysis is listed after a reload, opens again, and can be deleted', async () => {
    await page.goto(`${base}/#/history`);
    await page.reload();
    const row = page.locator('table.history tbody tr');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('IKE_POLICY_MISMATCH');
    expect(await row.textContent()).toContain('pasted.log');
    await page.getByLabel('Finding code').fill('PSK_');
    await page.getByRole('button', { name: 'Search' }).click();
    await poll(() => page.locator('text=No analysis matches.').count()).toBe(1);
    await page.getByLabel('Finding code').fill('ike_pol');
    await page.getByRole('button', { name: 'Search' }).click();
    await poll(() => row.count()).toBe(1);
    await row.getByRole('link', { name: 'Open' }).click();
    await expect
      .poll(() => page.locator('article.finding .code').first().textContent())
      .toBe('IKE_POLICY_MISMATCH');
    // Stored inputs were masked before they were written.
    expect(await page.getByLabel('Paste logs or show output').inputValue()).toContain(
      'crypto isakmp key *****',
    );
    await page.goto(`${base}/#/history`);
    await row.getByRole('button', { name: 'Delete' }).click();
    await poll(() => row.count()).toBe(0);
  });

  it('check: two configurations side by side, the outcome on top, the fault marked on both sides', async () => {
    await page.goto(`${base}/#/check`);
    // The note's Peer A / Peer B, with Peer B's key changed: phase 1 fails at authentication.
    const peerA = readFileSync(join(FIXTURES, 'config/pairs/ios-ios/peer-a.cfg'), 'utf8');
    const peerB = readFileSync(join(FIXTURES, 'config/pairs/ios-ios/peer-b.cfg'), 'utf8').replace(
      'key 0 Mirr0r-Me',
      'key 0 Typo-Mirr0r',
    );
    await page.getByRole('textbox', { name: 'Configuration A' }).fill(peerA);
    await page.getByRole('textbox', { name: 'Configuration B' }).fill(peerB);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await poll(() => page.locator('.verdict .headline').count()).toBe(1);
    const headline = (await page.locator('.verdict .headline').textContent()) ?? '';
    expect(headline).toContain('phase 1');
    expect(headline).toContain('MM_KEY_EXCH');
    expect(await page.getByText('PSK_MISMATCH').count()).toBeGreaterThan(0);
    expect(await page.getByText('the pre-shared keys differ').count()).toBeGreaterThan(0);
    const sides = page.locator('.side-result');
    expect(await sides.count()).toBe(2);
    // The fix goes to Peer B (the responder whose key is looked up): its card is on B's side only.
    expect(await sides.nth(0).getByText('PSK_MISMATCH').count()).toBe(0);
    expect(await sides.nth(1).getByText('PSK_MISMATCH').count()).toBe(1);
    // The key line (line 9 of both files) is evidence on both sides, and neither key shows.
    for (const i of [0, 1]) {
      const marked = await sides.nth(i).locator('.lines .evidence').allTextContents();
      expect(marked.join('\n')).toContain('crypto isakmp key');
      const text = (await sides.nth(i).textContent()) ?? '';
      expect(text).not.toContain('Mirr0r-Me');
      expect(text).not.toContain('Typo-Mirr0r');
    }
    await shot('check');
  });

  it('simulate: the ladder with the failing arrow in red, both transcripts; the labels follow the language', async () => {
    await page.goto(`${base}/#/simulate`);
    // The note's Peer A / Peer B with Peer B's transform set changed (faults.ts): quick mode fails.
    const peerA = readFileSync(join(FIXTURES, 'config/pairs/ios-ios/peer-a.cfg'), 'utf8');
    const peerB = readFileSync(join(FIXTURES, 'config/pairs/ios-ios/peer-b.cfg'), 'utf8').replace(
      'esp-aes 256 esp-sha-hmac',
      'esp-3des esp-sha-hmac',
    );
    await page.getByRole('textbox', { name: 'Configuration A' }).fill(peerA);
    await page.getByRole('textbox', { name: 'Configuration B' }).fill(peerB);
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();
    const ladder = page.locator('.ladder-scroll > svg');
    await poll(() => ladder.count()).toBe(1);
    expect(await page.locator('.verdict .headline').textContent()).toContain('fails in phase 2');
    expect(await page.locator('article.finding .code').first().textContent()).toBe('TRANSFORM_SET_MISMATCH');
    expect(await ladder.getAttribute('aria-label')).toBe(
      'IKE messages between PeerA and PeerB, in time order',
    );
    expect(await ladder.locator('.host').allTextContents()).toEqual(['PeerA', 'PeerB']);
    expect(await ladder.locator('.address').allTextContents()).toEqual(['12.1.1.1', '20.1.1.2']);
    // One arrow per message: main mode, quick mode's first message, B's refusal.
    const arrows = ladder.locator('g.arrow');
    expect(await arrows.count()).toBe(8);
    expect(await arrows.first().locator('.label').textContent()).toBe('MM1 SA (1 transform)');
    expect(await arrows.first().getAttribute('tabindex')).toBe('0');
    const failed = ladder.locator('g.arrow.failed');
    expect(await failed.count()).toBe(1);
    expect(await failed.getAttribute('aria-label')).toMatch(
      /^Failed step; 0\.030 s: PeerA to PeerB: QM1 HASH/,
    );
    expect(
      await failed
        .locator('line')
        .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).stroke),
    ).toBe('rgb(180, 35, 24)');
    expect(
      await arrows
        .first()
        .locator('line')
        .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).stroke),
    ).not.toBe('rgb(180, 35, 24)');
    // MM5, MM6, QM1 and the encrypted notify are dashed with a padlock; main mode's first four are not.
    const encrypted = ladder.locator('g.arrow.encrypted');
    expect(await encrypted.count()).toBe(4);
    expect(
      await encrypted
        .first()
        .locator('line')
        .evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).strokeDasharray),
    ).not.toBe('none');
    expect(await ladder.locator('g.arrow .lock').count()).toBe(4);
    // Both transcripts, side by side, in each device's dialect; no key anywhere.
    const outputs = page.locator('.text-pair pre');
    expect(await outputs.count()).toBe(4);
    expect(await outputs.nth(0).textContent()).toContain('sending packet to 20.1.1.2');
    expect(await outputs.nth(1).textContent()).toContain('received packet from 12.1.1.1');
    expect(await outputs.nth(2).textContent()).toContain('show crypto isakmp sa');
    expect(await page.locator('main').textContent()).not.toContain('Mirr0r-Me');
    await shot('simulate');

    const heading = page.locator('#simulate-heading');
    const legend = page.locator('.legend li').first();
    await page.getByLabel('Language').selectOption('ja');
    await poll(() => heading.textContent()).toBe('2 つのピア間のネゴシエーションをシミュレート');
    expect(await legend.textContent()).toBe('平文で送信');
    expect(await page.getByRole('button', { name: 'シミュレート', exact: true }).count()).toBe(1);
    await poll(() => failed.getAttribute('aria-label')).toMatch(/^失敗したステップ; 0\.030 秒/);
    // The findings come again from the server, in Japanese.
    await poll(() => page.locator('article.finding h3').first().textContent()).toMatch(
      /[\u3040-\u30ff\u4e00-\u9fff]/,
    );
    await page.getByLabel('言語').selectOption('en');
  });

  it('simulate on a phone: two runs as tabs (arrow keys), a hostile hostname as text, no sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/simulate`);
    // PeerB's shorter phase-1 lifetime: only B can initiate (faults.ts, LIFETIME_MISMATCH).
    const peerA = readFileSync(join(FIXTURES, 'config/pairs/ios-ios/peer-a.cfg'), 'utf8').replace(
      'hostname PeerA',
      `hostname ${HOSTILE_HOST}`,
    );
    const peerB = readFileSync(join(FIXTURES, 'config/pairs/ios-ios/peer-b.cfg'), 'utf8').replace(
      ' group 14',
      ' group 14\n lifetime 28800',
    );
    await page.getByRole('textbox', { name: 'Configuration A' }).fill(peerA);
    await page.getByRole('textbox', { name: 'Configuration B' }).fill(peerB);
    await page.getByRole('textbox', { name: 'Configuration B' }).press('Control+Enter');
    const tabs = page.getByRole('tab');
    await poll(() => tabs.count()).toBe(2);
    expect(await page.locator('.directions li').allTextContents()).toEqual([
      `When ${HOSTILE_HOST} initiates: stopped at MM1 (LIFETIME_MISMATCH)`,
      'When PeerB initiates: established',
    ]);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.locator('.ladder .host').first().textContent()).toMatch(/^<img\/src=x\/.*…$/);
    expect(await tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.ladder-scroll g.arrow.failed').count()).toBeGreaterThan(0);
    await tabs.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await poll(() => tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await tabs.nth(1).evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await page.locator('.ladder-scroll g.arrow.failed').count()).toBe(0);
    expect(await page.locator('.ladder-scroll g.arrow').count()).toBe(9);
    expect(await page.locator('.run > h3').textContent()).toBe(
      'PeerB initiates (20.1.1.2 → 12.1.1.1, VPN 10)',
    );
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('fleet: the tunnels with their error-rate sparklines, filtered by state', async () => {
    await page.goto(`${base}/#/fleet`);
    const rows = page.locator('table.fleet tbody tr');
    await poll(() => rows.count()).toBe(3);
    expect(await page.locator('svg.sparkline path').count()).toBe(3);
    expect(await page.locator('svg.sparkline path').nth(1).getAttribute('d')).toMatch(/^M0\.0 /);
    await shot('fleet');
    await page.getByLabel('State').selectOption('down');
    await poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('PSK_MISMATCH');
  });

  it('fleet without a live monitor says how to start one', async () => {
    await page.goto(`${bare.listeningOrigin}/#/fleet`);
    await poll(() => page.locator('.notice').count()).toBe(1);
    expect(await page.locator('.notice').textContent()).toContain('watch --http');
  });

  it('keyboard: Ctrl+Enter runs the analysis; a phone-sized screen needs no sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/diagnose`);
    await page.getByLabel('Paste logs or show output').fill(TRANSCRIPT);
    await page.getByLabel('Paste logs or show output').press('Control+Enter');
    await poll(() => page.locator('article.finding').count()).toBeGreaterThan(0);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'diagnose-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/#/history`);
    await poll(() => page.locator('table.history tbody tr').count()).toBe(2);
    await shot('history');
  });

  it('loaded nothing from elsewhere and broke no Content-Security-Policy rule', () => {
    expect(problems).toEqual([]);
  });
});
