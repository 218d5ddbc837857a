// Browser test of the built book. Run by ci/browser.sh, which builds the book
// and installs playwright-core; by hand:
//   node ci/browser/check.mjs --root book/html --summary src/SUMMARY.md --shots target/browser
//
// Serves --root on 127.0.0.1 (a port the OS picks), drives the system Chromium
// and checks, page by page (the chapters listed in --summary, then print.html):
//   - the page loads (HTTP 200), logs no console error, throws no exception,
//     requests nothing outside 127.0.0.1 (the book must work offline);
//   - no `{{#` directive is left in the text, except as often as the source
//     chapter escapes one (`\{{#`);
//   - every code block followed by a listing caption is highlighted
//     (highlight.js classes inside it) and the caption is styled by
//     theme/listings.css;
//   - every ```mermaid block of the source chapter became an SVG diagram, and
//     mermaid drew no error diagram;
//   - every image of the source chapter (![..](x.svg), chapter 37's plots) is
//     on the page and loaded with a size;
//   - at 1280 and 390 px wide, no code block overflows the page: a block wider
//     than its box must scroll on its own, and the page must not scroll sideways;
//   - at both widths, no table reaches past the page (a wide one scrolls in
//     its .table-wrapper), and no diagram text is drawn below 11 CSS px.
// Then: every *.tar.gz link (the listings archive) is served as a gzip file;
// the eye button reveals the hidden lines of a listing; searching `Waker`
// and following the first result lands on a chapter that uses it; print.html
// holds every chapter. Screenshots of the first listing page at both widths
// go to --shots. Every failure names the page and the reason; the exit code is
// 1 if any check failed.
import { chromium } from "playwright-core";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const root = path.resolve(args.root ?? "book/html");
const summary = path.resolve(args.summary ?? "src/SUMMARY.md");
const srcDir = path.dirname(summary);
const shots = path.resolve(args.shots ?? "target/browser");
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WIDTHS = [1280, 390];

const failures = [];
const fail = (page, reason) => {
  failures.push(`${page}: ${reason}`);
  console.error(`FAIL ${page}: ${reason}`);
};

// --- the chapter list, from SUMMARY.md ---------------------------------------
const chapters = [];
for (const m of fs.readFileSync(summary, "utf8").matchAll(/\]\(([^)#\s]+\.md)\)/g)) {
  const md = m[1];
  if (!chapters.some((c) => c.md === md)) {
    chapters.push({ md, html: md.replace(/(^|\/)README\.md$/, "$1index.md").replace(/\.md$/, ".html") });
  }
}
if (chapters.length === 0) {
  console.error(`FAIL ${summary}: no chapter links found`);
  process.exit(1);
}

// --- a static server on 127.0.0.1, port chosen by the OS ----------------------
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".svg": "image/svg+xml", ".png": "image/png", ".woff": "font/woff", ".woff2": "font/woff2",
  ".ttf": "font/ttf", ".json": "application/json", ".gz": "application/gzip",
};
const server = http.createServer((req, res) => {
  let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (rel.endsWith("/")) rel += "index.html";
  const file = path.join(root, path.normalize(rel));
  if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  // Cacheable, so that Chromium parses the 2.6 MB mermaid script once, not per page.
  res.writeHead(200, {
    "content-type": types[path.extname(file)] ?? "application/octet-stream",
    "cache-control": "max-age=600",
  });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}/`;
console.log(`serving ${root} at ${base}; ${chapters.length} chapters from ${path.relative(process.cwd(), summary)}`);

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
// A fresh context per width: its own profile, nothing shared between runs.
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith(base) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
  route.abort();
});

// A tab at a given width; visit() loads a page in it and returns the problems
// seen while loading (console errors, exceptions, failed or outside requests).
// Reusing one tab per pass keeps the run short on a busy machine.
async function tab(width) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const t = { page, problems: [] };
  page.on("console", (msg) => {
    if (msg.type() === "error") t.problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => t.problems.push(`uncaught exception: ${err.message}`));
  page.on("requestfailed", (req) => {
    const url = req.url();
    const why = req.failure()?.errorText ?? "";
    if (!url.startsWith(base)) t.problems.push(`requested a URL outside the book (must work offline): ${url}`);
    // Leaving a page aborts its late requests (the favicon): not the book's fault.
    else if (why !== "net::ERR_ABORTED") t.problems.push(`request failed (${why}): ${url.slice(base.length)}`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) t.problems.push(`HTTP ${res.status()} for ${res.url().replace(base, "")}`);
  });
  // print.html calls window.print() on load; make it a no-op.
  await page.addInitScript(() => { window.print = () => {}; });
  return t;
}
async function visit(t, rel) {
  t.problems = [];
  const response = await t.page.goto(base + rel, { waitUntil: "load" });
  if (!response || response.status() !== 200) t.problems.push(`HTTP ${response ? response.status() : "no response"}`);
  // Let mermaid (started on load) finish: every .mermaid holds an svg, or 10 s pass.
  await t.page
    .waitForFunction(() => [...document.querySelectorAll("pre.mermaid, div.mermaid")]
      .every((d) => d.querySelector("svg")), null, { timeout: 10000 })
    .catch(() => {});
  // theme/mermaid-init.js sizes the diagrams once they are drawn: two frames later.
  await t.page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  return t;
}
async function open(rel, width) {
  return visit(await tab(width), rel);
}

// Counts of what the source chapter holds.
function sourceFacts(md) {
  const text = fs.existsSync(path.join(srcDir, md)) ? fs.readFileSync(path.join(srcDir, md), "utf8") : "";
  return {
    escaped: (text.match(/\\\{\{#/g) ?? []).length,
    mermaid: (text.match(/^\s*(```+|~~~+)\s*mermaid\b/gm) ?? []).length,
    images: (text.match(/!\[[^\]]*\]\([^)]+\)/g) ?? []).length,
  };
}

