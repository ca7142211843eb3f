// SPDX-License-Identifier: EUPL-1.2
// The web forms of every register kind, as a logged-in beheerder in a real browser. The kinds
// come from the served OpenAPI document (every kind has a `/{collection}/_import` operation),
// so a kind added to the list is tested without a change here. Per kind:
//   - "… toevoegen" on the list page leads to the form; the pages carry no script;
//   - an empty form shows every required field's fault at its field and in the summary;
//   - a form with every field wrong shows every fault at once, and keeps what was typed;
//   - a filled form saves ("… is opgeslagen"), at 1280 and 390 px without sideways scrolling;
//   - a stale edit (saved in another tab in between) says what changed, keeps the user's
//     version, and saves it on the second try;
//   - a forged CSRF token on the new, edit and delete forms gives 403 and changes nothing;
//   - "Verwijderen" asks first, then removes the record (404 afterwards).

import { join } from 'node:path';

const titleField = ['titel', 'naam', 'onderwerp', 'wat'].flatMap((n) => [`form.record input[name="${n}"]`, `form.record textarea[name="${n}"]`]).join(', ');

/** Every control of the record form, with what a filler needs to know of it. */
async function controls(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('form.record input:not([type=hidden]), form.record select, form.record textarea')].map((el) => {
      const field = el.closest('.field');
      const entry = el.closest('.entry');
      const listed = el.getAttribute('list');
      return {
        id: el.id,
        name: el.name,
        tag: el.tagName.toLowerCase(),
        type: el.getAttribute('type') ?? '',
        cls: el.className,
        pattern: el.getAttribute('pattern') ?? '',
        list: listed ?? '',
        options:
          el.tagName === 'SELECT'
            ? [...el.options].map((o) => o.value).filter((v) => v)
            : listed
              ? [...(document.getElementById(listed)?.options ?? [])].map((o) => o.value)
              : [],
        // The n-th entry of a list of entries (partijen, toezeggingen), or the n-th box of a
        // list of values (themas-1).
        entry: entry ? Number((el.id.match(/-(\d+)--/) ?? [0, 0])[1]) : -1,
        box: /-(\d+)$/.test(el.id) ? Number(el.id.match(/-(\d+)$/)[1]) : -1,
        optional: Boolean(field?.querySelector(':scope > label .optional, :scope > legend .optional')),
      };
    }),
  );
}

