// End to end in a real VS Code: code-server with the ropa .vsix installed,
// driven by playwright-core in Debian's headless Chromium. Opens
// specs/office2go (a copy, plus one messy file), and checks what a privacy
// officer would see: before any file is opened, the Problems panel counts
// every finding `ropa check` reports for the folder; the language is
// recognised and highlighted (TextMate grammar, and semantic tokens: both
// processor ids on a line coloured as processors), folding, smart selection
// of a whole node, findings are squiggles and rows of the Problems panel
// with their rule ids, the hover explains the rule, a quick fix changes the
// text and the new transfer shows its country's inlay hint; Go to
// Definition lands on the declaration in another file, and a workspace
// symbol search finds a processor; in the messy file, a web address and a
// rule id are links (the rule id only through the server's document links),
// Format Selection formats only the selection, a space (or `=`) after
// `basis`, `subjects`, `processors`, `data`, `mechanism=` and `country`
// opens a list with the expected items, the outline lists the file's
// declarations, and Format Document gives the text `ropa fmt` gives; last,
// Rename changes an id in both files that use it, on disk after Save All.
// Pull diagnostics are not driven here: the extension's client takes
// pushed diagnostics (the server pushes unless a client asks for pull in
// its initializationOptions), so `textDocument/diagnostic` is asserted in
// crates/ropa-lsp/tests/features.rs. The screenshots go to OUT_DIR; what
// each shows is asserted in the DOM just before it is taken.
//
//   TOOLS=<dir with node_modules of editors/tests/tools> VSIX=<ropa.vsix> \
//   ROPA_BIN=<abs path of ropa> OUT_DIR=<dir> node editors/tests/vscode_e2e.mjs
//
// Without ROPA_BIN the .vsix must carry its own ropa (scripts/dist builds
// one): the test then checks that no `ropa` is on PATH, that the setting
// is left empty, and that the status bar says the bundled ropa runs.
//
// Every process it starts is stopped by PID before it exits; code-server
// binds to 127.0.0.1 only.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const TOOLS = process.env.TOOLS;
const require = createRequire(path.join(TOOLS, 'package.json'));
const { chromium } = require('playwright-core');

const CODE_SERVER = path.join(TOOLS, 'node_modules', '.bin', 'code-server');
const VSIX = process.env.VSIX;
const ROPA_BIN = process.env.ROPA_BIN;
const OUT_DIR = process.env.OUT_DIR;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 60000);
const SPEC = 'activities.ropa.kdl';
// Added to the copy: a data line and an activity written carelessly, with a
// web address in the purpose.
const MESSY = 'scratch.ropa.kdl';
const MESSY_TEXT = [
  'data   scratch-notes   "Notes"',
  'activity   scratch-formatting   {',
  '  purpose   "Formatting test, see https://www.imy.se/"',
  '      data scratch-notes',
  '  allow   consent-only-basis   reason="Link test"',
  '}',
  'processor scratch-host "Host" {',
  '}',
  '',
].join('\n');
// Where rule ids link to (the server's `ROPA_DOCS_URL`): a reserved
// example domain, only compared, never opened.
const DOCS_URL = 'https://ropa.example/docs';
// Semantic token colours the test sets, to read back from the DOM.
const COLOURS = { class: 'rgb(255, 0, 1)', keyword: 'rgb(255, 0, 2)', enumMember: 'rgb(255, 0, 3)' };
// `processors google power-media-group` in activity seo-analytics: Google
// stores Analytics data in the US and no transfer is declared.
// Found by its text, so that edits elsewhere in the spec don't move it.
const TARGET = (() => {
  const lines = fs.readFileSync(path.join(REPO, 'specs', 'office2go', SPEC), 'utf8').split('\n');
  const activity = lines.findIndex((l) => l.startsWith('activity seo-analytics '));
  const offset = lines.slice(activity).findIndex((l) => l.trim() === 'processors google power-media-group');
  if (activity < 0 || offset < 0) throw new Error('specs/office2go: seo-analytics no longer names `processors google power-media-group`');
  return { line: activity + offset + 1, column: 16, rule: 'undeclared-transfer' };
})();
/** Line and column (1-based) of `word` in the first line of an office2go
 * file that starts with `prefix`. */
