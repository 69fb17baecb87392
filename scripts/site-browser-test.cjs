// The browser half of scripts/site-browser-test.sh: opens every page of the
// sites given from the file system in headless Chromium, fails on any console
// error, page error or failed request, drives the filter of a matrix page and
// checks the rows shown, and saves screenshots.
//
// Usage: node site-browser-test.cjs WORK_DIR SITE_DIR...
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const { pathToFileURL } = require("url");
const { chromium } = require("playwright-core");

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

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

function htmlFiles(root) {
  const found = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) {
      found.push(...htmlFiles(full));
    } else if (entry.name.endsWith(".html")) {
      found.push(full);
    }
  }
  return found.sort();
}

// Opens `file` in a new tab, recording every error the page reports.
async function open(context, file) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(`console error: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) =>
    errors.push(`failed request: ${request.url()} (${request.failure().errorText})`)
  );
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, errors };
}

// How many activity rows are shown.
function visibleRows(page) {
  return page.$$eval("tr.activity", (rows) => rows.filter((row) => row.offsetParent !== null).length);
}

// What the filter should show, from the role values and texts in the page
// (the oracle reads the DOM, not the script's state).
function expectedRows(page, party, role, words) {
  return page.$$eval(
    "tr.activity",
    (rows, [party, role, words]) => {
      const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      return rows.filter((row) => {
        const cells = [...row.querySelectorAll("td[data-roles]")].map((c) => c.dataset.roles);
        const chosen = party === "" ? cells : [cells[Number(party)]];
        let roleOk;
        if (role === "") {
          roleOk = party === "" || chosen[0] !== "";
        } else if (role === "-") {
          roleOk = chosen.some((letters) => letters === "");
        } else {
          roleOk = chosen.some((letters) => letters.includes(role));
        }
        const text = fold(
          [...row.querySelectorAll("td.activity .text, td.activity .notes li")]
            .map((el) => el.textContent)
            .join(" ")
        );
        return roleOk && words.every((word) => text.includes(fold(word)));
      }).length;
    },
    [party, role, words]
  );
}

async function setFilter(page, party, role, text) {
  await page.selectOption("#filter-party", party);
  await page.selectOption("#filter-role", role);
  await page.fill("#filter-text", text);
}

// Drives the filter of a matrix page through `cases` of [party, role, text,
// what the case is, and for our fixtures how many rows it has]; each must
// show the rows the oracle expects.
async function driveFilter(page, label, cases) {
  const total = await page.$$eval("tr.activity", (rows) => rows.length);
  check(await page.isVisible("#filters"), `${label}: the filter is shown once the script runs`);
  check((await visibleRows(page)) === total, `${label}: all ${total} rows shown at first`);
  for (const [party, role, text, what, known] of cases) {
    await setFilter(page, party, role, text);
    const shown = await visibleRows(page);
    const expected = await expectedRows(page, party, role, text.split(/\s+/).filter(Boolean));
    if (known !== undefined) {
      check(expected === known, `${label}: ${what}: ${known} rows in the fixture (${expected} found)`);
    }
    const counter = await page.textContent("#filter-count");
    check(
      shown === expected && counter === `${expected} of ${total} activities`,
      `${label}: ${what}: ${shown} rows shown, ${expected} expected ("${counter}")`
    );
    check(shown < total, `${label}: ${what}: the filter hides rows (${shown} of ${total})`);
  }
}

async function testFixtures(context, site, work) {
  console.log(`fixtures site: ${site}`);
  const { page: index, errors: indexErrors } = await open(context, path.join(site, "index.html"));
  check((await index.title()).startsWith("Responsibility matrices"), "index: title");
  const background = await index.$eval("nav.site", (el) => getComputedStyle(el).backgroundColor);
  check(background !== "rgba(0, 0, 0, 0)", `index: the stylesheet is applied (${background})`);
  const matrixLinks = await index.$$eval('a[href^="matrix/"]', (links) => links.length);
  check(matrixLinks === 10, `index: links to the 10 matrix pages (${matrixLinks})`);
  await index.screenshot({ path: path.join(work, "index.png"), fullPage: true });
  // Follow a link from the index, as a reader would.
  await Promise.all([
    index.waitForURL(/\/matrix\/queue-service-en-md\.html$/),
    index.click('a[href="matrix/queue-service-en-md.html"]'),
  ]);
  check(index.url().endsWith("/matrix/queue-service-en-md.html"), "index: a matrix link opens its page");
  check(indexErrors.length === 0, `index: no errors ${JSON.stringify(indexErrors)}`);
  await index.close();

  const file = path.join(site, "matrix", "queue-service-en-md.html");
  const { page, errors } = await open(context, file);
  await driveFilter(page, "queue-service.en", [
    ["1", "R", "", "Nimbus is R", 7],
    ["0", "A", "", "Customer is A", 7],
    ["1", "-", "", "Nimbus has no role", 1],
    ["", "C", "", "anyone is C", 1],
    ["", "", "broker", 'search "broker"', 4],
    ["", "", "BROKER hosts", 'search "BROKER hosts", any case', 3],
    ["0", "R", "applications", 'Customer is R and "applications"', 2],
    ["", "", "no-such-activity", "a search that matches nothing", 0],
  ]);
  check(await page.isVisible("#no-match"), "queue-service.en: says when nothing matches");
  check(
    (await page.$$eval("section.phase", (s) => s.filter((x) => x.offsetParent !== null).length)) === 0,
    "queue-service.en: sections with no row shown are hidden"
  );
  await setFilter(page, "1", "R", "");
  await page.screenshot({ path: path.join(work, "matrix-filtered.png"), fullPage: true });
  await page.click("#filter-reset");
  await page.waitForFunction(
    () => document.querySelectorAll("tr.activity[hidden]").length === 0
  );
  const total = await page.$$eval("tr.activity", (rows) => rows.length);
  check((await visibleRows(page)) === total, "queue-service.en: Clear shows every row again");
  check(await page.isHidden("#no-match"), "queue-service.en: the no-match message is gone after Clear");
  const shot = path.join(work, "matrix.png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`  screenshot: ${shot}`);
  // The print stylesheet drops the filter and the navigation.
  await page.emulateMedia({ media: "print" });
  check(
    (await page.isHidden("#filters")) && (await page.isHidden("nav.site")),
    "queue-service.en: printing leaves out the filter and the navigation"
  );
  await page.screenshot({ path: path.join(work, "matrix-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  check(errors.length === 0, `queue-service.en: no errors ${JSON.stringify(errors)}`);
  await page.close();

  // Accents are ignored: "cles" finds "clés" on the French page.
  const french = await open(context, path.join(site, "matrix", "locales-guide-fr-fr-md.html"));
  await driveFilter(french.page, "guide.fr-fr", [["", "", "cles", 'search "cles" finds "clés"', 1]]);
  check(
    (await visibleRows(french.page)) > 0,
    "guide.fr-fr: the accent-free search finds a row"
  );
  check(french.errors.length === 0, `guide.fr-fr: no errors ${JSON.stringify(french.errors)}`);
  await french.page.close();

  const comparison = await open(context, path.join(site, "compare", "message-queue.html"));
  await comparison.page.screenshot({ path: path.join(work, "compare.png"), fullPage: true });
  await comparison.page.close();
}

async function testCorpus(context, site, work) {
  console.log(`corpus site: ${site}`);
  const file = path.join(site, "matrix", "cloud-temple-managed-kubernetes-raci-en-md.html");
  if (!fs.existsSync(file)) {
    check(false, `corpus: ${file} exists`);
    return;
  }
  const { page, errors } = await open(context, file);
  const parties = await page.$$eval("#filter-party option", (options) => options.length - 1);
  check(parties === 2, `corpus Kubernetes: two parties in the filter (${parties})`);
  await driveFilter(page, "corpus Kubernetes", [
    ["0", "R", "", "the customer is R"],
    ["1", "A", "", "the provider is A"],
    ["", "", "backup", 'search "backup"'],
  ]);
  await page.click("#filter-reset");
  await page.screenshot({ path: path.join(work, "corpus-matrix.png"), fullPage: false });
  check(errors.length === 0, `corpus Kubernetes: no errors ${JSON.stringify(errors)}`);
  await page.close();
  const kubernetes = path.join(site, "compare", "kubernetes.html");
  if (fs.existsSync(kubernetes)) {
    const compare = await open(context, kubernetes);
    await compare.page.screenshot({ path: path.join(work, "corpus-compare.png"), fullPage: false });
    await compare.page.close();
  }
}

async function main() {
  const [work, ...sites] = process.argv.slice(2);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raci-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  try {
    // Every page of every site loads without an error.
    for (const site of sites) {
      const files = htmlFiles(site);
      let clean = 0;
      for (const file of files) {
        const { page, errors } = await open(context, file);
        if (errors.length === 0) {
          clean += 1;
        } else {
          console.log(`  ${path.relative(site, file)}: ${errors.join("; ")}`);
        }
        await page.close();
      }
      check(clean === files.length, `${site}: ${clean} of ${files.length} pages load with no error`);
    }
    await testFixtures(context, sites[0], work);
    if (sites[1]) {
      await testCorpus(context, sites[1], work);
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(`site-browser-test: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
