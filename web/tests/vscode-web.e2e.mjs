// The VS Code web extension in a browser-hosted VS Code: code-server, with
// the ropa .vsix installed as a user installs it, in headless Chromium
// driven by playwright-core. A user setting makes VS Code run the extension
// in the browser's web-worker extension host (its `browser` entry), not in
// code-server's Node one, so it is the web extension that runs: the
// language server is the WebAssembly worker, and no `ropa` program exists
// for it (none in the .vsix, none on PATH). Opens a copy of
// specs/office2go and requires:
//   - the browser loaded the extension's browser entry (out/browser.js) and
//     ran it in VS Code's web-worker extension host;
//   - the Problems panel lists exactly the findings of
//     `ropa check specs/office2go --format json` (file, line, rule id),
//     before any file is opened;
//   - no request left 127.0.0.1 (every other one is blocked).
//
//   TOOLS=<dir with node_modules/.bin/code-server> VSIX=<ropa.vsix> \
//   OUT_DIR=<dir> node web/tests/vscode-web.e2e.mjs <expected.json>
//
// Prints "N passed, M failed" last. Every process it starts is stopped by
// PID; code-server binds to 127.0.0.1 only.

import { spawn, spawnSync, execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const CODE_SERVER = path.join(process.env.TOOLS ?? "", "node_modules", ".bin", "code-server");
const { VSIX, OUT_DIR } = process.env;
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT = 90000;
const EXTENSION = "ropa.ropa"; // publisher.name in editors/vscode/package.json
const expected = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).diagnostics
  .map((d) => `${path.basename(d.file)}:${d.line} ${d.rule}`).sort();

let passed = 0, failed = 0;
const check = (ok, what) => {
  if (ok) passed++; else failed++;
  console.log(`  ${ok ? "ok  " : "FAIL"}  ${what}`);
};
const t0 = Date.now();
const log = (...a) => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, ms) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
  }
  throw new Error(`timeout waiting for ${url}`);
}

/** code-server's processes: the root, its descendants, and its process
 * group (spawned detached, so the group id is its pid); zombies are dead. */
function ourProcesses(root) {
  const rows = execFileSync("ps", ["-e", "-o", "pid=,ppid=,pgid=,stat="]).toString().trim().split("\n")
    .map((l) => l.trim().split(/\s+/)).map(([pid, ppid, pgid, stat]) => ({ pid: +pid, ppid: +ppid, pgid: +pgid, stat }))
    .filter((r) => !r.stat.startsWith("Z"));
  const seen = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (!seen.has(r.pid) && seen.has(r.ppid)) { seen.add(r.pid); grew = true; }
  }
  return rows.filter((r) => seen.has(r.pid) || r.pgid === root);
}

async function stopTree(child) {
  const kill = (signal) => ourProcesses(child.pid).forEach((p) => {
    try { process.kill(p.pid, signal); } catch { /* gone */ }
  });
  kill("SIGTERM");
  for (const end = Date.now() + 5000; Date.now() < end && ourProcesses(child.pid).length;) await new Promise((r) => setTimeout(r, 100));
  kill("SIGKILL");
  await new Promise((r) => setTimeout(r, 200));
  return ourProcesses(child.pid).length;
}

/** Every file in `dir`, recursively, relative to it. */
const filesIn = (dir) => fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile());

/** The Problems panel's rows as "file:line rule" (a marker row follows the
 * row of its file; the panel is tall enough to show every row at once). */
async function problems(page) {
  return page.evaluate(() => {
    const found = [];
    let file = null;
    for (const row of document.querySelectorAll(".markers-panel .monaco-list-row")) {
      const text = row.innerText.replace(/\s+/g, " ").trim();
      const at = text.match(/\[Ln (\d+), Col \d+\]/);
      if (!at) {
        file = text.split(" ")[0];
        continue;
      }
      const code = row.querySelector(".marker-code, .code")?.innerText.replace(/[()]/g, "").trim();
      found.push(`${file}:${at[1]} ${code}`);
    }
    return found;
  });
}

