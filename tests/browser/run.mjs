// SPDX-License-Identifier: EUPL-1.2
// Browser tests of the Samenhang pages in headless Chromium (Debian's package), driven by
// playwright-core. For every page type: axe-core (WCAG 2.1 A and AA) must report 0 violations.
// Also: the skip link and keyboard focus, the 3-click path from home to Enschede without
// JavaScript, and screenshots of the main pages under target/screenshots/.
//
// The Afspraken pages (goals, a person, DUO, login, account, user management) need an account:
// give SAMENHANG_EMAIL, SAMENHANG_WACHTWOORD and SAMENHANG_SLEUTEL (an API key of a beheerder
// of gemeente-enschede, see `samenhang gebruiker`); the script then adds a person and a goal
// through the API and logs in through the form.
//
// The register pages expect the example data: start the server with `serve --voorbeelddata`.
//
// The forms of every register kind (forms.mjs) run with the same account. With
// SAMENHANG_ALLEEN_FORMULIEREN=1 only those run (CI runs them again on PostgreSQL);
// SAMENHANG_LABEL names the backend in messages and screenshot names.
//
// Usage: SAMENHANG_URL=http://127.0.0.1:8080 node run.mjs

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testForms, fillValid, save } from './forms.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const base = process.env.SAMENHANG_URL ?? 'http://127.0.0.1:8080';
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'screenshots');
mkdirSync(shots, { recursive: true });

const pages = [
  ['home', '/', 200],
  ['gemeente', '/gemeenten/GM0153', 200],
  ['regio', '/arbeidsmarktregios/AM05', 200],
  ['indicator', '/indicatoren/inwoners?gebied=GM0153', 200],
  ['indicator-groep', '/indicatoren/werkloosheidspercentage?gebied=GM0153&groep=arbeidsmarktregio', 200],
  ['gemeente-groep', '/gemeenten/GM0153?groep=eigen&leden=GM0164,GM0141', 200],
  ['gemeente-opgeheven', '/gemeenten/GM0457', 200],
  ['indicatoren', '/indicatoren', 200],
  ['index', '/indices/brede-welvaart-voorbeeld?gewicht-arbeid=3', 200],
  ['index-fout', '/indices/brede-welvaart-voorbeeld?gewicht-arbeid=-1', 400],
  ['begrippen', '/begrippen', 200],
  ['begrippen-zoek', '/begrippen?zoek=werkloos', 200],
  ['begrip', '/begrippen/werkloosheid', 200],
  ['zoeken', '/zoeken?q=enschede', 200],
  ['zoeken-registers', '/zoeken?q=bijstand&soort=regeling', 200],
  ['sroi-verplichting', '/sroi-verplichtingen/voorbeeld-s-onderhoud', 200],
  ['sroi', '/sroi', 200],
  ['waarderingstabellen', '/sroi/waarderingstabellen', 200],
  ['fout-404', '/gemeenten/GM9999', 404],
  ['fout-400', '/indicatoren/inwoners?jaar=abc', 400],
  // The coherence registers, with the example data (`serve --voorbeelddata`).
  ['regelingen', '/regelingen?behoefte=krapte&doelgroep=bijstand&gemeente=GM0153', 200],
  ['versnippering', '/regelingen/analyse?arbeidsmarktregio=AM05', 200],
  ['regeling', '/regelingen/voorbeeld-r-lks-enschede', 200],
  ['afspraken', '/afspraken', 200],
  ['afspraak', '/afspraken/voorbeeld-a-werkpact', 200],
  ['overleggen', '/overleggen', 200],
  ['overleg', '/overleggen/voorbeeld-o-boa', 200],
  ['thema', '/themas/krapte', 200],
  ['themas', '/themas', 200],
  ['agendas', '/agendas', 200],
  ['personen', '/personen', 200],
  ['registers', '/registers', 200],
  // The relations with entrepreneurs.
  ['ondernemers', '/ondernemers?gemeente=GM0153', 200],
  ['onderneming', '/ondernemingen/voorbeeld-o-logistiek', 200],
  ['ondernemers-fout', '/ondernemers?van=31-02-2026', 400],
];

let failures = 0;
function fail(msg) {
  failures += 1;
  console.error(`FOUT: ${msg}`);
}

