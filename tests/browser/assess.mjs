// The main path through the application in a real browser (Debian's chromium, headless):
//   1. the CISO (takahashi) signs in with password and TOTP and reads 実施率 on the dashboard;
//   2. a 取扱者 (kimura, 総務部, whose sheet of the current campaign is untouched in the demo)
//      answers every item of her self-inspection sheet on /assess/sheets/{id} and submits it;
//   3. the CISO's dashboard shows 実施率 risen and one more sheet submitted.
// Throughout: no console error, no CSP violation, no failed request, no HTTP error status; and
// screenshots of the login page, the dashboard, a guideline item and the sheet at 1280×800 and
// at a tablet size (build/<preset>/screenshots/).
import { BASE, check, equal, finish, launch, notOk, ok, personPage, q, screenshots, signIn } from './lib.mjs';

const started = Date.now();
const browser = await launch();
let status = 1;
try {
  status = await main();
} catch (e) {
  notOk('the browser test ran to its end', e.stack || String(e));
  status = finish();
} finally {
  await browser.close();
}
process.exit(status);

// The figures of the 実施率 card: the rate (a number, or null for "no answers yet") and the
// submitted / all sheets.
async function rateCard(page) {
  const now = (await page.textContent('#rate-now')).trim();
  const small = (await page.textContent('#assess-rate dd.small')).trim();
  const m = small.match(/(\d+)\D+(\d+)/);
  const r = now.match(/^(\d+(?:\.\d+)?)%$/);
  return { text: now, rate: r ? Number(r[1]) : null, submitted: m ? Number(m[1]) : -1, sheets: m ? Number(m[2]) : -1 };
}