async function main() {
  for (const f of [CODE_SERVER, VSIX, CHROMIUM]) if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ropa-vscode-web-"));
  const dirs = Object.fromEntries(["user-data", "extensions", "ws", "chrome", "xdg-config", "xdg-data"].map((d) => [d, path.join(tmp, d)]));
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  const ws = path.join(dirs.ws, "office2go");
  fs.cpSync(path.join(REPO, "specs", "office2go"), ws, { recursive: true });
  fs.mkdirSync(path.join(dirs["user-data"], "User"), { recursive: true });
  fs.writeFileSync(path.join(dirs["user-data"], "User", "settings.json"), JSON.stringify({
    // The point of the test: run the extension where VS Code for the web
    // runs it, in the browser's web-worker extension host.
    "remote.extensionKind": { [EXTENSION]: ["web"] },
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "chat.disableAIFeatures": true,
  }, null, 2));
  // No `ropa` for anything code-server starts: PATH without the folders
  // holding one (~/.cargo/bin may).
  const PATH = (process.env.PATH || "").split(path.delimiter).filter((d) => d && !fs.existsSync(path.join(d, "ropa"))).join(path.delimiter);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const cfg = path.join(tmp, "config.yaml"); // its own: nothing written to ~/.config
  fs.writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  // EXTENSIONS_GALLERY: no marketplace (code-server asks open-vsx.org for
  // recommendations otherwise, a request this test would block and count).
  const env = { ...process.env, PATH, EXTENSIONS_GALLERY: "{}", XDG_CONFIG_HOME: dirs["xdg-config"], XDG_DATA_HOME: dirs["xdg-data"] };
  const common = ["--config", cfg, "--user-data-dir", dirs["user-data"], "--extensions-dir", dirs.extensions];

  const inst = spawnSync(CODE_SERVER, [...common, "--install-extension", VSIX], { env, encoding: "utf8" });
  if (inst.status !== 0) throw new Error(`--install-extension failed: ${inst.stdout}\n${inst.stderr}`);
  const installed = fs.readdirSync(dirs.extensions).find((d) => d.startsWith(`${EXTENSION}-`));
  const files = installed ? filesIn(path.join(dirs.extensions, installed)) : [];
  check(files.includes(path.join("out", "browser.js")) && files.includes(path.join("out", "server-worker.js")),
    `the installed .vsix has the browser entry and the worker (${installed})`);
  const binaries = files.filter((f) => /^ropa(\.exe)?$/.test(path.basename(f)));
  check(binaries.length === 0 && !PATH.split(path.delimiter).some((d) => fs.existsSync(path.join(d, "ropa"))),
    `no ropa program for the extension: none in the .vsix${binaries.length ? ` (${binaries})` : ""}, none on PATH`);

  let cs, browser;
  const csLog = path.join(OUT_DIR, "code-server-web.log");
  try {
    const fd = fs.openSync(csLog, "w");
    cs = spawn(CODE_SERVER, [...common, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry",
      "--disable-update-check", "--disable-workspace-trust", "--disable-getting-started-override", ws],
    { env, detached: true, stdio: ["ignore", fd, fd] });
    fs.closeSync(fd);
    await waitHttp(`${origin}/healthz`, 30000);
    log(`code-server up on ${origin}`);

    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"],
    });
    // Tall, so that the Problems panel shows every row at once.
    const context = await browser.newContext({ viewport: { width: 1400, height: 2400 } });
    const requests = [];
    const blocked = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url.startsWith(`${origin}/`)) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    try {
      await page.goto(`${origin}/?folder=${encodeURIComponent(ws)}`);
      await page.locator(".monaco-workbench").waitFor();
      log("workbench loaded");

      // Before any file is opened, the status bar counts the folder's findings.
      const count = (sev) => JSON.parse(fs.readFileSync(process.argv[2], "utf8")).diagnostics.filter((d) => d.severity === sev).length;
      const [errors, warnings] = [count("error"), count("warning")];
      const counted = await page.waitForFunction(([errors, warnings]) => {
        const n = (document.querySelector('[id="status.problems"]')?.innerText.match(/\d+/g) || []).map(Number);
        return n[0] === errors && n[1] === warnings ? n : null;
      }, [errors, warnings], { timeout: TIMEOUT }).then((h) => h.jsonValue(), () => null);
      check(counted !== null, `the status bar counts ${errors} errors and ${warnings} warnings, as ropa check`);
      log("findings published");

      // Where the extension runs: the browser fetched its browser entry
      // (a Node extension host reads `main` from disk and never asks for
      // it), and the page's web-worker extension host is up.
      const entry = requests.filter((u) => decodeURIComponent(u).includes(`/${installed}/out/browser.js`));
      check(entry.length > 0, `the browser loaded the extension's browser entry (${entry.length} request)`);
      const tabs = await page.locator(".tabs-container .tab").count();
      check(tabs === 0, `no file is open (${tabs} tabs)`);

      // Ctrl+Shift+M needs the focus inside the workbench: the Explorer's
      // empty space below the files.
      await page.locator(".part.sidebar .explorer-folders-view").click({ position: { x: 100, y: 600 } });
      await page.keyboard.press("Control+Shift+M");
      await page.locator(".markers-panel .monaco-list-row").first().waitFor();
      // Maximized, the panel shows every row (the list renders only those
      // on screen).
      await page.locator(".panel [aria-label*='Maximize']").first().click({ timeout: 5000 });
      await page.waitForTimeout(500);
      const shown = (await problems(page)).sort();
      const same = JSON.stringify(shown) === JSON.stringify(expected);
      check(same, `the Problems panel lists the findings of ropa check (${shown.length} of ${expected.length}; file, line, rule id)`);
      if (!same) {
        console.log("    missing:", expected.filter((e) => !shown.includes(e)).slice(0, 5));
        console.log("    extra:", shown.filter((e) => !expected.includes(e)).slice(0, 5));
      }
      await page.screenshot({ path: path.join(OUT_DIR, "vscode-web.png") });

      // VS Code's own list of running extensions says which host runs it.
      await page.keyboard.press("Control+Shift+P");
      await page.keyboard.type("Developer: Show Running Extensions");
      await page.locator(".quick-input-list .monaco-list-row", { hasText: "Show Running Extensions" }).first().waitFor();
      await page.keyboard.press("Enter");
      const row = page.locator(".runtime-extensions-editor .monaco-list-row", { hasText: "GDPR records of processing" });
      await row.filter({ hasText: /Activation: \d+/ }).first().waitFor({ timeout: 20000 }).catch(() => {});
      const running = row.first();
      const runningText = (await running.innerText()).replace(/\s+/g, " ").trim();
      check(/\bweb worker\b/.test(runningText) && /Activation: \d+/.test(runningText),
        `Running Extensions: it runs in the web worker and is activated ("${runningText}")`);
      await page.screenshot({ path: path.join(OUT_DIR, "vscode-web-running.png") });
      check(blocked.length === 0, `no request left ${origin} (${requests.length} made, ${blocked.length} blocked: ${blocked.slice(0, 3).join(", ")})`);
    } catch (e) {
      await page.screenshot({ path: path.join(OUT_DIR, "vscode-web-failure.png") }).catch(() => {});
      throw e;
    }
  } catch (e) {
    check(false, `the test ran to its end: ${e.message}`);
    console.log(`    code-server's log: ${csLog}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (cs) {
      const left = await stopTree(cs);
      check(left === 0, `every code-server process stopped (${left} left)`);
    }
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main().catch((e) => check(false, e.message));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