const email = process.env.SAMENHANG_EMAIL;
const password = process.env.SAMENHANG_WACHTWOORD;
const key = process.env.SAMENHANG_SLEUTEL;
const accounts = Boolean(email && password && key);
const formsOnly = process.env.SAMENHANG_ALLEEN_FORMULIEREN === '1';
const label = process.env.SAMENHANG_LABEL ?? 'sqlite';
// SAMENHANG_OIDC names the button of an OpenID Connect provider (oidc-provider-mock in CI) whose
// user 'eva' is redacteur of Gemeente Enschede by her groups and 'piet' has no mapped groups.
const oidc = process.env.SAMENHANG_OIDC;
if (formsOnly) pages.length = 0;
if (accounts && !formsOnly) {
  const post = async (path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) fail(`POST ${path}: status ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const person = await post('/personen', {
    naam: 'Wethouder Werk en Inkomen', functie: 'wethouder', zichtbaarheid: 'openbaar',
    portefeuille: 'Economie, werk en inkomen', themas: ['werkloosheid', 'bijstand'],
  });
  const goal = await post('/doelen', {
    titel: 'Minder bijstand in Enschede', zichtbaarheid: 'openbaar', themas: ['bijstand'], eigenaar: person.id,
    gebied: 'GM0153', indicator: 'bijstand-per-1000-inwoners',
    basisjaar: 2015, basiswaarde: 48.8, streefjaar: 2025, streefwaarde: 40,
  });
  pages.push(
    ['doelen', '/doelen', 200],
    ['doel', `/doelen/${goal.id}`, 200],
    ['persoon', `/personen/${person.id}`, 200],
    ['duo', '/duo', 200],
    ['inloggen', '/inloggen', 200],
    ['account-anoniem', '/account', 200],
  );
} else {
  console.log('Geen SAMENHANG_EMAIL/SAMENHANG_WACHTWOORD/SAMENHANG_SLEUTEL: de pagina\'s met accounts worden overgeslagen.');
}

async function checkAxe(page, path, name) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  for (const v of result.violations) {
    fail(`${path}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }
  console.log(`${name.padEnd(15)} ${path} — axe: ${result.violations.length} overtredingen, ${result.passes.length} regels geslaagd`);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
try {
  // axe needs to inject its script; the pages' CSP forbids that, so only this context bypasses it.
  const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
  const page = await ctx.newPage();
  if (accounts) await testForms({ browser, base, email, password, checkAxe, fail, shots, label });
  if (!formsOnly) {
    for (const [name, path, status] of pages) {
      const res = await page.goto(base + path);
      if (res.status() !== status) fail(`${path}: status ${res.status()}, verwacht ${status}`);
      await checkAxe(page, path, name);
      if (['home', 'gemeente', 'regio', 'indicator', 'index', 'begrippen', 'begrip', 'zoeken', 'zoeken-registers', 'fout-404', 'doel', 'persoon', 'duo',
        'regelingen', 'versnippering', 'afspraak', 'overleggen', 'thema', 'personen', 'agendas', 'registers', 'ondernemers', 'onderneming'].includes(name)) {
        await page.screenshot({ path: join(shots, `${name}.png`), fullPage: name !== 'indicator' && name !== 'index' });
      }
      // On a phone: nothing wider than the screen (wide tables scroll in their own box).
      await page.setViewportSize({ width: 390, height: 844 });
      const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (over > 0) fail(`${path}: op 390 px ${over} px breder dan het scherm`);
      await page.screenshot({ path: join(shots, `${name}-390.png`) });
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // The gemeente page at 1280 and 390 px: nothing wider than the page, no table that scrolls
    // sideways, and every comparison value inside the screen.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base + '/gemeenten/GM0153');
      const layout = await page.evaluate(() => {
        const over = document.documentElement.scrollWidth - window.innerWidth;
        const scrolling = [...document.querySelectorAll('main table')].filter((t) => t.parentElement.scrollWidth > t.parentElement.clientWidth + 1).length;
        const cells = [...document.querySelectorAll('table.kerncijfers td[data-label="Vergelijking"]')];
        const outside = cells.filter((c) => c.getBoundingClientRect().right > window.innerWidth + 1).length;
        return { over, scrolling, cells: cells.length, outside, text: cells[0]?.textContent ?? '' };
      });
      if (layout.over > 0) fail(`gemeente op ${width} px: ${layout.over} px breder dan het scherm`);
      if (layout.scrolling > 0) fail(`gemeente op ${width} px: ${layout.scrolling} tabel(len) schuiven opzij`);
      if (layout.cells < 8) fail(`gemeente op ${width} px: ${layout.cells} vergelijkingen, verwacht er minstens 8`);
      if (layout.outside > 0) fail(`gemeente op ${width} px: ${layout.outside} vergelijkingen buiten beeld`);
      if (!/Twente \(arbeidsmarktregio\): [0-9.,]+ %/.test(layout.text)) fail(`gemeente op ${width} px: vergelijking zonder eenheid: '${layout.text}'`);
      await page.screenshot({ path: join(shots, `gemeente-kerncijfers-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    // Comparison groups: chosen in the form of the ranking (so in the URL), the ranking holds
    // only the group, and Enschede's row is highlighted and in view after following its anchor.
    await page.goto(base + '/indicatoren/werkloosheidspercentage?gebied=GM0153');
    const allRows = await page.locator('tr[id^="rij-GM"]').count();
    await page.selectOption('#groep', 'arbeidsmarktregio');
    await page.getByRole('button', { name: 'Vergelijk' }).click();
    if (!page.url().includes('groep=arbeidsmarktregio')) fail(`de vergelijkingsgroep staat niet in de URL: ${page.url()}`);
    const groupRows = await page.locator('tr[id^="rij-GM"]').count();
    if (groupRows !== 14 || allRows < 300) fail(`ranglijst: ${allRows} rijen voor alle gemeenten en ${groupRows} in Twente, verwacht >300 en 14`);
    await page.getByRole('link', { name: 'naar de rij van Enschede' }).click();
    const chosen = page.locator('tr.gekozen');
    if ((await chosen.count()) !== 1 || !(await chosen.textContent()).includes('Enschede')) fail('Enschede is niet gemarkeerd in de ranglijst');
    if (!(await chosen.isVisible()) || !(await chosen.evaluate((r) => { const b = r.getBoundingClientRect(); return b.top >= 0 && b.bottom <= window.innerHeight; }))) fail('de rij van Enschede staat niet in beeld');
    await page.screenshot({ path: join(shots, 'ranglijst-groep-1280.png') });
    await page.goto(base + '/gemeenten/GM0153?groep=arbeidsmarktregio');
    if ((await page.getByText('van 14 in de vergelijkingsgroep').count()) < 5) fail('de rang op de gemeentepagina volgt de vergelijkingsgroep niet');

    // Logging in through the form (no script needed): a wrong password gives an accessible error,
    // the right one leads to the account page; then the pages for logged-in users.
    if (accounts) {
      const login = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL', javaScriptEnabled: true });
      const lp = await login.newPage();
      await lp.goto(base + '/inloggen');
      await lp.fill('#email', 'onbekend@example.org');
      await lp.fill('#wachtwoord', 'dit is niet goed');
      await lp.getByRole('button', { name: 'Inloggen' }).click();
      if ((await lp.getByRole('alert').count()) < 1) fail('een mislukte inlog toont geen foutmelding');
      await checkAxe(lp, '/inloggen (fout)', 'inloggen-fout');
      await lp.fill('#email', email);
      await lp.fill('#wachtwoord', password);
      await lp.getByRole('button', { name: 'Inloggen' }).click();
      if (!lp.url().endsWith('/account')) fail(`na inloggen op ${lp.url()}, verwacht /account`);
      await checkAxe(lp, '/account', 'account');
      await lp.screenshot({ path: join(shots, 'account.png'), fullPage: true });
      for (const [name, path] of [['beheer', '/beheer/gebruikers'], ['csv', '/beheer/csv'], ['doel-nieuw', '/doelen/nieuw'], ['doelen-ingelogd', '/doelen']]) {
        const res = await lp.goto(base + path);
        if (res.status() !== 200) fail(`${path} (ingelogd): status ${res.status()}`);
        await checkAxe(lp, path, name);
        await lp.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
      }

      // Own figures: a redacteur defines an indicator (API), reads in its figures through the
      // upload form (a bad file first: every fault named, nothing stored), and sees them on the
      // gemeente page next to CBS's; an anonymous reader does not.
      const created = await fetch(`${base}/api/v1/eigen-indicatoren`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          naam: 'Inwoners in een traject naar werk', omschrijving: 'Inwoners met een traject naar werk, per 1 januari.',
          eenheid: '%', richting: 'hogerIsBeter', aggregatie: 'gewogen', thema: 'arbeid',
          bron: 'Klantvolgsysteem Werkplein', zichtbaarheid: 'organisatie',
        }),
      });
      if (created.status !== 201) fail(`POST /eigen-indicatoren: status ${created.status}: ${await created.text()}`);
      const own = await created.json();
      await lp.goto(`${base}/eigen-indicatoren/${own.id}`);
      const upload = async (name, text) => {
        await lp.setInputFiles('#bestand', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
        await lp.getByRole('button', { name: 'Cijfers inlezen' }).click();
      };
      await upload('fout.csv', 'gebied;periode;waarde\nEnschede;2023;veel\nAtlantis;2023;3\n');
      const alert = lp.getByRole('alert');
      if ((await alert.count()) < 1 || !(await alert.textContent()).includes('Regel 2, kolom waarde')) fail('een fout cijferbestand noemt de regel en de kolom niet');
      await checkAxe(lp, '/eigen-indicatoren/{id}/cijfers (fout)', 'eigen-cijfers-fout');
      await upload('traject.csv', 'gebied;periode;waarde;status\nEnschede;2023;3,1;definitief\nEnschede;2024;3,4;voorlopig\nHengelo;2024;2,8;\n');
      if ((await lp.getByRole('status').count()) < 1 || !(await lp.getByRole('status').textContent()).includes('3 cijfers ingelezen voor 2 gebieden')) fail('het inlezen van goede cijfers meldt niet wat er is ingelezen');
      await lp.goto(`${base}/eigen-indicatoren/${own.id}`);
      await checkAxe(lp, '/eigen-indicatoren/{id}', 'eigen-indicator');
      for (const width of [1280, 390]) {
        await lp.setViewportSize({ width, height: 900 });
        await lp.screenshot({ path: join(shots, `eigen-indicator-${width}.png`), fullPage: true });
      }
      await lp.setViewportSize({ width: 1280, height: 900 });
      await lp.goto(`${base}/gemeenten/GM0153`);
      if ((await lp.getByText('Inwoners in een traject naar werk').count()) < 1) fail('de eigen indicator staat niet op de gemeentepagina');
      await page.goto(`${base}/gemeenten/GM0153`);
      if ((await page.getByText('Inwoners in een traject naar werk').count()) > 0) fail('een anonieme lezer ziet een eigen indicator van één organisatie');

      // A meeting report: a scan is refused with a message; the report as PDF becomes a proposal
      // (13 attendees, items with why), one item is left out, and saving leads to the meeting
      // with its action items, which also stand in the action list. Nothing sideways at 390 px.
      const reports = join(dirname(fileURLToPath(import.meta.url)), '..', 'verslagen');
      await lp.goto(`${base}/bijeenkomsten/importeren`);
      await checkAxe(lp, '/bijeenkomsten/importeren', 'verslag-inlezen');
      await lp.setInputFiles('#bestand', join(reports, 'bestanden', 'scan.pdf'));
      await lp.getByRole('button', { name: 'Inlezen' }).click();
      if ((await lp.getByRole('alert').count()) < 1 || !(await lp.getByRole('alert').textContent()).includes('scan')) fail('een gescande PDF geeft geen melding dat er geen tekst in staat');
      await lp.setInputFiles('#bestand', join(reports, 'bestanden', 'verslag.pdf'));
      await lp.getByRole('button', { name: 'Inlezen' }).click();
      if (!(await lp.locator('h1').textContent()).includes('Voorstel')) fail(`na inlezen: ${await lp.locator('h1').textContent()}`);
      if ((await lp.locator('input[name$=".naam"][name^="aanwezigen"]').evaluateAll((els) => els.filter((e) => e.value).length)) !== 13) fail('het voorstel heeft niet 13 aanwezigen');
      if ((await lp.locator('fieldset.punt').count()) < 24) fail('het voorstel heeft minder dan 24 punten');
      if ((await lp.getByText('Gevonden omdat').count()) < 24) fail('niet elk punt zegt waarom het is gevonden');
      await checkAxe(lp, '/bijeenkomsten/importeren (voorstel)', 'verslag-voorstel');
      for (const width of [1280, 390]) {
        await lp.setViewportSize({ width, height: 900 });
        const over = await lp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (over > 0) fail(`het voorstel schuift ${over} px zijwaarts bij ${width} px`);
        await lp.screenshot({ path: join(shots, `verslag-voorstel-${width}.png`) });
      }
      await lp.setViewportSize({ width: 1280, height: 900 });
      await lp.locator('#actiepunten-1--opnemen').uncheck();
      await lp.getByRole('button', { name: 'Bijeenkomst en aangevinkte punten opslaan' }).click();
      if (!/\/bijeenkomsten\/[^/]+\?opgeslagen$/.test(lp.url())) fail(`na opslaan op ${lp.url()}`);
      await checkAxe(lp, '/bijeenkomsten/{id}', 'bijeenkomst');
      const rows = await lp.locator('table.stack tbody tr').count();
      if (rows < 23) fail(`de bijeenkomst toont ${rows} actiepunten, verwacht ten minste 23`);
      await lp.goto(`${base}/actiepunten`);
      await checkAxe(lp, '/actiepunten', 'actiepunten');
      if ((await lp.locator('table.stack tbody tr').count()) < 23) fail('de actielijst toont de nieuwe actiepunten niet');
      for (const width of [1280, 390]) {
        await lp.setViewportSize({ width, height: 900 });
        const over = await lp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (over > 0) fail(`de actielijst schuift ${over} px zijwaarts bij ${width} px`);
        await lp.screenshot({ path: join(shots, `actiepunten-${width}.png`), fullPage: true });
      }
      await lp.setViewportSize({ width: 1280, height: 900 });
      await login.close();
    }

    // Logging in through the organisation's identity provider: Eva's groups make her redacteur
    // of Enschede, so she adds a person of Enschede (visible to Enschede only); logging out ends
    // the session here and at the provider. Piet, without mapped groups, has no rights and does
    // not see that person.
    if (oidc) {
      const octx = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
      const op = await octx.newPage();
      const viaProvider = async (sub) => {
        await op.goto(base + '/inloggen');
        await op.getByRole('link', { name: `Inloggen met ${oidc}` }).click();
        // The provider's own page: choose the user.
        await op.getByRole('button', { name: sub, exact: true }).click();
        await op.waitForLoadState();
      };
      await op.goto(base + '/inloggen');
      await checkAxe(op, '/inloggen (met aanbieder)', 'inloggen-oidc');
      for (const width of [1280, 390]) {
        await op.setViewportSize({ width, height: 900 });
        await op.screenshot({ path: join(shots, `inloggen-oidc-${width}.png`), fullPage: true });
      }
      await op.setViewportSize({ width: 1280, height: 900 });
      await viaProvider('eva');
      if (!op.url().endsWith('/account')) fail(`na inloggen via de aanbieder op ${op.url()}, verwacht /account`);
      const account = await op.locator('main').textContent();
      if (!account.includes('redacteur') || !account.includes('Enschede')) fail(`Eva is na inloggen via de aanbieder geen redacteur van Enschede: ${account.slice(0, 300)}`);
      await op.screenshot({ path: join(shots, 'account-oidc.png'), fullPage: true });
      const person = `Persoon van Eva ${Date.now()}`;
      await op.goto(`${base}/personen/nieuw`);
      await fillValid(op, person);
      await op.selectOption('#organisatie', 'gemeente-enschede');
      await op.selectOption('#zichtbaarheid', 'organisatie');
      await save(op);
      if (!/\/personen\/[^/]+\?opgeslagen$/.test(op.url())) fail(`Eva (redacteur via de aanbieder) kan geen persoon van Enschede opslaan: ${op.url()}`);
      await op.goto(`${base}/account`);
      await op.getByRole('button', { name: 'Uitloggen' }).click();
      await op.waitForLoadState();
      // The provider's end-session page; confirming brings the browser back here.
      if (!op.url().includes('end_session')) fail(`uitloggen gaat niet langs de aanbieder: ${op.url()}`);
      await op.getByRole('button', { name: 'End session' }).click();
      await op.waitForLoadState();
      if (!op.url().startsWith(base)) fail(`na uitloggen bij de aanbieder op ${op.url()}`);
      await op.goto(`${base}/account`);
      if ((await op.getByText('U bent niet ingelogd').count()) < 1) fail('na uitloggen is Eva nog ingelogd');
      await viaProvider('piet');
      if ((await op.getByText('nog geen rol').count()) < 1) fail('Piet (zonder groepen) heeft rechten gekregen');
      await op.goto(`${base}/personen`);
      if ((await op.getByText(person).count()) > 0) fail('Piet (zonder rol) ziet een persoon die alleen voor Enschede is');
      console.log(`${label.padEnd(10)} inloggen via de identiteitsaanbieder geslaagd: rol uit groepen, opslaan, uitloggen aan beide kanten, zonder groepen alleen openbaar`);
      await octx.close();
    }

    // Keyboard: the first Tab reaches the skip link, Enter moves focus to the content, and every
    // link or control reached by Tab shows a focus outline.
    await page.goto(base + '/gemeenten/GM0153');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.textContent);
    if (first !== 'Naar de inhoud') fail(`eerste Tab: '${first}', verwacht de link 'Naar de inhoud'`);
    await page.keyboard.press('Enter');
    const afterSkip = await page.evaluate(() => document.activeElement?.id);
    if (afterSkip !== 'inhoud') fail(`na de skiplink staat de focus op '${afterSkip}', verwacht 'inhoud'`);
    for (const path of ['/gemeenten/GM0153', '/indices/brede-welvaart-voorbeeld', '/begrippen/werkloosheid']) {
      await page.goto(base + path);
      for (let i = 0; i < 25; i += 1) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          return { tag: el.tagName, text: (el.textContent ?? '').trim().slice(0, 30), outline: s.outlineStyle, width: s.outlineWidth };
        });
        if (!f) break;
        if (f.outline === 'none' || f.width === '0px') fail(`${path}: ${f.tag} '${f.text}' heeft geen zichtbare focus`);
      }
    }

    // Without JavaScript: home → arbeidsmarktregio Twente → Enschede in 2 clicks, and the search
    // form works as a plain form.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p2 = await noJs.newPage();
    await p2.goto(base + '/');
    await p2.getByRole('link', { name: 'Twente', exact: true }).click();
    await p2.getByRole('link', { name: 'Enschede', exact: true }).first().click();
    if (!p2.url().endsWith('/gemeenten/GM0153')) fail(`twee klikken vanaf home eindigen op ${p2.url()}`);
    const h1 = await p2.locator('h1').textContent();
    if (h1 !== 'Enschede') fail(`kop is '${h1}'`);
    if ((await p2.locator('svg.map path').count()) < 14) fail('geen kaart van Twente op de pagina van Enschede');
    if ((await p2.locator('a[href^="/begrippen/"]').count()) < 1) fail('geen links naar definities');
    await p2.goto(base + '/');
    await p2.fill('#q', 'Enschede');
    await p2.getByRole('button', { name: 'Zoeken' }).click();
    if (!p2.url().includes('/zoeken?q=Enschede')) fail(`zoekformulier zonder script gaat naar ${p2.url()}`);
    if ((await p2.locator('a[href="/gemeenten/GM0153"]').count()) < 1) fail('zoeken op Enschede vindt de gemeente niet');
    // The index form recomputes without script.
    await p2.goto(base + '/indices/brede-welvaart-voorbeeld');
    await p2.fill('#gewicht-arbeid', '4');
    await p2.getByRole('button', { name: 'Herbereken' }).click();
    if (!p2.url().includes('gewicht-arbeid=4')) fail(`het gewichtenformulier gaat naar ${p2.url()}`);
    if ((await p2.getByText('plaatsen omhoog').count()) < 1) fail('na herberekenen verschuift geen enkele rang');
    await noJs.close();
  }
} finally {
  await browser.close();
}

if (failures > 0) {
  console.error(`${failures} fout(en) in de browsertests`);
  process.exit(1);
}
console.log(`browsertests geslaagd; schermafdrukken in ${shots}`);