async function main() {
  // ---- the CISO ----
  const ciso = await personPage(browser, 'takahashi');
  const c = ciso.page;
  let res = await c.goto(`${BASE}/login`);
  equal(res.status(), 200, 'the login page opens');
  equal(await c.getAttribute('html', 'lang'), 'ja', 'the page is in Japanese (lang="ja")');
  const css = await c.evaluate(() => getComputedStyle(document.querySelector('button.primary')).backgroundColor);
  check(css && css !== 'rgba(0, 0, 0, 0)' && css !== 'rgb(239, 239, 239)', 'the style sheet is applied (primary button colour)', css);
  await screenshots(c, 'login');

  equal(await signIn(c, 'takahashi'), '/', 'takahashi signs in with password and TOTP');
  equal((await c.textContent('h1')).trim(), 'ダッシュボード', 'the dashboard is shown');
  const before = await rateCard(c);
  check(before.rate !== null, `実施率 is shown (${before.text})`, before.text);
  check(before.sheets > before.submitted, `sheets submitted before: ${before.submitted} of ${before.sheets}`);
  await screenshots(c, 'dashboard');

  const item = '3.1.5.1-1-b-c2.m1';
  res = await c.goto(`${BASE}/catalog/${item}`);
  equal(res.status(), 200, `the guideline item ${item} opens`);
  check((await c.textContent('main')).includes('3.1.5.1'), 'the item page shows its reference');
  await screenshots(c, 'catalog-item');

  // ---- the 取扱者 ----
  const resp = await personPage(browser, 'kimura');
  const k = resp.page;
  equal(await signIn(k, 'kimura'), '/', 'kimura signs in with her password (no TOTP for a 取扱者)');
  equal((await k.textContent('#fig-sheets dd')).trim(), '1', 'her dashboard shows one sheet to submit');
  await Promise.all([k.waitForNavigation(), k.click('#fig-sheets a')]);
  equal(new URL(k.url()).pathname, '/assess/sheets', 'the figure links to her sheets');
  const sheetId = q("SELECT s.id FROM assess_sheets s JOIN people p ON p.id = s.respondent_id WHERE p.login = 'kimura' AND s.status = 'issued'");
  check(/^\d+$/.test(sheetId), `her open sheet is ${sheetId}`, sheetId);
  await Promise.all([k.waitForNavigation(), k.click(`a[href="/assess/sheets/${sheetId}"]`)]);
  equal(new URL(k.url()).pathname, `/assess/sheets/${sheetId}`, 'the sheet opens from the list');
  const forms = await k.locator('form.answer').count();
  const items = Number(q(`SELECT count(*) FROM assess_answers WHERE sheet_id = ${sheetId}`));
  equal(forms, items, `one answer form per item (${items})`);
  await screenshots(k, 'sheet');

  // answer every item 実施 (implemented), the first with a comment
  for (let i = 0; i < forms; i++) {
    const f = k.locator('form.answer').nth(i);
    await f.locator('select[name=answer]').selectOption('implemented');
    if (i === 0) await f.locator('textarea[name=comment]').fill('ブラウザ試験: 手順書 v2 で確認 <b>済</b>');
    await Promise.all([k.waitForNavigation(), f.locator('button[type=submit]').click()]);
    if (!check(new URL(k.url()).searchParams.get('ok') === 'answer', `item ${i + 1} saved (303 to ?ok=answer)`, k.url()))
      break;
  }
  equal((await k.textContent('p.ok[role=status]')).trim(), '回答を保存しました。', 'the status line says the answer is saved');
  equal(await k.locator('form.answer select[name=answer]').first().inputValue(), 'implemented', 'the saved answer is shown selected');
  equal(await k.locator('form.answer textarea[name=comment]').first().inputValue(),
    'ブラウザ試験: 手順書 v2 で確認 <b>済</b>', 'the comment is shown as text');
  equal(q(`SELECT count(*) FROM assess_answers WHERE sheet_id = ${sheetId} AND answer = 'implemented'`), String(items),
    'the store has every answer');
  equal(q(`SELECT actor FROM audit_log WHERE entity = 'assess_answers' ORDER BY seq DESC LIMIT 1`), 'kimura',
    'the audit trail names kimura');

  await Promise.all([k.waitForNavigation(), k.click('form[action$="/submit"] button[type=submit]')]);
  equal(new URL(k.url()).searchParams.get('ok'), 'submit', 'the sheet is submitted (303 to ?ok=submit)');
  check((await k.textContent('#sheet-status')).includes('提出'), 'the sheet shows its new status', await k.textContent('#sheet-status'));
  equal(await k.locator('form.answer').count(), 0, 'a submitted sheet has no answer forms');
  equal(q(`SELECT status FROM assess_sheets WHERE id = ${sheetId}`), 'submitted', 'the store has the sheet submitted');
  await screenshots(k, 'sheet-submitted');

  // ---- the CISO sees the change ----
  await c.goto(`${BASE}/`);
  const after = await rateCard(c);
  equal(after.submitted, before.submitted + 1, `one more sheet submitted (${before.submitted} -> ${after.submitted})`);
  check(after.rate !== null && after.rate > before.rate, `実施率 rose (${before.text} -> ${after.text})`);

  // ---- the watcher itself: an inline script is refused by the CSP and the refusal is seen ----
  const probe = await personPage(browser, 'probe');
  await probe.page.goto(`${BASE}/login`);
  await probe.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'document.title = "inline ran"';
    document.body.appendChild(s);
  });
  await probe.page.waitForTimeout(200);
  check(await probe.page.title() !== 'inline ran', 'the CSP blocks an inline script');
  check(probe.problems.some((p) => /Content Security Policy/i.test(p)),
    'a CSP violation would be reported by this test', probe.problems.join('\n'));
  await probe.ctx.close();

  const problems = [...ciso.problems, ...resp.problems];
  check(problems.length === 0, 'no console error, CSP violation, failed request or HTTP error on any page', problems.join('\n'));
  const secs = (Date.now() - started) / 1000;
  check(secs < 60, `the browser test took ${secs.toFixed(1)} s (< 60 s)`);
  ok(`screenshots in ${process.env.AG_SCREENSHOTS}`);
  return finish();
}
