// The ropa playground: a static page where the checker runs in the browser
// (crates/ropa-wasm). Nothing is uploaded; the page loads nothing.

import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, hoverTooltip, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching } from "@codemirror/language";
import { setDiagnostics, lintGutter, lintKeymap } from "@codemirror/lint";
import { autocompletion, completionKeymap } from "@codemirror/autocomplete";
import { searchKeymap } from "@codemirror/search";
import { Ropa } from "../../crates/ropa-wasm/js/ropa.js";
import wasmBase64 from "../gen/wasm.js";
import seeds from "../gen/seeds.js";
import { markdown } from "./markdown.js";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
};

let ropa;
/** @type {{name: string, state: EditorState}[]} */
let files = [];
let current = -1;
let view;
let last = { diagnostics: [], summary: { error: 0, warning: 0, info: 0, files: 0 } };
let actions = new Map(); // finding index -> quick fixes
let rules = [];

// ---- the workspace ------------------------------------------------------

const sources = () =>
  files.map((f, i) => ({ name: f.name, text: i === current ? view.state.doc.toString() : f.state.doc.toString() }));

function rangeToOffsets(doc, range) {
  const at = ({ line, character }) => {
    if (line >= doc.lines) return doc.length;
    const l = doc.line(line + 1);
    return Math.min(l.from + character, l.to);
  };
  const a = at(range.start), b = at(range.end);
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

function positionOf(doc, offset) {
  const line = doc.lineAt(offset);
  return { line: line.number - 1, character: offset - line.from };
}

function saveCurrent() {
  if (current >= 0 && files[current]) files[current].state = view.state;
}

function newState(text) {
  return EditorState.create({ doc: text, extensions: editorExtensions });
}

function openFile(index) {
  saveCurrent();
  current = index;
  view.setState(files[index].state);
  renderFiles();
  showDiagnostics();
}

function setFiles(list) {
  files = list.map(({ name, text }) => ({ name, state: newState(text) }));
  current = -1;
  if (files.length) {
    const first = files.findIndex((f) => f.name !== "ropa.kdl");
    openFile(first >= 0 ? first : 0);
  } else {
    view.setState(newState(""));
    renderFiles();
  }
  recheck();
}

function addFile(name, text) {
  saveCurrent();
  let unique = name, n = 2;
  while (files.some((f) => f.name === unique)) unique = name.replace(/(\.ropa)?\.kdl$/, `-${n++}$&`);
  files.push({ name: unique, state: newState(text) });
  openFile(files.length - 1);
  recheck();
  return unique;
}

function removeFile(index) {
  saveCurrent();
  files.splice(index, 1);
  current = -1;
  if (files.length) openFile(Math.min(index, files.length - 1));
  else { view.setState(newState("")); renderFiles(); }
  recheck();
}

/** Applies `{file, range, newText}` edits to whichever files they name. */
function applyEdits(edits) {
  saveCurrent();
  const byFile = new Map();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) || []), e]);
  for (const [name, list] of byFile) {
    const index = files.findIndex((f) => f.name === name);
    if (index < 0) continue;
    const state = index === current ? view.state : files[index].state;
    const changes = list.map((e) => ({ ...rangeToOffsets(state.doc, e.range), insert: e.newText }));
    if (index === current) view.dispatch({ changes, userEvent: "input.fix" });
    else files[index].state = state.update({ changes }).state;
  }
  recheck();
}

// ---- checking -----------------------------------------------------------

let timer;
function scheduleCheck() {
  clearTimeout(timer);
  timer = setTimeout(recheck, 250);
}

function recheck() {
  clearTimeout(timer);
  const all = sources();
  try {
    last = ropa.call("check", { files: all });
    actions = new Map();
    for (const f of all) {
      if (!last.diagnostics.some((d) => d.file === f.name)) continue;
      const lines = f.text.split(/\r\n|\r|\n/).length;
      const range = { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } };
      for (const a of ropa.call("codeActions", { files: all, file: f.name, range })) {
        actions.set(a.finding, [...(actions.get(a.finding) || []), a]);
      }
    }
    $("status").textContent = "";
  } catch (e) {
    $("status").textContent = e.message;
  }
  renderFindings();
  showDiagnostics();
  if (!$("panel-report").hidden) renderReport();
}