function declared(file, prefix, word) {
  const lines = fs.readFileSync(path.join(REPO, 'specs', 'office2go', file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`specs/office2go/${file} no longer has a line starting \`${prefix}\``);
  return { line: i + 1, column: lines[i].indexOf(word) + 1 };
}
const GOOGLE = declared('processors.ropa.kdl', 'processor google ', 'google');
const POWER_MEDIA = declared('processors.ropa.kdl', 'processor power-media-group ', 'power-media-group');
/** Occurrences of an id in a text, as a whole id (ids hold `-`). */
const idCount = (text, id) => (text.match(new RegExp(`(?<![\\w.-])${id}(?![\\w.-])`, 'g')) || []).length;

const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timeout waiting for ${url}`);
}

function procTable() {
  return execFileSync('ps', ['-e', '-o', 'pid=,ppid=,pgid=,stat=,args='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/))
    .filter(Boolean)
    .map((m) => ({ pid: +m[1], ppid: +m[2], pgid: +m[3], stat: m[4], args: m[5] }))
    .filter((r) => !r.stat.startsWith('Z')); // zombies are already dead
}

// The root, its descendants, and anything left in its process group (it was
// spawned detached, so its group id is its pid).
function ourProcesses(root) {
  const rows = procTable();
  const seen = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) {
      if (!seen.has(r.pid) && seen.has(r.ppid)) {
        seen.add(r.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => seen.has(r.pid) || r.pgid === root);
}

async function stopTree(child, name) {
  if (!child) return;
  const procs = ourProcesses(child.pid);
  if (!procs.length) return;
  log(`stopping ${name}: ${procs.length} processes`);
  for (const p of procs) {
    try {
      process.kill(p.pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
  const end = Date.now() + 5000;
  while (Date.now() < end && ourProcesses(child.pid).length) await new Promise((r) => setTimeout(r, 100));
  for (const p of ourProcesses(child.pid)) {
    log(`SIGKILL ${p.pid}`);
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  await new Promise((r) => setTimeout(r, 200));
  const left = ourProcesses(child.pid);
  if (left.length) throw new Error(`${name}: processes still alive: ${left.map((p) => p.pid)}`);
}

/** The visible text of the editor, with VS Code's non-breaking spaces undone. */
async function editorText(page) {
  const text = await page.locator('.monaco-editor .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** The ropa the extension runs: ROPA_BIN, else the one in the installed .vsix. */
function ropaBinary(extensionsDir) {
  if (ROPA_BIN) return ROPA_BIN;
  const stack = [extensionsDir];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name === 'ropa') return p;
    }
  }
  throw new Error(`no ropa in ${extensionsDir}`);
}

/** Errors and warnings `ropa check` reports for a folder. */
function expectedCounts(ropa, folder) {
  const run = spawnSync(ropa, ['check', folder, '--format', 'json'], { encoding: 'utf8' });
  const { diagnostics } = JSON.parse(run.stdout);
  const count = (sev) => diagnostics.filter((d) => d.severity === sev).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), files: new Set(diagnostics.map((d) => path.basename(d.file))) };
}

/** The numbers of the status bar's problems item: errors, warnings (, infos). */
async function problemCounts(page) {
  return page.evaluate(() => {
    const item = document.querySelector('[id="status.problems"]');
    return item ? (item.innerText.match(/\d+/g) || []).map(Number) : [];
  });
}

/** Waits until the view line whose text is `text` (trimmed) has the spans
 * `words` coloured `colour`, and returns that line's colours by word. */
async function wordColours(page, text, words, colour) {
  const handle = await page.waitForFunction(
    ([text, words, colour]) => {
      for (const line of document.querySelectorAll('.monaco-editor .view-line')) {
        if (line.innerText.replace(/\u00a0/g, ' ').trim() !== text) continue;
        const byWord = {};
        for (const span of line.querySelectorAll('span span')) byWord[span.innerText.trim()] = getComputedStyle(span).color;
        return words.every((w) => byWord[w] === colour) ? byWord : null;
      }
      return null;
    },
    [text, words, colour],
    { timeout: 20000 },
  );
  return handle.jsonValue();
}

/** Puts the cursor at line:column, the mouse over it, and waits for a hover
 * containing `text`; moves the mouse off and on again if none shows (a
 * hover requested while the server re-checks may come back empty). */
async function hoverAt(page, line, column, text) {
  for (let attempt = 0; ; attempt++) {
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await goTo(page, line, column);
    const at = await page.locator('.monaco-editor .cursor').first().boundingBox();
    await page.mouse.move(at.x + 2, at.y + at.height / 2);
    await page.mouse.move(at.x + 4, at.y + at.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: text }).first();
    try {
      await hover.waitFor({ timeout: 5000 });
      return hover;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

/** Lines between `line` and the `activity` line above it, in the spec. */
async function editorLinesAbove(_page, line) {
  const lines = fs.readFileSync(path.join(REPO, 'specs', 'office2go', SPEC), 'utf8').split('\n');
  for (let i = line - 1; i >= 0; i--) if (lines[i].startsWith('activity ')) return line - 1 - i;
  throw new Error('no activity above the target');
}

async function goTo(page, line, column) {
  await page.keyboard.press('Control+g');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** Runs a command of the palette by its title. */
async function command(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens quick open with a prefix (`#` workspace symbols, `@` the outline)
 * and the query, and returns the rows' labels once `expect` is among them. */
async function quickOpen(page, text, expect) {
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.press('Backspace'); // the `>` of commands
  await page.keyboard.type(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: expect }).first().waitFor();
  const labels = await page.locator('.quick-input-list .monaco-list-row .label-name').allInnerTexts();
  return labels.map((l) => l.trim()); // an icon's space comes first
}

