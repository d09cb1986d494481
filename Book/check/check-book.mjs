#!/usr/bin/env node
// Checks the Book's HTML in a real browser (headless Chromium) and screenshots every page.
//
//   node Book/check/check-book.mjs [HTML_DIR] [SCREENSHOT_DIR]     (defaults: Book/html, /tmp/book-screenshots)
//
// Opens every page of HTML_DIR at 1,200 px and at 400 px wide and fails (exit 1, one line per
// problem) on: a console error or failed load (a missing stylesheet, font or script), a broken
// link or anchor (links to files are checked on disk, anchors in the target page; http(s)
// links are listed, not fetched: the check runs offline), an element wider than the page (outside
// a block that scrolls on its own), TeX left unrendered (a `$` in text outside code and math),
// an image or SVG that does not render, a block of output that scrolls at 1,200 px (a table must
// show every column there), and a search box that finds nothing. It writes a
// full-page PNG of each page at each width to SCREENSHOT_DIR (NAME-WIDTH-K.png, in 1,600 px tiles; NAME-1200-dark.png: the first screen in the dark scheme). Exit 2: Chromium is missing.
//
// Only Node built-ins: Chromium is driven through the DevTools protocol over a pipe
// (--remote-debugging-pipe: fd 3 in, fd 4 out, messages ended by NUL), so no WebSocket
// library and no npm package is needed. CHROMIUM names the browser (default: chromium).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const htmlDir = path.resolve(process.argv[2] ?? 'Book/html');
const shotDir = path.resolve(process.argv[3] ?? path.join(os.tmpdir(), 'book-screenshots'));
const browser = process.env.CHROMIUM ?? 'chromium';
const widths = [1200, 400];

if (spawnSync(browser, ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error(`check-book: cannot run ${browser}; install Debian's chromium (.ci/install-deps does)`);
  process.exit(2);
}
const pages = fs.readdirSync(htmlDir).filter((name) => name.endsWith('.html')).sort();
if (pages.length === 0) {
  console.error(`check-book: no .html pages in ${htmlDir}`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'check-book-'));
const chrome = spawn(browser, [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-pipe', '--no-first-run',
  '--no-default-browser-check', '--disable-extensions', '--hide-scrollbars', `--user-data-dir=${profile}`,
], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const toBrowser = chrome.stdio[3];
const fromBrowser = chrome.stdio[4];

let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = Buffer.alloc(0);
fromBrowser.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) >= 0) {
    const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
    buffer = buffer.subarray(end + 1);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(message.error.message)); else resolve(message.result);
    } else if (message.method) {
      for (const listener of listeners) listener(message);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const message = { id, method, params };
  if (sessionId) message.sessionId = sessionId;
  toBrowser.write(JSON.stringify(message) + '\0');
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    setTimeout(() => { if (pending.delete(id)) reject(new Error(`${method} timed out`)); }, 30000);
  });
}
function waitFor(predicate, ms = 20000) {
  return new Promise((resolve, reject) => {
    const listener = (message) => { if (predicate(message)) { listeners.splice(listeners.indexOf(listener), 1); resolve(message); } };
    listeners.push(listener);
    setTimeout(() => { const k = listeners.indexOf(listener); if (k >= 0) { listeners.splice(k, 1); reject(new Error('timed out waiting for the page')); } }, ms);
  });
}