function showDiagnostics() {
  if (current < 0 || !files[current]) return;
  const name = files[current].name;
  const doc = view.state.doc;
  const diagnostics = [];
  last.diagnostics.forEach((d, i) => {
    if (d.file !== name) return;
    const { from, to } = rangeToOffsets(doc, d.range);
    diagnostics.push({
      from, to,
      severity: d.severity,
      source: d.rule,
      message: d.message + (d.help ? `\nhelp: ${d.help}` : ""),
      actions: (actions.get(i) || []).map((a) => ({ name: a.title, apply: () => applyEdits(a.edits) })),
    });
  });
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

function goTo(d) {
  const index = files.findIndex((f) => f.name === d.file);
  if (index < 0) return;
  if (index !== current) openFile(index);
  const { from, to } = rangeToOffsets(view.state.doc, d.range);
  view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  view.focus();
}

// ---- panels -------------------------------------------------------------

function renderFiles() {
  const list = $("files");
  list.replaceChildren(
    ...files.map((f, i) => {
      const count = last.diagnostics.filter((d) => d.file === f.name).length;
      return el("li", { class: i === current ? "current" : "" },
        el("button", {
          class: "file", "aria-current": i === current ? "true" : "false",
          onclick: () => openFile(i),
        }, f.name, count ? el("span", { class: "count" }, String(count)) : ""),
        el("button", { class: "remove", "aria-label": `Remove ${f.name}`, title: `Remove ${f.name}`, onclick: () => removeFile(i) }, "×"));
    }));
}

function renderFindings() {
  const { error, warning, info } = last.summary;
  $("summary").textContent = last.diagnostics.length
    ? `${error} errors, ${warning} warnings, ${info} notes`
    : files.length ? "No findings." : "No files yet: pick an example, add a file or import a CSV.";
  $("findings").replaceChildren(
    ...last.diagnostics.map((d, i) =>
      el("li", { class: `finding ${d.severity}`, "data-rule": d.rule, "data-file": d.file, "data-line": String(d.line) },
        el("button", { class: "where", onclick: () => goTo(d), title: "Show in the editor" },
          el("span", { class: "sev" }, d.severity), " ",
          el("span", { class: "rule" }, d.rule), " ",
          el("span", { class: "loc" }, `${d.file}:${d.line}`)),
        el("p", { class: "message" }, d.message),
        d.help ? el("p", { class: "help" }, `help: ${d.help}`) : "",
        el("div", { class: "fixes" },
          el("button", { class: "explain", onclick: () => showRule(d.rule) }, `About ${d.rule}`),
          ...(actions.get(i) || []).map((a) =>
            el("button", { class: "fix", onclick: () => applyEdits(a.edits) }, a.title))))));
  renderFiles();
}

function renderRules() {
  $("rules").replaceChildren(
    ...rules.map((r) =>
      el("details", { id: `rule-${r.id}`, class: "rule-doc" },
        el("summary", {}, el("code", {}, r.id), ` ${r.severity}: ${r.summary}`),
        el("p", {}, el("strong", {}, "Why it matters. "), r.explanation),
        r.articles.length ? el("p", {}, el("strong", {}, "Law: "), r.articles.join("; ")) : "",
        r.guidance.length ? el("p", {}, el("strong", {}, "Guidance: "), r.guidance.join("; ")) : "",
        el("p", {}, el("strong", {}, "Severity. "), r.severity_reason),
        r.example ? el("div", {}, el("strong", {}, "Reported"), el("pre", {}, r.example)) : "",
        r.compliant_example ? el("div", {}, el("strong", {}, "Compliant"), el("pre", {}, r.compliant_example)) : "",
        el("p", {}, el("strong", {}, "How to fix. "), r.fix),
        ...r.facts.map((f) => el("div", {}, el("strong", {}, `Facts used: ${f.table}`), el("pre", {}, f.description))))));
}

function showRule(id) {
  showPanel("rules");
  const details = $(`rule-${id}`);
  if (!details) return;
  details.open = true;
  details.scrollIntoView();
  details.querySelector("summary").focus();
}

const today = () => new Date().toISOString().slice(0, 10);

function report(format) {
  return ropa.call("report", {
    files: sources(), kind: $("report-kind").value, lang: $("report-lang").value, format, date: today(),
  });
}

function renderReport() {
  try {
    showReport(report("html").text);
    $("report-error").textContent = "";
  } catch (e) {
    showReport("");
    $("report-error").textContent = e.message;
  }
}

// A new frame for each report: Chromium, given a second `srcdoc` while it
// still loads the first (opening the tab, then choosing a language), at
// times finished loading the first and dropped the second, so the frame
// showed the English report under "sv" (about 1 run in 8 of the e2e test).
function showReport(html) {
  const old = $("report-frame");
  const frame = old.cloneNode(false);
  frame.srcdoc = html;
  old.replaceWith(frame);
}

function download(format) {
  try {
    const { text, extension } = report(format);
    const a = el("a", {
      href: URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" })),
      download: `${$("report-kind").value}-${$("report-lang").value}.${extension}`,
    });
    document.body.append(a);
    a.click();
    a.remove();
  } catch (e) {
    $("report-error").textContent = e.message;
  }
}

function showPanel(name) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const on = tab.dataset.panel === name;
    tab.setAttribute("aria-selected", String(on));
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${tab.dataset.panel}`).hidden = !on;
  }
  if (name === "report") renderReport();
}

async function importCsv(file) {
  const bytes = Array.from(new Uint8Array(await file.arrayBuffer()));
  try {
    const out = ropa.call("importCsv", { name: file.name, bytes, files: sources() });
    if (!files.some((f) => f.name === "ropa.kdl")) addFile("ropa.kdl", `// ropa workspace: imported from ${file.name}\n`);
    for (const f of out.files) addFile(f.name, f.text);
    $("import-summary").textContent = out.summary;
    $("import-dialog").showModal();
  } catch (e) {
    $("status").textContent = e.message;
  }
}

