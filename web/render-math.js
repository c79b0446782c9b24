// Renders TeX to HTML with KaTeX when the course site is built, so the site
// needs no math JavaScript at view time. Reads a JSON array of
// {"tex": "...", "display": bool} on stdin and writes a JSON array of HTML
// strings; a formula KaTeX cannot parse fails the build, naming it.
"use strict";
const katex = require("katex");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const items = JSON.parse(input);
  const out = [];
  let failed = 0;
  for (const { tex, display } of items) {
    try {
      out.push(katex.renderToString(tex, { displayMode: display, throwOnError: true, strict: "ignore", output: "htmlAndMathml" }));
    } catch (e) {
      failed++;
      process.stderr.write(`KaTeX cannot render ${JSON.stringify(tex)}: ${e.message}\n`);
      out.push("");
    }
  }
  if (failed > 0) {
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(out));
});