/** A valid value for a control; `null` to leave it alone. */
function validValue(c, n) {
  if (c.name === 'organisatie' && c.entry < 0) return 'gemeente-enschede';
  if (c.name === 'zichtbaarheid') return 'openbaar';
  if (c.box > 0) return null;
  // A valuation table chosen by hand names one that exists, with its version and a reason:
  // the three stay empty (the API tests choose one).
  if (['waarderingstabel', 'waarderingstabelVersie', 'redenWaarderingstabel'].includes(c.name)) return null;
  // Only a bonus by age (the first kind, which entry 0 chooses) has an age.
  if (c.name.endsWith('.vanafLeeftijd') && c.entry % 4 !== 0) return null;
  if (c.tag === 'select') return c.options[Math.max(c.entry, 0) % Math.max(c.options.length, 1)] ?? null;
  // The entries of a list of areas differ, as a list refuses the same area twice.
  if (c.list === 'lijst-gebieden') return ['Enschede', 'Hengelo', 'Almelo'][Math.max(c.entry, 0) % 3];
  if (c.list) return c.options[0] ?? null;
  if (c.cls.includes('year')) return String(2018 + 7 * n.year++);
  if (c.cls.includes('whole')) return `${12 + n.num++}`;
  if (c.cls.includes('number')) return `${12 + n.num++},5`;
  if (c.cls.includes('code') && c.pattern.startsWith('[a-z0-9]')) return `browsertest-${Date.now() % 1000000}`;
  if (c.cls.includes('code')) {
    // Digits of the pattern's least length; an SBI code of a division that exists; other codes
    // (KvK- and vestigingsnummer) unique per fill, as a company may be recorded once.
    const digits = Number((c.pattern.match(/\{(\d+)/) ?? [0, 8])[1]);
    if (c.name === 'sbiCode') return '4711';
    return String(Date.now() + n.num++).slice(-digits).padStart(digits, '1');
  }
  if (c.type === 'date') return `2026-0${1 + (n.date++ % 9)}-15`;
  if (c.type === 'time') return '14:00';
  if (c.type === 'email') return 'test@voorbeeld.nl';
  if (c.type === 'url') return 'https://voorbeeld.nl/';
  if (c.type === 'tel') return '053 481 00 00';
  return `Tekst ${c.name} voor de browsertest`;
}

/** A wrong value for a control; `null` where a user cannot type one wrongly. */
function wrongValue(c) {
  if (c.box > 0 || c.tag === 'select' || c.tag === 'textarea') return null;
  if (c.list === 'lijst-gebieden') return 'Nergensland';
  if (c.list.startsWith('lijst-begrippen')) return 'Geen begrip van ons';
  if (c.list) return 'Niemand bekend';
  if (c.cls.includes('year')) return '20x5';
  if (c.cls.includes('number')) return 'veel';
  if (c.cls.includes('code')) return c.pattern.startsWith('[a-z0-9]') ? 'Geen kenmerk!' : 'abc';
  if (c.type === 'date') return '31-02-2026';
  if (c.type === 'time') return 'twee uur';
  if (c.type === 'email') return 'geen-adres';
  if (c.type === 'url') return 'geen link';
  if (c.type === 'tel') return 'bel mij';
  return null;
}

async function set(page, c, value) {
  const el = page.locator(`[id="${c.id}"]`);
  if (c.tag === 'select') await el.selectOption(value);
  else if ((c.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) || (c.type === 'time' && !/^\d{2}:\d{2}$/.test(value))) {
    // A browser's date or time picker cannot hold a wrong value; an older browser sends the text as typed.
    await el.evaluate((e, v) => { e.type = 'text'; e.value = v; }, value);
  } else await el.fill(value);
}

export async function fillValid(page, title) {
  const n = { year: 0, date: 0, num: 0 };
  for (const c of await controls(page)) {
    const v = validValue(c, n);
    if (v !== null) await set(page, c, v);
  }
  await page.locator(titleField).first().fill(title);
}

/** Clicks the form's save button and returns the response of the POST. */
export async function save(page, buttonName = 'actie', value = 'opslaan') {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator(`form.record button[name="${buttonName}"][value="${value}"], form.record button[type=submit]:not([name])`).first().click(),
  ]);
  await page.waitForLoadState();
  return res;
}

async function forgeCsrf(page) {
  await page.locator('input[name="csrf"]').first().evaluate((e) => { e.value = 'vervalst-token'; });
}

/** No sideways scrolling, at whatever width the page has. */
async function fitsWidth(page, what, fail) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (over > 0) fail(`${what}: ${over} px breder dan het scherm`);
}

