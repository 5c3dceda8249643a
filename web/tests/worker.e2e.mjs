// The VS Code web extension's language server (editors/vscode/out/
// server-worker.js) in a web worker in headless Chromium, offline: it must
// answer `initialize` and publish, for the Office2go files it is sent, the
// findings of `ropa check specs/office2go --format json` (rule ids, lines),
// and answer a hover.
//
//   node web/tests/worker.e2e.mjs <server-worker.js> <expected.json>

import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [workerPath, expectedPath] = process.argv.slice(2);
const specs = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../specs/office2go");
const expected = JSON.parse(fs.readFileSync(expectedPath, "utf8")).diagnostics
  .map((d) => `${path.basename(d.file)}:${d.line} ${d.rule}`).sort();
const files = fs.readdirSync(specs).filter((f) => f.endsWith(".kdl")).sort()
  .map((f) => ({ uri: `file:///ws/office2go/${f}`, text: fs.readFileSync(path.join(specs, f), "utf8") }));

let passed = 0, failed = 0;
const check = (ok, what) => {
  if (ok) passed++; else failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${what}`);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext({ offline: true });
const requests = [];
await context.route("**/*", (route) => { requests.push(route.request().url()); return route.abort(); });
const page = await context.newPage();
try {
  const result = await page.evaluate(async ({ code, files }) => {
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: "text/javascript" })));
    const published = new Map();
    const answers = new Map();
    worker.onmessage = ({ data }) => {
      if (data.method === "textDocument/publishDiagnostics") published.set(data.params.uri, data.params.diagnostics);
      else if ("id" in data && !data.method) answers.set(data.id, data);
    };
    const send = (m) => worker.postMessage({ jsonrpc: "2.0", ...m });
    const wait = async (test, ms = 20000) => {
      for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (test()) return true;
      return false;
    };
    send({ id: 1, method: "initialize", params: { processId: null, rootUri: "file:///ws", capabilities: {} } });
    await wait(() => answers.has(1));
    const init = answers.get(1);
    send({ method: "initialized", params: {} });
    files.forEach((f, i) => send({ method: "textDocument/didOpen", params: { textDocument: { uri: f.uri, languageId: "ropa", version: 1, text: f.text } } }));
    await wait(() => files.every((f) => published.has(f.uri)));
    await new Promise((r) => setTimeout(r, 300)); // the last publish of each file
    const activities = files.find((f) => f.uri.endsWith("activities.ropa.kdl"));
    const first = (published.get(activities.uri) || [])[0];
    if (first) send({ id: 2, method: "textDocument/hover", params: { textDocument: { uri: activities.uri }, position: first.range.start } });
    await wait(() => answers.has(2), 5000);
    return {
      init,
      diagnostics: [...published].flatMap(([uri, list]) => list.map((d) => `${uri.split("/").pop()}:${d.range.start.line + 1} ${d.code}`)),
      hover: answers.get(2)?.result?.contents?.value ?? "",
      firstRule: first?.code,
    };
  }, { code: fs.readFileSync(workerPath, "utf8"), files });
  check(result.init?.result?.capabilities?.hoverProvider === true, `the worker answers initialize (${result.init?.result?.serverInfo?.name})`);
  const found = result.diagnostics.sort();
  check(JSON.stringify(found) === JSON.stringify(expected), `it publishes the findings of ropa check (${found.length} of ${expected.length}, rule ids and lines)`);
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    console.log("    missing:", expected.filter((e) => !found.includes(e)).slice(0, 5));
    console.log("    extra:", found.filter((e) => !expected.includes(e)).slice(0, 5));
  }
  check(result.hover.includes(result.firstRule ?? "?"), `a hover on a finding explains its rule (${result.firstRule})`);
  check(requests.length === 0, `no network request was made (${requests.length})`);
} catch (e) {
  check(false, `the test ran to its end: ${e.message}`);
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
