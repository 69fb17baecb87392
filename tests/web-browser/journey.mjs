// The customer's journey through the web pages of `raci serve`, in one
// language, in headless Chromium (scripts/web-browser-test.sh seeds the
// instance and runs this once per language):
//
//   the customer's member logs in, sees their work, opens the board (list,
//   kanban, a filter), opens a duty, starts it, drops a file on the
//   evidence form and uploads it (its SHA-256 shown), submits it; the
//   provider's member answers the consultation; the customer's admin signs
//   it off, and the duty is done; the admin accepts the change notice of a
//   new edition.
//
// Every page is checked with axe-core (no serious or critical violation),
// for console errors, page errors and failed requests, for a visible
// keyboard focus, and for no sideways scrolling at 375 px; screenshots at
// 1366 px and 375 px (and in print) are kept.
//
// Usage: node journey.mjs BASE_URL LANG PASSWORD SCREENSHOT_DIR

import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH || ".", "noop.js"));
const { chromium } = require("playwright-core");
const { default: AxeBuilder } = require("@axe-core/playwright");

const [base, lang, password, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const customer = lang === "fr" ? "alpin" : "acme";
const customerName = lang === "fr" ? "Alpin" : "Acme";
const words = {
  en: { start: "Start the duty", upload: "Upload", submit: "Submit", agree: "Agree", approve: "Approve", done: "Done", kanban: "Kanban", apply: "Apply", logout: "Log out", login: "Log in", answer: "To answer", signOff: "To sign off" },
  fr: { start: "Commencer l’obligation", upload: "Envoyer", submit: "Soumettre", agree: "D’accord", approve: "Approuver", done: "Terminée", kanban: "Kanban", apply: "Appliquer", logout: "Se déconnecter", login: "Se connecter", answer: "À répondre", signOff: "À approuver" },
}[lang];
const DUTY = "Estimate the message volume per day";

let passed = 0;
let failed = 0;
function check(condition, message) {
  if (condition) {
    passed += 1;
    console.log(`  ok    ${message}`);
  } else {
    failed += 1;
    console.log(`  FAIL  ${message}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// A browser of one person: its page, and every error it reports.
async function person(name) {
  const context = await browser.newContext({
    locale: lang === "fr" ? "fr-FR" : "en-GB",
    viewport: { width: 1366, height: 900 },
  });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error") {
      const at = m.location();
      errors.push(`console error: ${m.text()} (${at.url}:${at.lineNumber}:${at.columnNumber})`);
    }
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => errors.push(`failed request: ${r.url()} (${r.failure().errorText})`));
  return { name, context, page, errors };
}

// Waits until the page shows `path` (htmx swaps pages in without a load).
async function at(p, pattern) {
  await p.page.waitForURL(pattern, { waitUntil: "commit" });
  await p.page.waitForLoadState("networkidle");
}

let shot = 0;
// Checks the page as it stands: axe, errors, focus, 375 px; screenshots.
async function review(p, label, { narrow = true, print = false } = {}) {
  const { page } = p;
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) {
    console.log(`        axe ${v.impact}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  }
  check(bad.length === 0, `${label}: no serious or critical axe violation (${results.violations.length} lesser)`);
  check(p.errors.length === 0, `${label}: no console error, page error or failed request ${p.errors.join("; ")}`);
  p.errors.length = 0;
  shot += 1;
  const name = `${lang}-${String(shot).padStart(2, "0")}-${label.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}`;
  await page.screenshot({ path: path.join(shots, `${name}-1366.png`), fullPage: true });
  if (narrow) {
    await page.setViewportSize({ width: 375, height: 800 });
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(sideways <= 1, `${label}: no sideways scrolling at 375 px (${sideways} px over)`);
    await page.screenshot({ path: path.join(shots, `${name}-375.png`), fullPage: true });
    await page.setViewportSize({ width: 1366, height: 900 });
  }
  if (print) {
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(shots, `${name}-print.png`), fullPage: true });
    await page.emulateMedia({ media: "screen" });
  }
}