// Runs in the page: everything the DOM can tell.
function inspect() {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const describe = (element) => {
    let text = element.tagName.toLowerCase();
    if (element.id) text += '#' + element.id;
    if (element.classList.length) text += '.' + Array.from(element.classList).join('.');
    const sample = (element.textContent || '').trim().slice(0, 40);
    return sample ? `${text} "${sample}"` : text;
  };
  const clipped = (element) => {
    for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.overflowX !== 'visible') return true;
      if (node.tagName === 'DETAILS' && !node.open) return true;
    }
    return false;
  };
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px of content in ${width} px)`);
  }
  let wide = 0;
  for (const element of document.body.querySelectorAll('*')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if ((rect.right > width + 1 || rect.left < -1) && !clipped(element) && getComputedStyle(element).position !== 'absolute') {
      if (wide++ < 5) problems.push(`wider than the page (${Math.round(rect.left)}..${Math.round(rect.right)} px of ${width}): ${describe(element)}`);
    }
  }
  // At 1,200 px every table of a transcript shows all its columns (no block scrolls).
  if (width >= 1200) {
    for (const block of document.querySelectorAll('pre')) {
      if (block.closest('details:not([open])')) continue;
      if (block.scrollWidth > block.clientWidth + 1) problems.push(`a block that does not fit and scrolls (${block.scrollWidth} px in ${block.clientWidth}): ${describe(block)}`);
    }
  }
  // TeX left as text: a `$` outside code, math and the Book's escaped dollars.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.nodeValue.includes('$')) continue;
    const parent = node.parentElement;
    if (parent.closest('code, pre, .katex, script, style, .dollar, .search-results')) continue;
    problems.push(`unrendered TeX ($ outside code): ${describe(parent)}`);
  }
  if (document.querySelector('.katex') && !document.fonts.check('16px KaTeX_Main')) problems.push('KaTeX fonts did not load');
  for (const image of document.images) {
    if (!image.complete || image.naturalWidth === 0) problems.push(`image does not render: ${image.src}`);
  }
  for (const svg of document.querySelectorAll('svg')) {
    if (svg.closest('details:not([open])')) continue;
    const rect = svg.getBoundingClientRect();
    let box = { width: 0, height: 0 };
    try { box = svg.getBBox(); } catch (e) { }
    if (rect.width < 10 || rect.height < 10 || box.width < 10 || box.height < 10 || svg.querySelectorAll('polyline, path, circle').length === 0) {
      problems.push(`SVG does not render: ${describe(svg.closest('figure') || svg)}`);
    }
  }
  for (const transcript of document.querySelectorAll('.transcript')) {
    if (!transcript.querySelector('button.copy')) problems.push(`command block without a copy button: ${describe(transcript)}`);
  }
  const links = [];
  for (const anchor of document.querySelectorAll('a[href]')) links.push(anchor.href);
  const ids = Array.from(document.querySelectorAll('[id]')).map((element) => element.id);
  return { problems, links, ids, height: Math.ceil(document.documentElement.scrollHeight) };
}

function searchWorks() {
  const input = document.querySelector('form.search input');
  if (!input || input.closest('form').hidden) return 'the search box is not shown';
  input.value = 'barycenter';
  input.dispatchEvent(new Event('input'));
  const hits = document.querySelectorAll('.search-results a').length;
  input.value = '';
  input.dispatchEvent(new Event('input'));
  return hits > 0 ? '' : 'searching "barycenter" finds nothing';
}

const problems = [];
const idsByFile = new Map();
const linksByPage = new Map();
const external = new Set();
try {
  for (const width of widths) {
    for (const page of pages) {
      const where = `${page} at ${width} px`;
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      const errors = [];
      const listener = (message) => {
        if (message.sessionId !== sessionId) return;
        if (message.method === 'Runtime.exceptionThrown') errors.push(message.params.exceptionDetails.exception?.description ?? message.params.exceptionDetails.text);
        if (message.method === 'Runtime.consoleAPICalled' && ['error', 'assert'].includes(message.params.type)) {
          errors.push(message.params.args.map((a) => a.value ?? a.description).join(' '));
        }
        if (message.method === 'Log.entryAdded' && message.params.entry.level === 'error') errors.push(`${message.params.entry.text} ${message.params.entry.url ?? ''}`);
      };
      listeners.push(listener);
      await send('Page.enable', {}, sessionId);
      await send('Runtime.enable', {}, sessionId);
      await send('Log.enable', {}, sessionId);
      await send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
      const loaded = waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired');
      await send('Page.navigate', { url: pathToFileURL(path.join(htmlDir, page)).href }, sessionId);
      await loaded;
      await send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true }, sessionId);
      const result = await send('Runtime.evaluate', { expression: `(${inspect})()`, returnByValue: true }, sessionId);
      const report = result.result.value;
      for (const problem of report.problems) problems.push(`${where}: ${problem}`);
      if (width === widths[0]) {
        idsByFile.set(path.join(htmlDir, page), new Set(report.ids));
        linksByPage.set(page, report.links);
        const search = await send('Runtime.evaluate', { expression: `(${searchWorks})()`, returnByValue: true }, sessionId);
        if (search.result.value) problems.push(`${where}: ${search.result.value}`);
      }
      // Full-page screenshot: the viewport as tall as the page (capped).
      const height = Math.min(report.height, 20000);
      await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
      // In tiles of at most 1,600 px, which image viewers show without shrinking the text away.
      const tile = 1600;
      for (let top = 0, k = 1; top < height; top += tile, k++) {
        const clip = { x: 0, y: top, width, height: Math.min(tile, height - top), scale: 1 };
        const shot = await send('Page.captureScreenshot', { format: 'png', clip }, sessionId);
        fs.writeFileSync(path.join(shotDir, `${page.replace(/\.html$/, '')}-${width}-${k}.png`), Buffer.from(shot.data, 'base64'));
      }
      if (width === widths[0]) {
        // The dark scheme, as a system set to dark shows it: the first screen only, to look at.
        await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] }, sessionId);
        const clip = { x: 0, y: 0, width, height: Math.min(1600, height), scale: 1 };
        const dark = await send('Page.captureScreenshot', { format: 'png', clip }, sessionId);
        fs.writeFileSync(path.join(shotDir, `${page.replace(/\.html$/, '')}-${width}-dark.png`), Buffer.from(dark.data, 'base64'));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      listeners.splice(listeners.indexOf(listener), 1);
      for (const error of errors) problems.push(`${where}: console error: ${error}`);
      await send('Target.closeTarget', { targetId });
    }
  }
} catch (error) {
  problems.push(`the browser check could not finish: ${error.message}`);
}
const exited = new Promise((resolve) => chrome.once('exit', resolve));
chrome.kill();
await exited;
fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });

// Links: files on disk, anchors in the pages just read (other HTML files: read for their ids).
for (const [page, links] of linksByPage) {
  for (const link of links) {
    const url = new URL(link);
    if (url.protocol === 'http:' || url.protocol === 'https:') { external.add(url.origin + url.pathname); continue; }
    if (url.protocol !== 'file:') { problems.push(`${page}: link with an unexpected scheme: ${link}`); continue; }
    const file = fileURLToPath(url);
    if (!fs.existsSync(file)) { problems.push(`${page}: broken link to ${link}`); continue; }
    if (!url.hash) continue;
    const id = decodeURIComponent(url.hash.slice(1));
    let ids = idsByFile.get(file);
    if (!ids) {
      ids = new Set(Array.from(fs.readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g), (m) => m[1]));
      idsByFile.set(file, ids);
    }
    if (!ids.has(id)) problems.push(`${page}: broken anchor ${link}`);
  }
}

for (const problem of problems) console.log(problem);
const summary = `check-book: ${pages.length} pages at ${widths.join(' and ')} px, ${problems.length} problem${problems.length === 1 ? '' : 's'}; `
  + `screenshots in ${shotDir}; external links not fetched: ${Array.from(external).sort().join(', ') || 'none'}`;
console.log(summary);
process.exit(problems.length === 0 ? 0 : 1);