// ---- the editor ---------------------------------------------------------

const hover = hoverTooltip((v, pos) => {
  if (current < 0) return null;
  try {
    const h = ropa.call("hover", { files: sources(), file: files[current].name, position: positionOf(v.state.doc, pos) });
    if (!h) return null;
    const { from, to } = rangeToOffsets(v.state.doc, h.range);
    return { pos: from, end: Math.max(to, from), create: () => ({ dom: el("div", { class: "hover" }, markdown(h.markdown)) }) };
  } catch {
    return null;
  }
});

function complete(context) {
  if (current < 0) return null;
  const items = ropa.call("completion", {
    files: sources(), file: files[current].name, position: positionOf(context.state.doc, context.pos),
  });
  if (!items.length) return null;
  const { from, to } = rangeToOffsets(context.state.doc, items[0].range);
  return {
    from, to,
    options: items.map((i) => ({
      label: i.label, detail: i.detail || undefined, apply: i.insertText,
      info: i.documentation ? () => markdown(i.documentation) : undefined,
    })),
  };
}

const editorExtensions = [
  lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(), lintGutter(), hover,
  autocompletion({ override: [complete] }),
  keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, ...searchKeymap]),
  EditorView.updateListener.of((u) => { if (u.docChanged) scheduleCheck(); }),
  EditorView.contentAttributes.of({ "aria-label": "Spec file editor" }),
];

// ---- start --------------------------------------------------------------

async function start() {
  const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
  ropa = await Ropa.load(bytes);
  view = new EditorView({ parent: $("editor"), state: newState("") });
  rules = ropa.call("rules");
  renderRules();
  $("version").textContent = `ropa ${ropa.call("version")}`;

  const examples = $("example");
  for (const name of Object.keys(seeds)) examples.append(el("option", { value: name }, name));
  examples.addEventListener("change", () => setFiles(examples.value ? seeds[examples.value] : []));
  $("new-file").addEventListener("submit", (e) => {
    e.preventDefault();
    let name = $("new-name").value.trim();
    if (!name) return;
    if (!name.endsWith(".kdl")) name += ".ropa.kdl";
    addFile(name, "");
    $("new-name").value = "";
    view.focus();
  });
  $("format").addEventListener("click", () => {
    if (current < 0) return;
    try { applyEdits(ropa.call("format", { files: sources(), file: files[current].name })); }
    catch (e) { $("status").textContent = e.message; }
  });
  $("csv").addEventListener("change", (e) => { if (e.target.files[0]) importCsv(e.target.files[0]); e.target.value = ""; });
  for (const tab of document.querySelectorAll("[role=tab]")) {
    tab.addEventListener("click", () => showPanel(tab.dataset.panel));
    tab.addEventListener("keydown", (e) => {
      const tabs = [...document.querySelectorAll("[role=tab]")];
      const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      showPanel(next.dataset.panel);
      next.focus();
    });
  }
  $("report-kind").addEventListener("change", renderReport);
  $("report-lang").addEventListener("change", renderReport);
  $("download-html").addEventListener("click", () => download("html"));
  $("download-md").addEventListener("click", () => download("markdown"));

  const initial = new URLSearchParams(location.search).get("example") ?? "office2go";
  examples.value = initial in seeds ? initial : "";
  setFiles(seeds[examples.value] || []);
  document.body.dataset.ready = "true";
}

start().catch((e) => {
  $("status").textContent = `ropa could not start: ${e.message}`;
});