async function logIn(p, email) {
  await p.page.goto(`${base}/`);
  await at(p, /\/login/);
  await p.page.fill("#email", email);
  await p.page.fill("#password", password);
  await p.page.click("form[action='/login'] button[type=submit]");
  await at(p, (url) => new URL(url).pathname === "/");
  check((await p.page.getAttribute("html", "lang")) === lang, `${p.name}: the pages speak ${lang}`);
}

async function logOut(p) {
  await p.page.click(`header.bar button:has-text("${words.logout}")`);
  await at(p, /\/login/);
}

// Opens the duty from "my work" by its text and the organization it is with.
async function openFromWork(p, waiting, other) {
  const item = p.page.locator("li.item", { hasText: DUTY }).filter({ hasText: other });
  check((await item.count()) === 1, `${p.name}: "${DUTY}" waits in my work`);
  check((await item.locator(".badge").innerText()).trim() === waiting, `${p.name}: it waits as "${waiting}"`);
  await item.locator("a.item-title").click();
  await at(p, /\/duties\/\d+$/);
}

async function state(p) {
  return (await p.page.locator(".facts .state").innerText()).trim();
}

// 1. The customer's member: log in, my work, the board, the duty, evidence, submit.
const member = await person("member");
await member.page.goto(`${base}/`);
await at(member, /\/login/);
// The first Tab reaches the skip link, with a visible focus ring.
await member.page.keyboard.press("Tab");
const outline = await member.page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
check(outline !== "none", `the keyboard focus is visible (${outline})`);
await review(member, "login");
await logIn(member, `member@${customer}.example`);
check((await member.page.locator("li.item").count()) >= 5, "member: my work lists the customer's duties");
await review(member, "my work");

// The catalog and the subscribed edition's matrix (the static site's tables).
await member.page.click(`nav.primary a[href="/catalog"]`);
await at(member, /\/catalog$/);
await review(member, "catalog", { narrow: false });
await member.page.click("table.catalog td:nth-child(3) a");
await at(member, /\/services\/\d+\/editions\/\d+$/);
check((await member.page.locator("table.matrix tr.activity").count()) === 10, "the edition's matrix: ten activities");
check((await member.page.locator("ul.legend li").count()) >= 4, "the matrix's legend names the letters");
await review(member, "edition matrix");
await member.page.click(`nav.primary a[href="/"]`);
await at(member, (url) => new URL(url).pathname === "/");

await member.page.click(".board-links a");
await at(member, /\/subscriptions\/\d+$/);
check((await member.page.locator("table.duties tbody tr").count()) === 10, "board: the ten duties, by phase");
await review(member, "board list", { print: true });
await member.page.click(`nav.views a:has-text("${words.kanban}")`);
await at(member, /view=kanban/);
check((await member.page.locator(".kanban section.column").count()) === 6, "kanban: a column per state");
await review(member, "board kanban", { narrow: true });
await member.page.fill("input[name=q]", "volume");
await member.page.click(`form.board-filters button:has-text("${words.apply}")`);
await at(member, /q=volume/);
check((await member.page.locator("li.card").count()) === 1, "kanban: the words filter keeps one duty");
await member.page.click(`li.card a:has-text("${DUTY}")`);
await at(member, /\/duties\/\d+$/);
await review(member, "duty open");