/** The status bar's cursor position once it is on `at` (line and column of
 * an id): at the id's start, or at its end with the id selected. */
async function cursorAt(page, at, id) {
  const pattern = new RegExp(`Ln ${at.line}, Col (${at.column}|${at.column + id.length} \\(${id.length} selected\\))(?!\\d)`);
  const item = page.locator('[id="status.editor.selection"]');
  await item.filter({ hasText: pattern }).waitFor();
  return (await item.innerText()).trim();
}

/** Types `word` and closes any list; then for each label of `expected`:
 * types the space (or `=`) that must open the completion list by itself,
 * types the label to filter the list (it is virtual: only the rows in view
 * exist in the DOM), waits for an item of exactly that label, and takes the
 * text back. Last, types the trigger and `value`. Returns the length of the
 * list the trigger opened. */
async function completesAfter(page, word, trigger, expected, value) {
  await page.keyboard.type(word);
  await page.keyboard.press('Escape');
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  let shown = 0;
  for (const label of expected) {
    await page.keyboard.type(trigger);
    await rows.first().waitFor();
    shown = Number(await rows.first().getAttribute('aria-setsize'));
    await page.keyboard.type(label);
    await rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) }).first().waitFor();
    await page.keyboard.press('Escape');
    for (let i = 0; i < trigger.length + label.length; i++) await page.keyboard.press('Backspace');
  }
  await page.keyboard.type(trigger + value);
  await closeSuggest(page);
  return shown;
}

/** Closes the completion list and waits until none is open: a list that
 * answers late must not be there to take the next Enter as its item. */
async function closeSuggest(page) {
  let quiet = 0;
  while (quiet < 3) {
    await page.waitForTimeout(200);
    if (await page.locator('.suggest-widget.visible').count()) {
      quiet = 0;
      await page.keyboard.press('Escape');
    } else {
      quiet++;
    }
  }
}

