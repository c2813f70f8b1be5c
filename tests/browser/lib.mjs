// Shared helpers of the browser tests (tests/browser/*.mjs), run by tests/browser/run.sh, which
// starts a server over a fresh demo store and sets the environment:
//   AG_BASE_URL     the server, e.g. http://127.0.0.1:41234
//   AG_SOURCE_DIR   the repository (playwright-core comes from tools/node_modules)
//   AG_CHROMIUM     Debian's chromium (never a browser downloaded by Playwright)
//   AG_SCREENSHOTS  where screenshots go (build/<preset>/screenshots)
//   AG_DB           the store, for checks that read it (sqlite3)
// Output: one "ok - …" / "not ok - …" line per check and "# N checks, N failed"; exit 1 on failure.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.env.AG_SOURCE_DIR, 'tools', 'package.json'));
const { chromium } = require('playwright-core');

export const BASE = process.env.AG_BASE_URL;
export const PW = 'Nanwan-Demo-2026'; // every demo account's password (src/auth/demo.c)
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // mori, takahashi, hayashi, shimizu
export const VIEWPORTS = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: 'tablet-820x1180', width: 820, height: 1180 }, // a 10.9" tablet held upright
];

let checks = 0;
let fails = 0;
export function ok(name) {
  checks++;
  console.log(`ok - ${name}`);
}
export function notOk(name, detail) {
  checks++;
  fails++;
  console.log(`not ok - ${name}`);
  if (detail !== undefined)
    for (const line of String(detail).split('\n').slice(0, 20)) console.log(`    ${line}`);
}
export function check(cond, name, detail) {
  if (cond) ok(name);
  else notOk(name, detail);
  return cond;
}
export function equal(got, want, name) {
  return check(got === want, name, `got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
}
export function finish() {
  console.log(`# ${checks} checks, ${fails} failed`);
  return fails === 0 ? 0 : 1;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.AG_CHROMIUM,
    headless: true,
    // the test container has no user namespaces for chromium's sandbox; /dev/shm is small
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
}

// A browser context of its own (cookies per person) and a page whose every console error, page
// error, failed request and HTTP error status is recorded in `problems` — a CSP violation shows
// up as a console error ("Refused to … because it violates the following Content Security
// Policy directive"). `allow(url, status)` admits a response the test expects (e.g. a 403).
export async function personPage(browser, who) {
  const ctx = await browser.newContext({
    viewport: { width: VIEWPORTS[0].width, height: VIEWPORTS[0].height },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10000);
  const problems = [];
  const allowed = [];
  page.on('console', (m) => {
    // the browser also logs an HTTP error status as a console error: an allowed one is expected
    const st = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
    if (st && allowed.some((a) => a.status === Number(st[1]) && a.re.test(m.location().url || '')))
      return;
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text()))
      problems.push(`${who}: console ${m.type()}: ${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (e) => problems.push(`${who}: page error: ${e.message} (${page.url()})`));
  page.on('requestfailed', (r) => {
    // a sub-resource still loading (the icon, a stylesheet) when the page navigates away is
    // cancelled by the browser with ERR_ABORTED: that is the navigation, not a server fault
    // (it made browser_exceptions fail once in CI when the form was submitted quickly)
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.resourceType() !== 'document' && r.method() === 'GET')
      return;
    problems.push(`${who}: request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowed.some((a) => a.status === r.status() && a.re.test(r.url())))
      problems.push(`${who}: HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
  });
  return {
    ctx,
    page,
    problems,
    allow: (re, status) => allowed.push({ re, status }),
  };
}

// Signs in through the real form: login and password, then the one-time code (from oathtool,
// as a person would read it from an authenticator app) when the account has TOTP.
export async function signIn(page, login) {
  await page.goto(`${BASE}/login`);
  await page.fill('#login', login);
  await page.fill('#password', PW);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button[type=submit]')]);
  if (new URL(page.url()).pathname === '/login/totp') {
    for (let attempt = 0; attempt < 2; attempt++) {
      const code = execFileSync('oathtool', ['--totp', '-b', TOTP_SECRET]).toString().trim();
      await page.fill('input[name=code]', code);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/login/totp"] button[type=submit]')]);
      if (new URL(page.url()).pathname !== '/login/totp') break;
      // a code is accepted once: wait for the next 30-second step
      await new Promise((r) => setTimeout(r, (31 - (Math.floor(Date.now() / 1000) % 30)) * 1000));
    }
  }
  return new URL(page.url()).pathname;
}

// The width and height of a PNG (its IHDR chunk).
export function pngSize(file) {
  const b = fs.readFileSync(file);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// Screenshots of the page as it is now at every viewport size:
// $AG_SCREENSHOTS/<name>-<viewport>.png. Returns the files. The page is left at the first size.
export async function screenshots(page, name) {
  const dir = process.env.AG_SCREENSHOTS;
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  for (const v of VIEWPORTS) {
    await page.setViewportSize({ width: v.width, height: v.height });
    const file = path.join(dir, `${name}-${v.name}.png`);
    await page.screenshot({ path: file });
    const size = pngSize(file);
    check(size.width === v.width && size.height === v.height,
      `screenshot ${name} at ${v.name}`, `PNG is ${size.width}x${size.height}`);
    // at every size the page fits the screen's width (no sideways scrolling of the whole page)
    const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check(over <= 0, `${name} at ${v.name}: no horizontal scrolling`, `the page is ${over}px too wide`);
    files.push(file);
  }
  await page.setViewportSize({ width: VIEWPORTS[0].width, height: VIEWPORTS[0].height });
  return files;
}

// A read-only query of the store (the sqlite3 tool), for checks that look behind the pages.
export function q(sql) {
  return execFileSync('sqlite3', [process.env.AG_DB, sql]).toString().trim();
}

function isoDate(daysFromNow) {
  return new Date(Date.now() + daysFromNow * 86400000).toISOString().slice(0, 10);
}

// Fills every visible, enabled field of a form: the first date tomorrow, later dates 30 days on;
// texts with `text` (the first textarea with `hostile`); selects with their first real option.
export async function fillForm(form, text, hostile) {
  let dates = 0;
  let hostileUsed = false;
  const fields = form.locator('input:not([type=hidden]):not([type=submit]):not([type=checkbox]):not([type=radio]), textarea, select');
  const n = await fields.count();
  for (let i = 0; i < n; i++) {
    const f = fields.nth(i);
    if (!(await f.isVisible()) || !(await f.isEnabled())) continue;
    const tag = await f.evaluate((e) => e.tagName.toLowerCase());
    const type = (await f.getAttribute('type')) || '';
    if (tag === 'select') {
      const values = await f.locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== ''));
      if (values.length) await f.selectOption(values[0]);
    } else if (type === 'email') {
      await f.fill('suzuki@nanwan-airport.example');
    } else if (type === 'tel') {
      await f.fill('03-0000-0000');
    } else if (type === 'date') {
      await f.fill(isoDate(dates++ === 0 ? 1 : 30));
    } else if (type === 'number') {
      const min = await f.getAttribute('min');
      if (await f.getAttribute('required') !== null) await f.fill(min || '1');
    } else if (tag === 'textarea' && !hostileUsed) {
      await f.fill(hostile);
      hostileUsed = true;
    } else if (await f.getAttribute('required') !== null || tag === 'textarea' || type === 'text' || type === '') {
      const name = (await f.getAttribute('name')) || '';
      // a reference to a catalog item, a system or a risk is optional: leave it empty
      if (/item|system|risk/i.test(name) && (await f.getAttribute('required')) === null) continue;
      const dateLike = tag === 'input' && /(^|_)(start|end)(_date)?$|date$/i.test(name);
      await f.fill(dateLike ? isoDate(dates++ === 0 ? 1 : 30) : `${text} (${name})`);
    }
  }
  // radio groups: the first choice of each (for a decision: approve, the stronger claim)
  const radios = form.locator('input[type=radio]');
  const seen = new Set();
  for (let i = 0; i < (await radios.count()); i++) {
    const r = radios.nth(i);
    const name = await r.getAttribute('name');
    if (seen.has(name)) continue;
    seen.add(name);
    await r.check();
  }
  // the browser's own validation must pass, else the click would not submit
  const invalid = await form.evaluate((f) =>
    [...f.elements].filter((e) => e.willValidate && !e.checkValidity()).map((e) => `${e.name}: ${e.validationMessage}`));
  check(invalid.length === 0, 'every field of the form could be filled validly', invalid.join('\n'));
  return hostileUsed;
}
