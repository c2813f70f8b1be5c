// The automatic status of measures in a real browser (issue 7 item 1, its "Done when"): in the
// demo airport the guideline page of 3.1.5.1(2)(e) shows the self-inspection answer of the
// current campaign, the evidence from logwatch (its run, the open password-list attack, a link to
// the alerts filtered by the item) and the status badge; the link leads to that alert; the
// flagged answer of 実施 is on the CISO's and a manager's dashboard and on the campaign page;
// /compliance filters by status; a handler (no ISMS role) sees no evidence.
import { BASE, check, equal, finish, launch, notOk, personPage, q, screenshots, signIn } from './lib.mjs';

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

async function main() {
  const ciso = await personPage(browser, 'takahashi');
  const p = ciso.page;
  equal(await signIn(p, 'takahashi'), '/', 'takahashi (CISO) signs in');

  // the guideline item page of 3.1.5.1(2)(e)
  let res = await p.goto(`${BASE}/catalog/3.1.5.1-2-e`);
  equal(res.status(), 200, 'GET /catalog/3.1.5.1-2-e');
  const card = p.locator('#evidence');
  check(await card.count() === 1, 'the page has the card of automatic evidence');
  const m = card.locator('.ev-measure[data-item="3.1.5.1-2-e.m1"]');
  check(await m.count() === 1, 'the card shows the measure 3.1.5.1-2-e.m1');
  equal(await m.getAttribute('data-status'), 'contradicted', 'its status is contradicted');
  equal((await m.locator('h3 .ev-badge').textContent()).trim(), '矛盾あり', 'the badge says 矛盾あり');
  const answers = m.locator('.ev-answers li');
  const implemented = Number(q(`SELECT count(*) FROM assess_answers a JOIN assess_sheets s ON s.id = a.sheet_id
    WHERE a.item_id = '3.1.5.1-2-e.m1' AND s.plan_id = 2 AND s.round = 1 AND s.status = 'submitted' AND a.answer = 'implemented'`));
  check(implemented >= 1, 'the demo has a submitted answer of 実施 on the measure');
  equal(await m.locator('.ev-answers li[data-answer="implemented"]').count(), implemented,
    'the self-inspection answers of 実施 are shown');
  check((await answers.first().textContent()).includes('実施') || (await answers.allTextContents()).some((t) => t.includes('実施')),
    'an answer reads 実施');
  const lw = m.locator('tr[data-check="alerts.logwatch"]');
  check(await lw.count() === 1, 'the logwatch check is listed');
  const lwText = await lw.textContent();
  check(/3\.1\.5\.1\(2\)\(e\)/.test(lwText) && /1 件/.test(lwText), 'it names the open alert on 3.1.5.1(2)(e)', lwText);
  const ranAt = q("SELECT finished FROM monitor_runs WHERE kind = 'logwatch'");
  const alertTime = q("SELECT time FROM alerts WHERE category = 'password_list_attack'");
  check(lwText.includes(alertTime), 'it shows when the evidence was seen (the alert\'s time)', `${lwText} / ${alertTime} / run ${ranAt}`);
  const link = lw.locator('a');
  equal(await link.getAttribute('href'), '/alerts?item=3.1.5.1-2-e&level=high&status=open', 'it links to the alerts filtered by the item');
  const lock = m.locator('tr[data-check="auth_lockout"]');
  check((await lock.textContent()).includes('証跡あり'), 'the lockout of airguard itself is evidenced');
  await screenshots(p, 'compliance-item');

  await Promise.all([p.waitForNavigation(), link.click()]);
  const rows = await p.locator('main table tbody tr').allTextContents();
  check(rows.some((r) => r.includes('198.51.100.23') && r.includes('未確認')),
    'the link lists the open password-list attack', rows.join('\n'));

  // the dashboard and the campaign page flag the answer
  await p.goto(`${BASE}/`);
  const flags = p.locator('#compliance-flags tr[data-item="3.1.5.1-2-e.m1"]');
  equal(await flags.count(), implemented, 'the CISO\'s dashboard flags each answer of 実施 on 3.1.5.1-2-e.m1');
  await p.goto(`${BASE}/campaigns/2`);
  equal(await p.locator('#compliance-flags tr[data-item="3.1.5.1-2-e.m1"]').count(), implemented,
    'the campaign page flags them too');

  // the overview, filtered
  await p.goto(`${BASE}/compliance`);
  const all = await p.locator('#measures tbody tr[data-item]').count();
  check(all >= 10, `/compliance lists the measures with checks (${all})`);
  const statuses = await p.locator('#measures tbody tr[data-item]').evaluateAll((r) => r.map((x) => x.dataset.status));
  check(statuses.includes('evidenced') && statuses.includes('contradicted') && statuses.includes('no_data'),
    'the demo has an evidenced, a contradicted and a no-data measure', statuses.join(','));
  await p.goto(`${BASE}/compliance?status=no_data`);
  const nd = await p.locator('#measures tbody tr[data-item]').evaluateAll((r) => r.map((x) => x.dataset.status + ' ' + x.dataset.item));
  check(nd.length > 0 && nd.every((s) => s.startsWith('no_data')) && nd.some((s) => s.includes('3.1.5.2-4-d.m1')),
    '?status=no_data shows only those, IPv6 3.1.5.2(4)(d) among them', nd.join(','));
  await screenshots(p, 'compliance-overview');
  check(ciso.problems.length === 0, 'no console error, CSP violation or HTTP error', ciso.problems.join('\n'));

  // a manager sees the flags; a handler sees no evidence
  const mgr = await personPage(browser, 'suzuki');
  equal(await signIn(mgr.page, 'suzuki'), '/', 'suzuki (information security manager) signs in');
  equal(await mgr.page.locator('#compliance-flags tr[data-item="3.1.5.1-2-e.m1"]').count(), implemented,
    'the manager\'s dashboard flags them');
  const handler = await personPage(browser, 'kobayashi');
  equal(await signIn(handler.page, 'kobayashi'), '/', 'kobayashi (handler) signs in');
  await handler.page.goto(`${BASE}/catalog/3.1.5.1-2-e`);
  equal(await handler.page.locator('#evidence').count(), 0, 'a handler sees no evidence card');
  equal(await handler.page.locator('#compliance-flags').count(), 0, 'nor flags');
  return finish();
}