/** The file's text on disk once `ok(text)` holds (saving is asynchronous). */
async function onDisk(file, ok, what) {
  const end = Date.now() + 20000;
  for (;;) {
    const text = fs.readFileSync(file, 'utf8');
    if (ok(text)) return text;
    if (Date.now() > end) throw new Error(`${path.basename(file)} on disk never ${what}:\n${text}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main() {
  for (const f of [CODE_SERVER, VSIX, CHROMIUM, ...(ROPA_BIN ? [ROPA_BIN] : [])]) {
    if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
  }
  if (!ROPA_BIN) {
    const onPath = (process.env.PATH || '').split(path.delimiter).filter((d) => d && fs.existsSync(path.join(d, 'ropa')));
    if (onPath.length) throw new Error(`the bundled-server test needs no ropa on PATH, but it is in ${onPath.join(', ')}`);
    log('no ropa on PATH: the extension must run the ropa inside the .vsix');
  }
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ropa-vscode-e2e-'));
  const dirs = Object.fromEntries(
    ['user-data', 'extensions', 'ws', 'chrome-profile', 'xdg-config', 'xdg-data'].map((d) => [d, path.join(tmp, d)]),
  );
  Object.values(dirs).forEach((d) => fs.mkdirSync(d, { recursive: true }));
  // A copy: the quick fix edits the file.
  const ws = path.join(dirs.ws, 'office2go');
  fs.cpSync(path.join(REPO, 'specs', 'office2go'), ws, { recursive: true });
  fs.writeFileSync(path.join(ws, MESSY), MESSY_TEXT);
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify(
      {
        ...(ROPA_BIN ? { 'ropa.server.path': ROPA_BIN } : {}),
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'chat.disableAIFeatures': true,
        'editor.hover.delay': 100,
        // Only trigger characters (the server's space and `=`) open the
        // completion list: that is what the test asserts, and a list that
        // typing a word opens would take the Enter that makes a new line.
        'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
        'editor.showFoldingControls': 'always',
        'editor.semanticHighlighting.enabled': true,
        'editor.semanticTokenColorCustomizations': {
          enabled: true,
          rules: { class: '#ff0001', keyword: '#ff0002', enumMember: '#ff0003' },
        },
        'editor.minimap.enabled': false,
        'files.autoSave': 'off',
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const cfg = path.join(tmp, 'config.yaml'); // own config: nothing written to ~/.config
  fs.writeFileSync(cfg, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = { ...process.env, XDG_CONFIG_HOME: dirs['xdg-config'], XDG_DATA_HOME: dirs['xdg-data'], ROPA_DOCS_URL: DOCS_URL };
  const common = ['--config', cfg, '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];

  log('installing the vsix');
  const inst = spawnSync(CODE_SERVER, [...common, '--install-extension', VSIX], { env, encoding: 'utf8' });
  if (inst.status !== 0) throw new Error(`--install-extension failed: ${inst.stdout}\n${inst.stderr}`);

  let cs;
  let context;
  let ok = false;
  const csLog = path.join(OUT_DIR, 'code-server.log');
  try {
    const fd = fs.openSync(csLog, 'w');
    cs = spawn(
      CODE_SERVER,
      [...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', ws],
      { env, detached: true, stdio: ['ignore', fd, fd] },
    );
    fs.closeSync(fd);
    await waitHttp(`http://127.0.0.1:${port}/healthz`, 30000);
    log(`code-server up on 127.0.0.1:${port}`);

    context = await chromium.launchPersistentContext(dirs['chrome-profile'], {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1500, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || (await context.newPage());
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.locator('.monaco-workbench').waitFor();
    log('workbench loaded');

    // Only the folder is open, no file: the server publishes every file's
    // findings at start, so the Problems panel counts what `ropa check`
    // reports for the folder.
    const expected = expectedCounts(ropaBinary(dirs.extensions), ws);
    log(`ropa check: ${expected.errors} errors, ${expected.warnings} warnings in ${[...expected.files].join(', ')}`);
    await page.waitForFunction(
      ([errors, warnings]) => {
        const item = document.querySelector('[id="status.problems"]');
        const n = item ? (item.innerText.match(/\d+/g) || []).map(Number) : [];
        return n[0] === errors && n[1] === warnings;
      },
      [expected.errors, expected.warnings],
      { timeout: TIMEOUT },
    );
    const openTabs = await page.locator('.tabs-container .tab').count();
    if (openTabs !== 0) throw new Error(`no file should be open yet, but ${openTabs} tabs are`);
    log(`before any file is opened, the status bar counts ${(await problemCounts(page)).join(' / ')} (errors / warnings)`);
    await page.keyboard.press('Control+Shift+M');
    // The Problems tab's badge: every finding of the folder.
    const problemsBadge = page.locator(".panel .composite-bar .badge-content").first();
    await problemsBadge.waitFor();
    const badgeCount = Number((await problemsBadge.innerText()).trim());
    if (badgeCount !== expected.errors + expected.warnings + expected.infos) {
      throw new Error(`the Problems badge says ${badgeCount}, ropa check reports ${expected.errors + expected.warnings + expected.infos}`);
    }
    // Collapsed, each file is one row: every file with findings is listed.
    await page.locator('.panel [aria-label="Collapse All"]').first().click();
    for (const file of expected.files) {
      await page.locator('.markers-panel .monaco-list-row', { hasText: file }).first().waitFor();
    }
    log(`problems panel: ${badgeCount} findings in ${expected.files.size} files, none of them open`);
    await page.screenshot({ path: path.join(OUT_DIR, 'vscode-ropa-problems-at-start.png') });

    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SPEC }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'activity' }).first().waitFor();
    const mode = page.locator('[id="status.editor.mode"]');
    await mode.filter({ hasText: 'ropa' }).waitFor();
    log(`language mode: ${(await mode.innerText()).trim()}`);

    // The status bar names the server and its version; its accessible
    // label says where it came from.
    const server = page.locator('.statusbar-item', { hasText: /^ropa \d+\.\d+\.\d+/ }).first();
    await server.waitFor();
    const serverLabel = await server.evaluate(
      (el) => el.getAttribute('aria-label') || el.querySelector('[aria-label]')?.getAttribute('aria-label') || '',
    );
    log(`status bar: "${(await server.innerText()).trim()}" (${serverLabel})`);
    const source = ROPA_BIN ? 'ropa.server.path setting' : 'bundled with this extension';
    if (!serverLabel.includes(source)) throw new Error(`status bar should say "${source}": ${serverLabel}`);

    // The TextMate grammar: tokenization is asynchronous, so poll.
    const classes = await (
      await page.waitForFunction(() => {
        const found = [...new Set([...document.querySelectorAll('.monaco-editor .view-lines span[class^="mtk"]')]
          .map((e) => e.className))];
        return found.length >= 4 ? found : null;
      }, null, { timeout: 20000 })
    ).jsonValue();
    log(`grammar: ${classes.length} token colours`);

    // Semantic tokens: both processors after `processors` are classes, the
    // node name a keyword (the TextMate grammar alone colours neither so).
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(page, TARGET.line, 1);
    const colours = await wordColours(page, 'processors google power-media-group', ['google', 'power-media-group'], COLOURS.class);
    if (colours.processors !== COLOURS.keyword) throw new Error(`\`processors\` should be a keyword: ${JSON.stringify(colours)}`);
    log(`semantic tokens: ${JSON.stringify(colours)}`);
    // A value of a closed vocabulary (the role) is an enum member.
    const role = await wordColours(page, 'role controller', ['controller'], COLOURS.enumMember);
    if (role.role !== COLOURS.keyword) throw new Error(`\`role\` should be a keyword: ${JSON.stringify(role)}`);
    log(`semantic tokens: ${JSON.stringify(role)}`);

    // Folding: the activity's block folds at its first line.
    await page.locator('.margin-view-overlays .codicon-folding-expanded').first().waitFor();
    const activityLine = TARGET.line - (await editorLinesAbove(page, TARGET.line));
    await goTo(page, activityLine, 1);
    await page.keyboard.press('Control+Shift+BracketLeft');
    await page.locator('.margin-view-overlays .codicon-folding-collapsed').first().waitFor();
    if ((await editorText(page)).includes('processors google power-media-group')) throw new Error('folding the activity left its body visible');
    await page.keyboard.press('Control+Shift+BracketRight');
    await page.locator('.monaco-editor .view-lines', { hasText: 'processors google power-media-group' }).first().waitFor();
    log(`folding: the activity at line ${activityLine} folds and unfolds`);

    // Selection ranges: expanding from `google` reaches the whole node
    // `processors google power-media-group` (35 characters), which no
    // word or bracket rule of VS Code's own would select.
    await goTo(page, TARGET.line, TARGET.column + 2);
    let selected = '';
    for (let i = 0; i < 6 && !selected.includes('35 selected'); i++) {
      await page.keyboard.press('Shift+Alt+ArrowRight');
      await page.waitForTimeout(300);
      selected = (await page.locator('[id="status.editor.selection"]').innerText()).trim();
    }
    if (!selected.includes('35 selected')) throw new Error(`smart select never selected the node: ${selected}`);
    log(`selection ranges: ${selected}`);
    await page.keyboard.press('Escape');

    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    log(`squiggles: ${await page.locator('.monaco-editor .squiggly-error').count()} errors visible`);

    // Problems panel: rows with the rule ids as codes.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: TARGET.rule }).first();
    await row.waitFor();
    log(`problems panel: "${(await row.innerText()).replace(/\s+/g, ' ').trim()}"`);
    const badge = await page.locator('.markers-panel .monaco-list-row').count();
    log(`problems panel rows: ${badge}`);

    // Hover on the finding, with the cursor on it (Go to Line) and the
    // mouse over the cursor.
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(page, TARGET.line, TARGET.column + 2);
    const cursor = await page.locator('.monaco-editor .cursor').first().boundingBox();
    await page.mouse.move(cursor.x + 2, cursor.y + cursor.height / 2);
    await page.mouse.move(cursor.x + 4, cursor.y + cursor.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'outside the EEA' }).first();
    await hover.waitFor();
    const hoverText = (await hover.innerText()).replace(/\s+/g, ' ').trim();
    for (const expected of ['takes data of `seo-analytics` to US', 'stores or accesses data outside the EEA', 'GDPR Art. 44']) {
      if (!hoverText.replace(/`/g, '').includes(expected.replace(/`/g, ''))) throw new Error(`hover lacks "${expected}": ${hoverText}`);
    }
    log(`hover: "${hoverText.slice(0, 160)}…"`);
    const shot = path.join(OUT_DIR, 'vscode-ropa.png');
    await page.screenshot({ path: shot });
    log(`screenshot: ${shot}`);

    // Quick fix: declare the transfer.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await goTo(page, TARGET.line, TARGET.column + 2);
    // The status bar's problem counts: "28 14 2" (errors, warnings, infos).
    await page.evaluate(() => {
      window.errorCount = (doc) => {
        const item = doc.querySelector('[id="status.problems"]');
        const match = item && item.innerText.match(/\d+/);
        return match ? Number(match[0]) : null;
      };
    });
    const errorsBefore = await page.evaluate(() => errorCount(document));
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row, .context-view .monaco-list-row', {
      hasText: 'Declare the transfer',
    }).first();
    await fix.waitFor();
    log(`quick fix offered: "${(await fix.innerText()).replace(/\s+/g, ' ').trim()}"`);
    // The menu is driven by keyboard (a pointer block covers it): move the
    // focus to the fix and apply it with Enter.
    for (let i = 0; i < 12; i++) {
      const focused = page.locator('.action-widget .monaco-list-row.focused, .context-view .monaco-list-row.focused').first();
      if (((await focused.getAttribute('aria-label')) || '').includes('Declare the transfer')) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    // The fix writes structure only, never the safeguard (a legal claim).
    // The inlay hint after `US` names the country and its status, between
    // the code and `to=google` on screen.
    const inserted = 'transfer US to=google';
    const fixedLine = await (
      await page.waitForFunction(
        () => [...document.querySelectorAll('.monaco-editor .view-line')]
          .map((l) => l.innerText.replace(/\u00a0/g, ' ').trim())
          .find((t) => t.startsWith('transfer US') && t.endsWith('to=google') && t.includes('United States ·')) || null,
        null,
        { timeout: 20000 },
      )
    ).jsonValue();
    log(`quick fix applied, with the inlay hint: "${fixedLine}"`);
    // The server re-checks the edited text: the undeclared transfer becomes
    // a transfer without a safeguard, still an error until a person names
    // the mechanism, so the finding stays open.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').first().click();
    // The fix appends the transfer as the activity's last child, after
    // `tracking analytics` (the line below the target).
    await hoverAt(page, TARGET.line + 2, 8, 'names no safeguard');
    log('hover on the new transfer: it names no safeguard (transfer-without-safeguard)');
    const errorsAfter = await page.evaluate(() => errorCount(document));
    if (errorsAfter !== errorsBefore) throw new Error(`errors ${errorsBefore} before the fix, ${errorsAfter} after: the fix must keep the finding open`);
    log(`errors in the status bar: ${errorsBefore} before the fix, ${await page.evaluate(() => errorCount(document))} after`);
    if (!(await editorText(page)).includes('transfer US')) throw new Error(`text not changed: no ${inserted}`);
    await page.screenshot({ path: path.join(OUT_DIR, 'vscode-ropa-quickfix.png') });

    // Go to Definition (F12) on `google`: the declaration in
    // processors.ropa.kdl, cursor on its id.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(page, TARGET.line, TARGET.column + 2);
    await page.keyboard.press('F12');
    await page.locator('.tabs-container .tab.active', { hasText: 'processors.ropa.kdl' }).waitFor();
    log(`definition of google: processors.ropa.kdl, ${await cursorAt(page, GOOGLE, 'google')}`);

    // Workspace symbols: `#power-media` finds the processor, and choosing
    // it goes to its declaration.
    const found = await quickOpen(page, '#power-media', 'power-media-group');
    if (!found.includes('power-media-group')) throw new Error(`workspace symbols for "power-media": ${found}`);
    await page.keyboard.press('Enter');
    log(`workspace symbol "power-media" (${found.join(', ')}): ${await cursorAt(page, POWER_MEDIA, 'power-media-group')}`);

    // The messy file: links, Format Selection, completion, outline, Format
    // Document.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: MESSY }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'scratch-formatting' }).first().waitFor();
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.locator('.monaco-editor .view-lines .detected-link', { hasText: 'https://www.imy.se/' }).first().waitFor();
    // VS Code links web addresses in any text by itself; a rule id is a
    // link only through the server's document links (to DOCS_URL).
    await page.locator('.monaco-editor .view-lines .detected-link', { hasText: 'consent-only-basis' }).first().waitFor();
    log('document links: https://www.imy.se/ and the rule id consent-only-basis are links');
    // Select the activity (lines 2 to 6) and format only that.
    await goTo(page, 2, 1);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await command(page, 'Format Selection');
    await page.waitForFunction(
      () => document.querySelector('.monaco-editor .view-lines')?.innerText.replace(/\u00a0/g, ' ').includes('    purpose "Formatting'),
      null,
      { timeout: 20000 },
    ).catch(() => {});
    const formatted = await editorText(page);
    if (!formatted.includes('data   scratch-notes   "Notes"')) throw new Error(`Format Selection changed the line outside the selection:\n${formatted}`);
    if (!formatted.includes('    purpose "Formatting test, see https://www.imy.se/"')) throw new Error(`the selection is not formatted:\n${formatted}`);
    if (!formatted.includes('    allow consent-only-basis reason="Link test"')) throw new Error(`the selection is not formatted:\n${formatted}`);
    log('Format Selection: the activity is formatted, the data line above it is not');

    // New lines in the activity, after `data scratch-notes`: each space
    // (or `=`) opens the list, with the ids and keywords that fit there.
    await goTo(page, 4, 1);
    await page.keyboard.press('End');
    const typed = [
      ['basis', ' ', ['contract', 'consent'], 'contract'],
      ['subjects', ' ', ['customers', 'website-visitors'], 'customers'],
      ['processors', ' ', ['google', 'power-media-group', 'scratch-host'], 'google'],
      ['data', ' ', ['invoices', 'scratch-notes'], 'invoices'],
      ['transfer', ' ', ['US', 'DK'], 'US to=google'],
      [' mechanism', '=', ['scc', 'bcr'], 'scc'],
    ];
    for (const [word, trigger, expected, value] of typed) {
      if (!word.startsWith(' ')) await page.keyboard.press('Enter');
      const shown = await completesAfter(page, word, trigger, expected, value);
      log(`completion after "${word.trim()}${trigger}": a list of ${shown} items, ${expected.join(', ')} among them`);
    }
    // `country` in the processor block (line 7 `processor scratch-host`,
    // now below the 6 new lines).
    await goTo(page, 7 + typed.filter(([w]) => !w.startsWith(' ')).length, 1);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const countries = await completesAfter(page, 'country', ' ', ['DK', 'SE', 'US'], 'DK');
    log(`completion after "country ": a list of ${countries} items, DK, SE and US among them`);
    await page.screenshot({ path: path.join(OUT_DIR, 'vscode-ropa-scratch.png') });

    // The outline (`@`): the file's three declarations, in order.
    const outline = await quickOpen(page, '@', 'scratch-host');
    const declarations = outline.filter((l) => l.startsWith('scratch-'));
    if (declarations.join(' ') !== 'scratch-notes scratch-formatting scratch-host') {
      throw new Error(`the outline lists ${JSON.stringify(outline)}`);
    }
    await page.keyboard.press('Escape');
    log(`outline: ${declarations.join(', ')}`);

    // Format Document: the saved text is what `ropa fmt` makes of it.
    const messyFile = path.join(ws, MESSY);
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+s');
    const typedText = await onDisk(messyFile, (t) => t.includes('country DK'), 'got the typed lines');
    const fmtDir = fs.mkdtempSync(path.join(tmp, 'fmt-'));
    fs.writeFileSync(path.join(fmtDir, MESSY), typedText);
    const fmt = spawnSync(ropaBinary(dirs.extensions), ['fmt', path.join(fmtDir, MESSY)], { encoding: 'utf8' });
    if (fmt.status !== 0) throw new Error(`ropa fmt failed: ${fmt.stderr}`);
    const wanted = fs.readFileSync(path.join(fmtDir, MESSY), 'utf8');
    if (wanted === typedText) throw new Error(`nothing to format in:\n${typedText}`);
    await command(page, 'Format Document');
    // Exact text (a locator's hasText would fold the three spaces into one).
    await page.waitForFunction(
      () => [...document.querySelectorAll('.monaco-editor .view-line')]
        .some((l) => l.innerText.replace(/\u00a0/g, ' ') === 'data scratch-notes "Notes"'),
      null,
      { timeout: 20000 },
    );
    await page.keyboard.press('Control+s');
    await onDisk(messyFile, (t) => t === wanted, `became what ropa fmt makes:\n${wanted}\n--- got`);
    log(`Format Document: the file is what ropa fmt makes of it (${wanted.split('\n').length} lines)`);

    // Rename `power-media-group` where activities.ropa.kdl names it: the
    // declaration in processors.ropa.kdl and both uses change, on disk
    // after Save All.
    const before = Object.fromEntries(
      ['activities.ropa.kdl', 'processors.ropa.kdl'].map((f) => [f, idCount(fs.readFileSync(path.join(ws, f), 'utf8'), 'power-media-group')]),
    );
    await page.locator('.tabs-container .tab', { hasText: SPEC }).first().click();
    await page.locator('.monaco-editor .view-lines').first().click();
    const targetText = fs.readFileSync(path.join(REPO, 'specs', 'office2go', SPEC), 'utf8').split('\n')[TARGET.line - 1];
    await goTo(page, TARGET.line, targetText.indexOf('power-media-group') + 3);
    await page.keyboard.press('F2');
    // The box shows before its input has the focus (and the old name,
    // selected): type only once the focus is there, or the text would go
    // into the editor.
    await page.waitForFunction(
      () => document.activeElement?.closest('.rename-box') && (document.activeElement.value ?? document.activeElement.textContent) === 'power-media-group',
      null,
      { timeout: 20000 },
    );
    await page.keyboard.press('Control+a');
    await page.keyboard.type('pmg-agency');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'processors google pmg-agency' }).first().waitFor();
    await command(page, 'File: Save All');
    for (const [file, count] of Object.entries(before)) {
      await onDisk(
        path.join(ws, file),
        (t) => idCount(t, 'power-media-group') === 0 && idCount(t, 'pmg-agency') === count,
        `had all ${count} power-media-group renamed to pmg-agency`,
      );
    }
    log(`rename: power-media-group → pmg-agency, ${JSON.stringify(before)} occurrences changed on disk`);
    ok = true;
  } catch (e) {
    if (context) {
      const p = context.pages()[0];
      if (p) await p.screenshot({ path: path.join(OUT_DIR, 'vscode-failure.png') }).catch(() => {});
    }
    console.error(e);
    console.error(`code-server log: ${csLog}`);
  } finally {
    if (context) await context.close().catch(() => {});
    try {
      await stopTree(cs, 'code-server');
    } catch (e) {
      console.error(e);
      ok = false;
    }
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(ok ? 'PASS' : 'FAIL');
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