// In the page: overflow of code blocks and of the page at the current width.
function overflowProblems() {
  const out = [];
  const page = document.scrollingElement;
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const pres = [...document.querySelectorAll("main pre")];
  pres.forEach((pre, i) => {
    const code = pre.querySelector(":scope > code");
    const boxes = code ? [pre, code] : [pre];
    // The content is wider than the block, and neither the pre nor its code scrolls.
    const tooWide = boxes.some((b) => b.scrollWidth > b.clientWidth + 1 && !scrolls(b));
    const rect = pre.getBoundingClientRect();
    const firstLine = (pre.textContent.trim().split("\n")[0] ?? "").slice(0, 60);
    if (tooWide) out.push(`code block ${i + 1} ("${firstLine}") is wider than its box and has no scrollbar of its own`);
    if (rect.right > page.clientWidth + 1) {
      out.push(`code block ${i + 1} ("${firstLine}") reaches ${Math.round(rect.right)} px, past the page width ${page.clientWidth} px`);
    }
  });
  // Tables: mdBook wraps each in a .table-wrapper; a table wider than the page
  // must scroll inside that box, never reach past the page's right edge.
  [...document.querySelectorAll("main table")].forEach((table, i) => {
    const box = table.closest(".table-wrapper") ?? table;
    // A box that scrolls clips the table; one that does not lets it show past its edge.
    const right = (scrolls(box) ? box : table).getBoundingClientRect().right;
    const head = (table.querySelector("th, td")?.textContent.trim() ?? "").slice(0, 40);
    if (right > page.clientWidth + 1) {
      out.push(`table ${i + 1} ("${head}") reaches ${Math.round(right)} px, past the page width ${page.clientWidth} px`);
    } else if (box.scrollWidth > box.clientWidth + 1 && !scrolls(box)) {
      out.push(`table ${i + 1} ("${head}") is wider than its box and has no scrollbar of its own`);
    }
  });
  if (page.scrollWidth > page.clientWidth + 1) {
    out.push(`the page scrolls sideways (scrollWidth ${page.scrollWidth} > clientWidth ${page.clientWidth})`);
  }
  return out;
}

