// Builds the playground into one self-contained page, web/dist/index.html:
// the WebAssembly module (base64, since a file:// page cannot fetch one),
// the seed workspaces of specs/, CodeMirror and the page's own script and
// style, all inline. A Content-Security-Policy lets the page run its own
// script (by hash) and compile WebAssembly, and load nothing at all.
//
//   node web/build.mjs <ropa_wasm.wasm>
//
// Prints the sizes: raw, gzip and brotli (what a static host sends).

import { build } from "esbuild";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

// fileURLToPath, not URL.pathname: scripts/dist runs this on Windows too.
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const wasmPath = process.argv[2];
if (!wasmPath) {
  console.error("usage: node web/build.mjs <ropa_wasm.wasm>");
  process.exit(2);
}
const gen = path.join(here, "gen");
const dist = path.join(here, "dist");
fs.mkdirSync(gen, { recursive: true });
fs.mkdirSync(dist, { recursive: true });

const wasm = fs.readFileSync(wasmPath);
fs.writeFileSync(path.join(gen, "wasm.js"), `export default ${JSON.stringify(wasm.toString("base64"))};\n`);

// The seed companies, each a workspace of (name, text) pairs; the compliant
// fictional one first after office2go, the demo's usual start.
const specs = path.join(repo, "specs");
const seeds = {};
const order = ["office2go", "good-example"];
const names = fs.readdirSync(specs).filter((d) => fs.statSync(path.join(specs, d)).isDirectory());
names.sort((a, b) => (order.indexOf(b) - order.indexOf(a)) || a.localeCompare(b));
for (const name of names) {
  const dir = path.join(specs, name);
  seeds[name] = fs.readdirSync(dir)
    .filter((f) => f.endsWith(".kdl"))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), "utf8") }));
}
fs.writeFileSync(path.join(gen, "seeds.js"), `export default ${JSON.stringify(seeds)};\n`);

// The VS Code web extension: its browser entry and its language server worker.
const vscodeOut = path.join(repo, "editors", "vscode", "out");
await build({
  entryPoints: [path.join(repo, "editors", "vscode", "browser", "server-worker.js")],
  bundle: true, format: "iife", minify: true, target: "es2022", nodePaths: [path.join(here, "node_modules")],
  outfile: path.join(vscodeOut, "server-worker.js"),
});
await build({
  entryPoints: [path.join(repo, "editors", "vscode", "browser", "extension.js")],
  bundle: true, format: "cjs", minify: true, nodePaths: [path.join(here, "node_modules")], target: "es2022", external: ["vscode"],
  outfile: path.join(vscodeOut, "browser.js"),
});

const bundle = await build({
  entryPoints: [path.join(here, "src", "playground.js")],
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2022",
  write: false,
  legalComments: "eof",
});
const script = bundle.outputFiles[0].text.replaceAll("</script", "<\\/script");
const style = fs.readFileSync(path.join(here, "src", "style.css"), "utf8");
const hash = createHash("sha256").update(script).digest("base64");
// style-src 'unsafe-inline': CodeMirror adds its theme as <style> elements
// at run time. Styles cannot fetch anything: every fetch directive is 'none'.
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${hash}' 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "frame-src 'none'",
  "form-action 'none'",
  "base-uri 'none'",
].join("; ");

const template = fs.readFileSync(path.join(here, "src", "index.html"), "utf8");
const page = template
  .replace("<!--CSP-->", () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
  .replace("<!--STYLE-->", () => `<style>\n${style}</style>`)
  .replace("<!--SCRIPT-->", () => `<script>${script}</script>`);
const out = path.join(dist, "index.html");
fs.writeFileSync(out, page);

const bytes = Buffer.from(page);
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const gz = zlib.gzipSync(bytes, { level: 9 }).length;
const br = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
console.log(`${path.relative(repo, out)}: ${kb(bytes.length)} (wasm ${kb(wasm.length)}), gzip ${kb(gz)}, brotli ${kb(br)}`);
const budget = 3 * 1024 * 1024;
if (gz > budget) {
  console.error(`over the size budget: gzip ${kb(gz)} > ${kb(budget)}`);
  process.exit(1);
}