async function shoot(page, shots, name) {
  await page.screenshot({ path: join(shots, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(shots, `${name}-390.png`), fullPage: true });
  return async (fail) => {
    await fitsWidth(page, name, fail);
    await page.setViewportSize({ width: 1280, height: 900 });
  };
}

export async function login(ctx, base, email, password) {
  const p = await ctx.newPage();
  await p.goto(base + '/inloggen');
  await p.fill('#email', email);
  await p.fill('#wachtwoord', password);
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.close();
}

/** The forms test of every register kind; `label` names the backend in messages. */
export async function testForms({ browser, base, email, password, checkAxe, fail, shots, label }) {
  const doc = await (await fetch(`${base}/api/v1/openapi.json`)).json();
  const collections = Object.keys(doc.paths)
    .map((p) => p.match(/^\/([a-z-]+)\/_import$/)?.[1])
    .filter(Boolean);
  if (collections.length < 6) fail(`${label}: maar ${collections.length} registers in het OpenAPI-document`);
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  await login(ctx, base, email, password);
  const page = await ctx.newPage();
  const other = await ctx.newPage();
  for (const c of collections) {
    const where = `${label} /${c}`;
    const title = `Browsertest ${c} ${Date.now()}`;
    // The list page offers "… toevoegen".
    await page.goto(`${base}/${c}`);
    const add = page.locator(`a[href="/${c}/nieuw"]`);
    if ((await add.count()) !== 1) { fail(`${where}: geen knop om toe te voegen`); continue; }
    await add.click();
    if ((await page.locator('script').count()) > 0) fail(`${where}/nieuw: de pagina heeft een script`);
    await checkAxe(page, `/${c}/nieuw`, `${c}-nieuw`);
    let done = await shoot(page, shots, `${label}-${c}-nieuw`);
    await done(fail);

    // Empty: every required field's fault at its field and in the summary.
    await save(page);
    const errors = await page.locator('.field-error').count();
    const listed = await page.locator('#fouten li').count();
    if (errors < 1 || listed !== errors) fail(`${where}: leeg formulier: ${errors} fouten bij velden, ${listed} in de samenvatting`);
    for (const ctl of await controls(page)) {
      if (ctl.optional || ctl.entry >= 0 || ctl.box > 0 || ['organisatie', 'zichtbaarheid'].includes(ctl.name)) continue;
      const flagged = await page.locator(`[id="${ctl.id}"]`).evaluate((e) =>
        e.getAttribute('aria-invalid') === 'true' || Boolean(e.closest('.field')?.querySelector('.field-error')));
      if (!flagged) fail(`${where}: leeg verplicht veld ${ctl.name} heeft geen foutmelding`);
    }
    await checkAxe(page, `/${c}/nieuw (leeg)`, `${c}-leeg`);

    // Every field wrong: every fault at once, and what was typed is kept.
    const wrong = [];
    for (const ctl of await controls(page)) {
      const v = wrongValue(ctl);
      if (v === null) continue;
      await set(page, ctl, v);
      wrong.push([ctl, v]);
    }
    await save(page);
    for (const [ctl, v] of wrong) {
      const el = page.locator(`[id="${ctl.id}"]`);
      const state = await el.evaluate((e) => ({
        value: e.value,
        flagged: e.getAttribute('aria-invalid') === 'true' || Boolean(e.closest('.field')?.querySelector('.field-error')),
      }));
      if (!state.flagged) fail(`${where}: fout in ${ctl.id} ('${v}') staat niet bij het veld`);
      if (state.value !== v) fail(`${where}: ${ctl.id} is na de fout '${state.value}', getypt was '${v}'`);
    }
    if ((await page.locator('#fouten li').count()) < wrong.length / 2) fail(`${where}: de samenvatting noemt te weinig fouten`);
    done = await shoot(page, shots, `${label}-${c}-fouten`);
    await done(fail);

    // A forged CSRF token on the new form: 403, and nothing is added.
    await page.goto(`${base}/${c}/nieuw`);
    await fillValid(page, `${title} vervalst`);
    await forgeCsrf(page);
    let res = await save(page);
    if (res.status() !== 403) fail(`${where}/nieuw met vervalst CSRF-token: status ${res.status()}, verwacht 403`);

    // Filled in: saved, with a confirmation.
    await page.goto(`${base}/${c}/nieuw`);
    await fillValid(page, title);
    const more = page.locator('form.record button[value="meer"]');
    if ((await more.count()) > 0) {
      // "Nog een … toevoegen" or "Meer vakken" keeps what was typed and adds room.
      const before = (await controls(page)).length;
      await more.first().click();
      await page.waitForLoadState();
      if ((await controls(page)).length <= before) fail(`${where}: '${(await more.first().textContent()).trim()}' voegt niets toe`);
      if ((await page.locator(titleField).first().inputValue()) !== title) fail(`${where}: na 'meer' is de titel kwijt`);
    }
    res = await save(page);
    const saved = page.url().match(new RegExp(`/${c}/([^/?]+)\\?opgeslagen$`));
    if (!saved) {
      const faults = await page.locator('#fouten li').allTextContents();
      fail(`${where}: opslaan gaat naar ${page.url()} (status ${res.status()}): ${faults.join(' | ')}`);
      continue;
    }
    const recordUrl = `${base}/${c}/${saved[1]}`;
    const notice = await page.locator('[role=status]').textContent().catch(() => '');
    if (!/is opgeslagen/.test(notice ?? '')) fail(`${where}: geen bevestiging na opslaan ('${notice}')`);
    if (!(await page.locator('h1').textContent()).includes(title)) fail(`${where}: de kop noemt de titel niet`);
    await checkAxe(page, `/${c}/{id}`, `${c}-record`);
    done = await shoot(page, shots, `${label}-${c}-opgeslagen`);
    await done(fail);

    // A stale edit: another tab saves in between; the user sees what changed and saves again.
    await page.goto(`${recordUrl}/wijzigen`);
    await other.goto(`${recordUrl}/wijzigen`);
    await other.locator(titleField).first().fill(`${title} (B)`);
    await save(other);
    if (!other.url().endsWith('?opgeslagen')) fail(`${where}: wijzigen in het tweede tabblad gaat naar ${other.url()}`);
    await page.locator(titleField).first().fill(`${title} (A)`);
    res = await save(page);
    const alert = (await page.locator('[role=alert]').allTextContents()).join(' ');
    if (res.status() !== 409 || !alert.includes('intussen gewijzigd') || !alert.includes('(B)')) {
      fail(`${where}: verouderde wijziging: status ${res.status()}, melding '${alert.slice(0, 200)}'`);
    }
    if ((await page.locator(titleField).first().inputValue()) !== `${title} (A)`) fail(`${where}: na het conflict is de eigen wijziging kwijt`);
    await checkAxe(page, `/${c}/{id}/wijzigen (conflict)`, `${c}-conflict`);
    done = await shoot(page, shots, `${label}-${c}-conflict`);
    await done(fail);
    await save(page);
    if (!page.url().endsWith('?opgeslagen') || !(await page.locator('h1').textContent()).includes('(A)')) {
      fail(`${where}: opnieuw opslaan na het conflict gaat naar ${page.url()}`);
    }

    // A forged CSRF token on the edit form: 403, the title stays.
    await page.goto(`${recordUrl}/wijzigen`);
    await page.locator(titleField).first().fill(`${title} vervalst`);
    await forgeCsrf(page);
    res = await save(page);
    if (res.status() !== 403) fail(`${where}/wijzigen met vervalst CSRF-token: status ${res.status()}`);
    await page.goto(recordUrl);
    if ((await page.locator('h1').textContent()).includes('vervalst')) fail(`${where}: een vervalst formulier heeft iets gewijzigd`);

    // Delete: asks first; a forged token does nothing; then it is gone.
    await page.getByRole('link', { name: 'Verwijderen' }).click();
    if (!page.url().endsWith('/verwijderen')) fail(`${where}: 'Verwijderen' gaat naar ${page.url()}`);
    await checkAxe(page, `/${c}/{id}/verwijderen`, `${c}-verwijderen`);
    await forgeCsrf(page);
    let [del] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Ja, verwijderen' }).click(),
    ]);
    if (del.status() !== 403) fail(`${where}/verwijderen met vervalst CSRF-token: status ${del.status()}`);
    if ((await page.goto(recordUrl)).status() !== 200) fail(`${where}: na een vervalste verwijdering is het record weg`);
    await page.getByRole('link', { name: 'Verwijderen' }).click();
    [del] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Ja, verwijderen' }).click(),
    ]);
    await page.waitForLoadState();
    if (!page.url().endsWith(`/${c}?verwijderd`)) fail(`${where}: na verwijderen op ${page.url()}`);
    if ((await page.goto(recordUrl)).status() !== 404) fail(`${where}: het verwijderde record is er nog`);
    console.log(`${label.padEnd(10)} /${c}: toevoegen, fouten, conflict, CSRF en verwijderen in orde`);
  }
  await ctx.close();
}
