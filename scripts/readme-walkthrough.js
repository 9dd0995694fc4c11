#!/usr/bin/env node
// Runs the README's walkthrough as a newcomer would, and fails on its first failing command.
//
// What the Quick start says, done here: `npm run demo` on a new, empty DATA_DIR (it must print a
// working admin key), then `npm start` in the background on that DATA_DIR with ADMIN_API_KEY
// set. Then every ```bash block of README.md marked `<!-- walkthrough: run -->` runs, in the
// order of the file, in one bash (so variables carry from block to block) with
// `set -euo pipefail`, in the repository (sample files by their repo paths), with ADMIN_API_KEY
// and PORT of that service in its environment, and `curl` failing on any HTTP error. Each block of
// the sections "Quick start" and "Try it" must be marked `run` or `skip (why)`: none is left out
// silently. The service is stopped at the end whatever happens.
//
// `node scripts/readme-walkthrough.js [--list]`: --list prints the blocks and their marks only.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, readFileSync, rmSync, openSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const WALKTHROUGH_SECTIONS = ['Quick start', 'Try it'];
const MARK = /^<!--\s*walkthrough:\s*(run|skip)\b(.*?)-->\s*$/;

/** The fenced bash/sh blocks of the README with their section, line and mark. */
function readmeBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    if (/^##\s/.test(lines[i])) section = lines[i].replace(/^#+\s*/, '').trim();
    const fence = /^```(bash|sh)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`README.md:${i + 1}: unclosed code block`);
    let before = i - 1;
    while (before >= 0 && lines[before].trim() === '') before--;
    const mark = MARK.exec(lines[before] ?? '');
    blocks.push({
      line: i + 1,
      section,
      mark: mark ? mark[1] : null,
      note: mark ? mark[2].trim() : '',
      code: lines.slice(i + 1, end).join('\n'),
    });
    i = end;
  }
  return blocks;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port, server, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}`);
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`npm start did not answer /health within ${seconds} s`);
}

function stop(server) {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-server.pid, 'SIGTERM'); // its group: npm and the node server under it
    } catch {
      resolve();
    }
  });
}

const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

/** Quick start: `npm run demo` on an empty data folder must end by printing a stored key. */
function quickStartDemo(env) {
  const started = Date.now();
  const demo = spawnSync('npm', ['run', 'demo', '--silent'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stdout.write(demo.stdout);
  if (demo.status !== 0) throw new Error(`npm run demo exited with ${demo.status}`);
  const key = /export KEY=(\S+)/.exec(demo.stdout);
  if (!key) throw new Error('npm run demo printed no API key');
  console.log(`=== npm run demo on an empty DATA_DIR: ${seconds(started)} s`);
  return key[1];
}

async function main() {
  const blocks = readmeBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const unmarked = blocks.filter(
    (b) => b.mark === null && WALKTHROUGH_SECTIONS.includes(b.section),
  );
  for (const block of blocks.filter((b) => b.mark !== null || unmarked.includes(b))) {
    console.log(
      `README.md:${block.line} (${block.section}): ${block.mark ?? 'UNMARKED'} ${block.note}`,
    );
  }
  if (unmarked.length > 0) {
    throw new Error(
      'every block of the walkthrough needs <!-- walkthrough: run --> or <!-- walkthrough: skip (why) -->',
    );
  }
  const runs = blocks.filter((b) => b.mark === 'run');
  if (process.argv.includes('--list')) return;
  if (runs.length === 0) throw new Error('no block of README.md is marked to run');

  const dir = mkdtempSync(join(tmpdir(), 'readme-walkthrough-'));
  const port = await freePort();
  const adminKey = `walkthrough-${require('node:crypto').randomBytes(16).toString('hex')}`;
  const base = { ...process.env, DATA_DIR: join(dir, 'data'), PORT: String(port) };
  for (const name of ['DATABASE_URL', 'ADMIN_API_KEY', 'BILLING_API_URL', 'BILLING_API_KEY']) {
    delete base[name];
  }
  const env = { ...base, ADMIN_API_KEY: adminKey };
  let server = null;
  try {
    const demoKey = quickStartDemo(base);

    const log = openSync(join(dir, 'server.log'), 'a');
    server = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    const started = Date.now();
    await waitForHealth(port, server, 120);
    console.log(`=== npm start answered /health after ${seconds(started)} s (port ${port})`);
    const withDemoKey = await fetch(`http://127.0.0.1:${port}/v1/customers?limit=1`, {
      headers: { Authorization: `Bearer ${demoKey}` },
    });
    if (!withDemoKey.ok)
      throw new Error(`the key npm run demo printed got HTTP ${withDemoKey.status}`);

    const script = [
      'set -euo pipefail',
      // Each command is echoed before it runs, so a failure shows which one it was.
      "PS4='+ ' && set -x",
      // A README command that gets an HTTP error fails here, with the answer shown; every answer
      // ends with a line break, so the log keeps one per line.
      'curl() { command curl --fail-with-body --write-out \'\\n\' "$@"; }',
      ...runs.map(
        (b) => `printf '\\n=== README.md:%s (%s)\\n' ${b.line} '${b.section}'\n${b.code}`,
      ),
    ].join('\n');
    const walk = Date.now();
    const result = spawnSync('bash', ['-c', script], { cwd: ROOT, env, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(
        `\n=== server log (last 40 lines)\n${readFileSync(join(dir, 'server.log'), 'utf8').split('\n').slice(-40).join('\n')}`,
      );
      throw new Error(
        `the walkthrough failed (exit ${result.status}); the block is the last one announced above`,
      );
    }
    console.log(`\n=== README walkthrough: ${runs.length} blocks ran in ${seconds(walk)} s`);
  } finally {
    if (server) await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`readme-walkthrough: ${error.message}`);
  process.exit(1);
});