// In the page: the smallest rendered text of each diagram, in CSS px: the
// computed font size times the scale from the SVG's user units to the screen
// (mermaid shrinks a diagram to the page width, text included).
function diagramTextSizes() {
  return [...document.querySelectorAll("pre.mermaid svg, div.mermaid svg")].map((svg) => {
    let smallest = Infinity;
    let label = "";
    for (const el of svg.querySelectorAll("text, foreignObject *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      if (!own || el.getClientRects().length === 0) continue;
      const graphic = el instanceof SVGGraphicsElement ? el : el.closest("foreignObject");
      const ctm = graphic?.getScreenCTM();
      if (!ctm) continue;
      const px = parseFloat(getComputedStyle(el).fontSize) * Math.hypot(ctm.a, ctm.b);
      if (px < smallest) { smallest = px; label = el.textContent.trim().slice(0, 40); }
    }
    return { px: smallest === Infinity ? null : Math.round(smallest * 10) / 10, label };
  });
}
// Below this a label is unreadable on a phone: 11 px is the smallest text size
// in Apple's Human Interface Guidelines (11 pt, one CSS px per pt), and mermaid
// draws 16 px text, so a diagram may shrink to about two thirds before failing.
// theme/mermaid-init.js keeps diagrams at 12 px or more, a margin above it.
const MIN_DIAGRAM_TEXT_PX = 11;
const textSizes = {}; // page -> { width -> [smallest px of each diagram] }, for the log
async function checkDiagramText(page, html, width) {
  const sizes = await page.evaluate(diagramTextSizes);
  (textSizes[html] ??= {})[width] = sizes.map((s) => s.px);
  sizes.forEach((s, i) => {
    if (s.px !== null && s.px < MIN_DIAGRAM_TEXT_PX) {
      fail(html, `at ${width} px: diagram ${i + 1}: text "${s.label}" is drawn ${s.px} px high, below the legible ${MIN_DIAGRAM_TEXT_PX} px (give it a minimum width and let it scroll)`);
    }
  });
}

// A screenshot of every page with a diagram or a table, at each width, to look at by eye.
const screenshots = [];
async function shootIfDrawn(page, html, width) {
  if (!(await page.evaluate(() => !!document.querySelector("main svg, main table")))) return;
  fs.mkdirSync(shots, { recursive: true });
  const file = path.join(shots, `${html.replace(/\//g, "__").replace(/\.html$/, "")}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  screenshots.push(path.relative(process.cwd(), file));
}

const titles = []; // [chapter html, h1 text] for the print-page check
let listingPage = null; // first chapter with a listing, for screenshots and the eye button
let listingsChecked = 0;
let diagramsChecked = 0;
let imagesChecked = 0;
const downloads = []; // [chapter html, absolute URL] of every *.tar.gz link

// The two passes (1280 px: everything; 390 px: loading and overflow) run side
// by side in two tabs, which takes about two thirds of the time of one after
// the other.
async function widePass() {
  const wide = await tab(1280);
  for (const ch of chapters) {
    const { page, problems } = await visit(wide, ch.html);
    const facts = sourceFacts(ch.md);
    const info = await page.evaluate(() => {
      const main = document.querySelector("main");
      const text = main ? main.textContent : "";
      const listings = [];
      for (const pre of document.querySelectorAll("main pre")) {
        const next = pre.nextElementSibling;
        const caption = next && (next.matches(".caption") ? next : next.querySelector(":scope > .caption"));
        if (!caption) continue;
        const code = pre.querySelector("code");
        listings.push({
          caption: caption.textContent.trim(),
          captionDisplay: getComputedStyle(caption).display,
          captionStyle: getComputedStyle(caption).fontStyle,
          hljs: !!code && code.classList.contains("hljs"),
          tokens: code ? code.querySelectorAll('[class^="hljs-"], [class*=" hljs-"]').length : 0,
          boring: code ? code.querySelectorAll(".boring").length : 0,
        });
      }
      const diagrams = [...document.querySelectorAll("pre.mermaid, div.mermaid")].map((d) => {
        const svg = d.querySelector("svg");
        return {
          svg: !!svg,
          error: !!svg && (svg.getAttribute("aria-roledescription") === "error" || /Syntax error/i.test(svg.textContent)),
          shapes: svg ? svg.querySelectorAll("rect, path, line, circle, polygon, text").length : 0,
        };
      });
      const images = [...document.querySelectorAll("main img")].map((img) => ({
        src: img.getAttribute("src"),
        drawn: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
      }));
      const h1 = main && main.querySelector("h1");
      const downloads = [...document.querySelectorAll('main a[href$=".tar.gz"]')].map((a) => a.href);
      return {
        directives: (text.match(/\{\{#/g) ?? []).length,
        listings, diagrams, images, downloads, h1: h1 ? h1.textContent.trim() : null,
      };
    });
    for (const p of problems) fail(ch.html, p);
    if (info.directives > facts.escaped) {
      fail(ch.html, `${info.directives - facts.escaped} leftover {{# directive(s) in the text (source ${ch.md} escapes ${facts.escaped})`);
    }
    info.listings.forEach((l, i) => {
      const name = l.caption.split(":")[0] || `listing ${i + 1}`;
      if (!l.hljs || l.tokens === 0) fail(ch.html, `${name}: its code is not highlighted (no highlight.js classes)`);
      if (l.caption.length < 10) fail(ch.html, `${name}: the caption is empty`);
      if (l.captionDisplay !== "block" || l.captionStyle !== "italic") {
        fail(ch.html, `${name}: the caption is not styled by theme/listings.css (display ${l.captionDisplay}, font-style ${l.captionStyle})`);
      }
    });
    listingsChecked += info.listings.length;
    if (info.diagrams.length !== facts.mermaid) {
      fail(ch.html, `${facts.mermaid} mermaid block(s) in ${ch.md} but ${info.diagrams.length} diagram element(s) on the page (is the mermaid preprocessor running?)`);
    }
    info.diagrams.forEach((d, i) => {
      if (!d.svg) fail(ch.html, `diagram ${i + 1} was not drawn as an SVG (still text after 10 s)`);
      else if (d.error) fail(ch.html, `diagram ${i + 1}: mermaid drew an error (syntax error in the diagram)`);
      else if (d.shapes < 3) fail(ch.html, `diagram ${i + 1}: the SVG is empty`);
    });
    diagramsChecked += info.diagrams.length;
    // The page may show an image twice (a zoomed copy behind a checkbox):
    // count the images by their source.
    const sources = new Set(info.images.map((img) => img.src));
    if (sources.size !== facts.images) {
      fail(ch.html, `${facts.images} image(s) in ${ch.md} but ${sources.size} distinct <img> source(s) on the page`);
    }
    for (const src of sources) {
      if (info.images.some((img) => img.src === src && !img.drawn)) {
        fail(ch.html, `image ${src} did not load or has no size (a plot that is not rendered)`);
      }
    }
    imagesChecked += sources.size;
    for (const p of await page.evaluate(overflowProblems)) fail(ch.html, `at 1280 px: ${p}`);
    await checkDiagramText(page, ch.html, 1280);
    await shootIfDrawn(page, ch.html, 1280);
    if (info.h1) titles.push([ch.html, info.h1]);
    else fail(ch.html, "no h1 heading");
    if (!listingPage && info.listings.some((l) => l.boring > 0)) listingPage = ch.html;
    for (const url of info.downloads) downloads.push([ch.html, url]);
  }
  await wide.page.close();
}

// --- 390 px: overflow on every page ------------------------------------------
async function narrowPass() {
  const narrow = await tab(390);
  for (const ch of chapters) {
    const { page, problems } = await visit(narrow, ch.html);
    for (const p of problems) fail(ch.html, `at 390 px: ${p}`);
    for (const p of await page.evaluate(overflowProblems)) fail(ch.html, `at 390 px: ${p}`);
    await checkDiagramText(page, ch.html, 390);
    await shootIfDrawn(page, ch.html, 390);
  }
  await narrow.page.close();
}
await Promise.all([widePass(), narrowPass()]);

// --- screenshots of the listing page at both widths --------------------------
fs.mkdirSync(shots, { recursive: true });
if (!listingPage) {
  fail(chapters[0].html, "no chapter has a listing with hidden lines: nothing to screenshot or to reveal");
} else {
  for (const width of WIDTHS) {
    const { page } = await open(listingPage, width);
    const file = path.join(shots, `${listingPage.replace(/\//g, "__").replace(/\.html$/, "")}-${width}.png`);
    const png = await page.screenshot({ path: file, fullPage: true });
    // Width and height from the PNG header (IHDR), in pixels.
    screenshots.push(`${path.relative(process.cwd(), file)} (${png.readUInt32BE(16)}x${png.readUInt32BE(20)} px, ${Math.round(png.length / 1024)} KiB)`);
    await page.close();
  }

  // --- the eye button reveals hidden lines ----------------------------------
  const { page } = await open(listingPage, 1280);
  const pre = page.locator("main pre:has(.boring)").first();
  const hiddenBefore = await pre.evaluate((p) => [...p.querySelectorAll(".boring")].filter((b) => b.getClientRects().length === 0).length);
  if (hiddenBefore === 0) fail(listingPage, "hidden lines are visible before pressing the eye button");
  await pre.hover();
  const eye = pre.locator('button[title="Show hidden lines"]');
  if ((await eye.count()) !== 1) {
    fail(listingPage, "no eye button (Show hidden lines) on a block with hidden lines");
  } else {
    await eye.click();
    const hiddenAfter = await pre.evaluate((p) => [...p.querySelectorAll(".boring")].filter((b) => b.getClientRects().length === 0).length);
    if (hiddenAfter !== 0) fail(listingPage, `the eye button left ${hiddenAfter} of ${hiddenBefore} hidden lines hidden`);
    else console.log(`eye button: revealed ${hiddenBefore} hidden lines on ${listingPage}`);
  }
  await page.close();
}

// --- search: `Waker`, follow the first result --------------------------------
{
  const start = chapters[0].html;
  const { page, problems } = await open(start, 1280);
  try {
    await page.click("#mdbook-search-toggle");
    // The searcher listens to keyup, so type the word key by key.
    await page.locator("#mdbook-searchbar").pressSequentially("Waker");
    const first = page.locator("#mdbook-searchresults a").first();
    await first.waitFor({ timeout: 10000 });
    const count = await page.locator("#mdbook-searchresults a").count();
    const href = await first.getAttribute("href");
    // Typing adds ?search=... to the URL in place, so wait for another path.
    await Promise.all([
      page.waitForURL((u) => u.pathname !== `/${start}`, { timeout: 10000, waitUntil: "load" }),
      first.click(),
    ]);
    const landed = new URL(page.url()).pathname.replace(/^\//, "");
    const uses = await page.evaluate(() => /Waker/.test(document.querySelector("main")?.textContent ?? ""));
    // A chapter page of the built book (with a trimmed SUMMARY.md, as in the
    // self-test, it may be one this run did not visit).
    const isChapter = chapters.some((c) => c.html === landed) ||
      (fs.existsSync(path.join(root, landed)) && !["print.html", "index.html", "404.html", "toc.html"].includes(landed));
    if (!isChapter) fail(start, `search result ${href} landed on ${landed}, not a chapter`);
    else if (!uses) fail(landed, "reached by searching `Waker`, but the chapter does not mention Waker");
    else console.log(`search: \`Waker\` gave ${count} result(s); the first (${href}) lands on ${landed}, which uses it`);
  } catch (e) {
    fail(start, `search for \`Waker\` failed: ${e.message.split("\n")[0]}`);
  }
  for (const p of problems) fail(start, `during search: ${p}`);
  await page.close();
}

// --- downloads (the listings archive) are served, and are gzip files --------
for (const [html, url] of downloads) {
  if (!url.startsWith(base)) continue; // not ours, and the test stays off the network
  const name = url.slice(base.length);
  try {
    const res = await fetch(url);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) fail(html, `the download ${name} answers HTTP ${res.status}`);
    else if (body.length < 100 || body[0] !== 0x1f || body[1] !== 0x8b) fail(html, `the download ${name} is not a gzip file`);
    else console.log(`download: ${name} (${Math.round(body.length / 1024)} KiB) linked from ${html}`);
  } catch (e) {
    fail(html, `the download ${name} could not be fetched: ${e.message}`);
  }
}

// --- print.html holds every chapter -----------------------------------------
{
  const { page, problems } = await open("print.html", 1280);
  for (const p of problems) fail("print.html", p);
  const headings = await page.evaluate(() => [...document.querySelectorAll("main h1")].map((h) => h.textContent.trim()));
  const missing = titles.filter(([, t]) => !headings.includes(t));
  for (const [html, t] of missing) fail("print.html", `chapter ${html} ("${t}") is missing`);
  if (missing.length === 0) console.log(`print.html: all ${titles.length} chapters present`);
  await page.close();
}

await browser.close();
server.close();
console.log(`checked ${chapters.length} chapter pages + print.html at ${WIDTHS.join(" and ")} px: ${listingsChecked} listings, ${diagramsChecked} diagrams, ${imagesChecked} images`);
for (const s of screenshots) console.log(`screenshot: ${s}`);
for (const [html, byWidth] of Object.entries(textSizes)) {
  if (byWidth[1280]?.length) {
    console.log(`diagram text: ${html}: smallest ${WIDTHS.map((w) => `${(byWidth[w] ?? []).join("/")} px at ${w}`).join(", ")}`);
  }
}
if (failures.length) {
  console.error(`\n${failures.length} failure(s):`);
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log("ok: every page passed");
