// The playground in headless Chromium with every network request blocked:
// paste the Office2go spec files into an empty workspace, see the findings
// `ropa check specs/office2go --format json` gives (rule ids and lines),
// apply a quick fix, switch the report to Swedish.
//
//   node web/tests/playground.e2e.mjs <dist/index.html> <expected.json>
//
// expected.json is the CLI's JSON output. Prints "N passed, M failed".

import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [page_, expectedPath] = process.argv.slice(2);
const specs = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../specs/office2go");
const expected = JSON.parse(fs.readFileSync(expectedPath, "utf8")).diagnostics
  .map((d) => `${path.basename(d.file)}:${d.line} ${d.rule}`).sort();

let passed = 0, failed = 0;
const check = (ok, what) => {
  if (ok) passed++; else failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${what}`);
};

const pageUrl = `file://${path.resolve(page_)}?example=`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, offline: true });
const requests = [];
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url === pageUrl) return route.continue();
  requests.push(url);
  return route.abort();
});
// How long to wait for the page to react. Only a failing run waits this
// long; a report rendered in WebAssembly once took over 10 s on a 2-core
// machine busy compiling.
const WAIT = 30000;
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
try {
  await page.goto(pageUrl);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  check(true, "the page starts from file:// with the network blocked");

  // Paste each file into a new, empty file.
  for (const name of fs.readdirSync(specs).filter((f) => f.endsWith(".kdl")).sort()) {
    await page.fill("#new-name", name);
    await page.click("#new-file button[type=submit]");
    await page.click(".cm-content");
    await page.keyboard.insertText(fs.readFileSync(path.join(specs, name), "utf8"));
  }
  const shown = async () => (await page.$$eval("#findings li", (items) =>
    items.map((li) => `${li.dataset.file}:${li.dataset.line} ${li.dataset.rule}`))).sort();
  await page.waitForFunction((n) => document.querySelectorAll("#findings li").length === n, expected.length, { timeout: WAIT })
    .catch(() => {});
  const found = await shown();
  check(JSON.stringify(found) === JSON.stringify(expected),
    `the findings are those of ropa check (${found.length} of ${expected.length}, rule ids and lines)`);
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    console.log("    missing:", expected.filter((e) => !found.includes(e)).slice(0, 5));
    console.log("    extra:", found.filter((e) => !expected.includes(e)).slice(0, 5));
  }
  // Open the file of the first undeclared transfer from the findings list.
  await page.locator("#findings li[data-rule=undeclared-transfer] button.where").first().click();
  const marks = await page.$$eval(".cm-lintRange", (m) => m.length);
  check(marks > 0, `the open file has inline marks (${marks})`);

  // A quick fix: declare the transfer the record implies.
  const fix = page.locator("#findings li[data-rule=undeclared-transfer] button.fix", { hasText: "Declare the transfer" }).first();
  const title = await fix.textContent();
  const before = await page.$$eval("#findings li[data-rule=undeclared-transfer]", (l) => l.length);
  await fix.click();
  const inserted = title.match(/`([^`]+)`/)[1];
  await page.waitForFunction((t) => document.querySelector(".cm-content").textContent.includes(t), inserted, { timeout: WAIT })
    .catch(() => {});
  const text = await page.textContent(".cm-content");
  check(text.includes(inserted), `the quick fix "${title}" wrote \`${inserted}\``);
  await page.waitForFunction((n) => document.querySelectorAll("#findings li[data-rule=undeclared-transfer]").length < n, before, { timeout: WAIT })
    .catch(() => {});
  const after = await page.$$eval("#findings li[data-rule=undeclared-transfer]", (l) => l.length);
  check(after < before, `the findings were checked again (undeclared transfers ${before} -> ${after})`);

  // The report, in Swedish.
  await page.click("#tab-report");
  await page.selectOption("#report-lang", "sv");
  const frame = page.frameLocator("#report-frame");
  // Setting srcdoc loads the new document asynchronously: wait for the Swedish
  // one, not whichever document the frame held when the tab opened.
  await frame.locator("html[lang=sv] body").waitFor({ timeout: WAIT });
  const report = await frame.locator("body").innerText();
  check(report.includes("personuppgiftsansvarig"), "the Swedish report says \"personuppgiftsansvarig\"");
  await page.screenshot({ path: process.env.SCREENSHOT || "target/web-e2e/playground.png" });

  check(requests.length === 0, `no network request was made (${requests.length}${requests.length ? ": " + requests[0] : ""})`);
  check(errors.length === 0, `no script error (${errors.join("; ")})`);
} catch (e) {
  check(false, `the test ran to its end: ${e.message}`);
  // What the page showed, for a failure that does not repeat.
  const shown = await page.evaluate(() => ({
    reportError: document.getElementById("report-error")?.textContent,
    frameStart: document.getElementById("report-frame")?.srcdoc?.slice(0, 80),
    frameLength: document.getElementById("report-frame")?.srcdoc?.length,
  })).catch((err) => ({ unavailable: err.message }));
  console.log("    page state:", JSON.stringify(shown), "script errors:", JSON.stringify(errors));
  // The documents the frames hold, which a frame's `srcdoc` need not be:
  // it said Swedish while the frame showed the English report.
  for (const f of page.frames()) {
    const held = await f.evaluate(() => ({ lang: document.documentElement.lang, length: document.documentElement.outerHTML.length }))
      .catch((err) => ({ unavailable: err.message }));
    console.log("    frame:", f.url().slice(0, 60), JSON.stringify(held));
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