await member.page.click(`button:has-text("${words.start}")`);
await member.page.waitForSelector("form[data-dropzone]");
await member.page.waitForLoadState("networkidle");
// Drop a file on the evidence form, as from the desktop.
const content = `day,messages\n2026-11-30,182340\n2026-12-01,190115\n${lang}\n`;
const transfer = await member.page.evaluateHandle((text) => {
  const data = new DataTransfer();
  data.items.add(new File([text], "volume.csv", { type: "text/csv" }));
  return data;
}, content);
await member.page.dispatchEvent("form[data-dropzone]", "drop", { dataTransfer: transfer });
check((await member.page.$eval("#evidence-file", (i) => i.files.length)) === 1, "a dropped file is chosen");
await member.page.click(`form[data-dropzone] button:has-text("${words.upload}")`);
await member.page.waitForSelector("ul.evidence .hash code");
await member.page.waitForLoadState("networkidle");
const hash = createHash("sha256").update(content).digest("hex");
check((await member.page.locator("ul.evidence .hash code").innerText()).trim() === hash, "the file's SHA-256 is shown");
await review(member, "duty evidence");
await member.page.click(`.duty-actions button:has-text("${words.submit}")`);
await member.page.waitForSelector(".facts .state-awaiting_consultation");
await member.page.waitForLoadState("networkidle");
await review(member, "duty submitted", { narrow: false });
await logOut(member);
await member.context.close();

// 2. The provider's member: the consultation waits on them; they agree.
const provider = await person("provider");
await logIn(provider, "admin@nimbus.example");
// The provider's admin was told (its C is unmapped): the inbox says so.
await provider.page.click(`nav.primary a[href="/inbox"]`);
await at(provider, /\/inbox$/);
check((await provider.page.locator("ul.inbox li.item.unread").count()) >= 1, "provider: the inbox tells of the consultation");
await review(provider, "inbox");
await provider.page.click(`nav.primary a[href="/"]`);
await at(provider, (url) => new URL(url).pathname === "/");
await openFromWork(provider, words.answer, customerName);
await provider.page.fill("form.decision textarea", lang === "fr" ? "Volumes vérifiés." : "Volumes checked.");
await provider.page.click(`form.decision button:has-text("${words.agree}")`);
await provider.page.waitForSelector(".facts .state-awaiting_signoff");
await provider.page.waitForLoadState("networkidle");
await review(provider, "duty answered", { narrow: false });
await logOut(provider);
await provider.context.close();

// 3. The customer's admin (A): signs it off; the duty is done.
const admin = await person("admin");
await logIn(admin, `admin@${customer}.example`);
await openFromWork(admin, words.signOff, "Nimbus");
await admin.page.click(`.duty-actions button:has-text("${words.approve}")`);
await admin.page.waitForSelector(".facts .state-done");
await admin.page.waitForLoadState("networkidle");
check((await state(admin)) === words.done, "the duty is done");
check((await admin.page.locator("ol.timeline li").count()) >= 5, "its history tells each step");
await review(admin, "duty done", { print: true });

// 4. The new edition's change notice: the moves side by side; the admin accepts.
await admin.page.click("header.page .kicker a");
await at(admin, /\/subscriptions\/\d+$/);
await admin.page.click(".notice-warning a");
await at(admin, /\/change-notices\/\d+$/);
check((await admin.page.locator("table.notice-entries tbody tr").count()) >= 3, "the notice lists the duties that change");
check((await admin.page.locator("table.notice-entries .badge-onto_customer").count()) >= 1, "some move onto the customer");
await review(admin, "change notice");
await admin.page.click("form.accept button");
await admin.page.waitForSelector(".state.notice-accepted");
await admin.page.waitForLoadState("networkidle");
await review(admin, "notice accepted", { narrow: false });

// 5. The audit trail of it all, and its chain verified.
await admin.page.click(`nav.primary a[href="/audit"]`);
await at(admin, /\/audit$/);
check((await admin.page.locator("table.audit tbody tr").count()) >= 10, "the audit log lists the steps");
await review(admin, "audit log");
await admin.page.click(`a[href="/audit/verify"]`);
await at(admin, /\/audit\/verify$/);
check((await admin.page.locator("section.verify-ok").count()) === 1, "the audit chain holds");
await review(admin, "audit verified", { narrow: false });
await admin.context.close();

await browser.close();
console.log(`${lang}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
