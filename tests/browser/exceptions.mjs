// Exception requests in a real browser (例外措置, guideline 3.1.2.3(2)②; pages from the
// /exceptions module): suzuki — a designated reviewer for every department in the demo — requests
// an exception through GET /exceptions/new and POST /exceptions, then tries to decide his own
// request: POST /exceptions/{id}/decide is refused (403, separation of duties 3.1.4.1(2)) and the
// request stays undecided. No console error or CSP violation; a hostile text is shown as text.
//
// Written before the /exceptions pages were merged, against the routes only: the form is filled
// field by field from what the page offers (dates, texts, selects), so it does not depend on the
// field names. Enabled by adding `exceptions` to AG_BROWSER_TESTS in tests/CMakeLists.txt.
import { BASE, check, equal, fillForm, finish, launch, notOk, personPage, q, screenshots, signIn } from './lib.mjs';

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
  const applicant = await personPage(browser, 'suzuki');
  const p = applicant.page;
  let dialog = false;
  p.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
  equal(await signIn(p, 'suzuki'), '/', 'suzuki signs in');
  equal(q("SELECT count(*) FROM exception_reviewers r JOIN people p ON p.id = r.person_id WHERE p.login = 'suzuki' AND r.revoked_at IS NULL"), '1',
    'suzuki is a designated reviewer (so only the applicant rule can refuse him)');

  let res = await p.goto(`${BASE}/exceptions/new`);
  if (res.status() === 404) {
    notOk('GET /exceptions/new exists (404: the /exceptions pages are not merged into this build)');
    return finish();
  }
  equal(res.status(), 200, 'GET /exceptions/new opens the request form');
  await screenshots(p, 'exception-new');
  const form = p.locator('main form[method=post]').filter({ has: p.locator('button[type=submit]') }).first();
  const action = await form.getAttribute('action');
  equal(action, '/exceptions', 'the form posts to /exceptions');
  const hostile = '<script>alert(1)</script> ブラウザ試験の理由';
  await fillForm(form, 'ブラウザ試験', hostile);
  const before = Number(q('SELECT count(*) FROM exceptions'));
  await Promise.all([p.waitForNavigation(), form.locator('button[type=submit]').first().click()]);
  const url = new URL(p.url());
  const m = url.pathname.match(/^\/exceptions\/(\d+)$/);
  if (!check(m !== null, `the request is stored and shown at /exceptions/{id} (${url.pathname}${url.search})`,
    (await p.textContent('main')).slice(0, 600)))
    return finish();
  const id = m[1];
  equal(Number(q('SELECT count(*) FROM exceptions')), before + 1, 'one exception request more in the store');
  equal(q(`SELECT p.login FROM exceptions e JOIN people p ON p.id = e.applicant_id WHERE e.id = ${id}`), 'suzuki',
    'the applicant is the signed-in person');
  equal(q(`SELECT status FROM exceptions WHERE id = ${id}`), 'requested', 'the request awaits a decision');
  check((await p.textContent('main')).includes('<script>alert(1)</script>'), 'a hostile text is shown as text');
  check(!dialog, 'no script from the data ran');
  await screenshots(p, 'exception-show');

  // the applicant decides his own request: refused
  applicant.allow(new RegExp(`/exceptions/${id}/decide$`), 403);
  const decide = p.locator(`form[action="/exceptions/${id}/decide"]`);
  let refusedStatus;
  if ((await decide.count()) > 0) {
    await fillForm(decide.first(), 'ブラウザ試験の審査記録', 'ブラウザ試験の審査記録');
    const [resp] = await Promise.all([p.waitForNavigation(), decide.first().locator('button[type=submit]').first().click()]);
    refusedStatus = resp ? resp.status() : 0;
    check(await p.locator('[role=alert]').count() > 0, 'the refusal is shown with its reason', (await p.textContent('main')).slice(0, 400));
  } else {
    // the page rightly offers no decision form to the applicant; the server must refuse anyway
    const csrf = await p.getAttribute('input[name=csrf]', 'value');
    refusedStatus = await p.evaluate(async ([u, token]) => {
      const body = new URLSearchParams({ csrf: token, decision: 'approve', record: 'self-approval attempt' });
      const r = await fetch(u, { method: 'POST', body, redirect: 'manual' });
      return r.status;
    }, [`${BASE}/exceptions/${id}/decide`, csrf]);
    check(true, 'the applicant is offered no decision form');
  }
  equal(refusedStatus, 403, 'POST /exceptions/{id}/decide by the applicant is refused (403)');
  equal(q(`SELECT status FROM exceptions WHERE id = ${id}`), 'requested', 'the request is still undecided');
  equal(q(`SELECT count(*) FROM exceptions WHERE id = ${id} AND decided_by IS NOT NULL`), '0', 'no decision stored');

  check(applicant.problems.length === 0, 'no console error, CSP violation, failed request or unexpected HTTP error',
    applicant.problems.join('\n'));
  return finish();
}
