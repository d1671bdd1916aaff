// The report's layout in headless Chromium, driven over the DevTools
// protocol (puppeteer-core with Debian's chromium; no browser download).
//
// usage: node tests/browser/layout.js REPORT.html OUTDIR
//   NODE_PATH must reach puppeteer-core and axe-core (build/browser/node_modules).
// Checks, printing one line each and exiting 1 on the first failure:
//   - at 1280 px and at 390 px the page does not scroll sideways
//     (document.documentElement.scrollWidth <= viewport width);
//   - at 390 px every status badge lies inside the viewport;
//   - at 390 px no heatmap label is drawn smaller than 10 px;
//   - axe-core finds no violation (1280 px and 390 px);
//   - in print (emulated media, A4 width) no table runs past the page, and
//     every badge has a visible border and dark text.
// Writes OUTDIR/desktop.png, OUTDIR/phone.png and OUTDIR/report.pdf (A4,
// background graphics off, as browsers print by default).
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [file, outdir] = process.argv.slice(2);
if (!file || !outdir) {
  console.error('usage: node tests/browser/layout.js REPORT.html OUTDIR');
  process.exit(2);
}
const url = 'file://' + path.resolve(file);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function fail(msg) {
  console.error('test-browser: FAIL: ' + msg);
  process.exitCode = 1;
  throw new Error(msg);
}

async function axe(page, label) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document);
    return r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
      v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')
        .replace(/\s+/g, ' ')).join(' | '));
  });
  if (res.length) fail(`axe-core at ${label}: ${res.length} violation(s):\n  ` + res.join('\n  '));
  console.log(`test-browser: axe-core at ${label}: 0 violations`);
}

async function width(page, vw) {
  await page.setViewport({ width: vw, height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  if (sw > vw) {
    const wide = await page.evaluate((w) => [...document.querySelectorAll('body *')]
      .filter(e => e.getBoundingClientRect().right > w + 0.5)
      .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + e.className + ' right=' +
        Math.round(e.getBoundingClientRect().right)), vw);
    fail(`at ${vw} px the page is ${sw} px wide; widest: ${wide.join(', ')}`);
  }
  console.log(`test-browser: at ${vw} px the page is ${sw} px wide`);
}

async function main() {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--hide-scrollbars'],
  });
  try {
    const page = await browser.newPage();
    const logs = [];
    page.on('console', m => logs.push(m.text()));

    await width(page, 1280);
    await page.screenshot({ path: path.join(outdir, 'desktop.png'),
      clip: { x: 0, y: 0, width: 1280, height: 1400 } });
    await axe(page, '1280 px');

    await width(page, 390);
    const badges = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.badge')];
      const out = all.filter(b => {
        const r = b.getBoundingClientRect();
        return r.width === 0 || r.left < 0 || r.right > document.documentElement.clientWidth + 0.5;
      });
      return { n: all.length, out: out.length };
    });
    if (badges.n === 0) fail('the page has no status badge');
    if (badges.out) fail(`at 390 px ${badges.out} of ${badges.n} badges lie outside the screen`);
    console.log(`test-browser: at 390 px all ${badges.n} badges are on screen`);
    const labels = await page.evaluate(() => {
      let min = Infinity, n = 0;
      for (const svg of document.querySelectorAll('.heatmap svg')) {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        for (const t of svg.querySelectorAll('text')) {
          const fs = parseFloat(getComputedStyle(t).fontSize) * scale;
          n++;
          if (fs < min) min = fs;
        }
      }
      return { min, n };
    });
    if (labels.n === 0) fail('the page has no heatmap label');
    if (labels.min < 10) fail(`at 390 px the smallest heatmap label is ${labels.min.toFixed(1)} px`);
    console.log(`test-browser: at 390 px the smallest of ${labels.n} heatmap labels is ` +
      `${labels.min.toFixed(1)} px`);
    await page.screenshot({ path: path.join(outdir, 'phone.png'),
      clip: { x: 0, y: 0, width: 390, height: 1600 } });
    await axe(page, '390 px');

    // A4 less the @page margins (210 mm - 2 x 12 mm = 186 mm, 96 px an inch).
    await page.setViewport({ width: Math.floor(186 / 25.4 * 96), height: 1100 });
    await page.goto(url, { waitUntil: 'load' });
    await page.emulateMediaType('print');
    const cut = await page.evaluate(() => [...document.querySelectorAll('table')].filter(t =>
      t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).length);
    if (cut) fail(`in print ${cut} tables run past the page's width`);
    console.log('test-browser: in print every table fits the A4 page width');
    const plain = await page.evaluate(() => [...document.querySelectorAll('.badge')].filter(b => {
      const s = getComputedStyle(b);
      const dark = s.color.match(/\d+/g).slice(0, 3).every(c => Number(c) < 100);
      return !(dark && parseFloat(s.borderTopWidth) >= 1 && s.borderTopStyle !== 'none');
    }).length);
    if (plain) fail(`in print ${plain} badges lack a border or dark text`);
    console.log('test-browser: in print every badge has a border and dark text');
    await page.pdf({ path: path.join(outdir, 'report.pdf'), preferCSSPageSize: true,
      printBackground: false });
    if (logs.length) fail('console messages: ' + logs.join(' | '));
  } finally {
    await browser.close();
  }
}

main().catch(e => {
  if (!process.exitCode) console.error('test-browser: FAIL: ' + (e && e.stack || e));
  process.exitCode = 1;
});
