// The small Markdown of ropa's hovers and rule docs (paragraphs, `---`,
// lists, code blocks, **bold**, `code`, [links]) as DOM nodes. Text is only
// ever set as text, never parsed as HTML; links show their text and address
// but do not navigate (the page has no network).

export function markdown(source) {
  const root = document.createElement("div");
  root.className = "md";
  const lines = String(source).split("\n");
  let para = [];
  let list = null;
  const flush = () => {
    if (para.length) {
      const p = document.createElement("p");
      inline(p, para.join(" "));
      root.append(p);
      para = [];
    }
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith("```")) {
      flush();
      const pre = document.createElement("pre");
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      pre.textContent = code.join("\n");
      root.append(pre);
    } else if (/^\s*---\s*$/.test(line)) {
      flush();
      root.append(document.createElement("hr"));
    } else if (/^\s*[-*] /.test(line)) {
      if (para.length) flush();
      if (!list) {
        list = document.createElement("ul");
        root.append(list);
      }
      const li = document.createElement("li");
      inline(li, line.replace(/^\s*[-*] /, ""));
      list.append(li);
    } else if (line.trim() === "") {
      flush();
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return root;
}

function inline(parent, text) {
  const pattern = /(\*\*[^*]+\*\*|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    parent.append(text.slice(last, m.index));
    const token = m[0];
    if (token.startsWith("**")) {
      const b = document.createElement("strong");
      b.textContent = token.slice(2, -2);
      parent.append(b);
    } else if (token.startsWith("`")) {
      const c = document.createElement("code");
      c.textContent = token.slice(1, -1);
      parent.append(c);
    } else {
      const [, label, href] = token.match(/^\[([^\]]+)\]\(([^)]+)\)$/);
      const span = document.createElement("span");
      span.className = "link";
      span.title = href;
      span.textContent = label;
      parent.append(span);
    }
    last = m.index + token.length;
  }
  parent.append(text.slice(last));
}
