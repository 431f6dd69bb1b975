import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from './main.js';
import type { CliIo } from '../workspace/index.js';
import { ProgressLine } from './progress.js';
import { acceptanceNow, fixtures, root } from '../test-support/harness.js';

const leadCount = 2000;
const leads = Array.from({ length: leadCount }, (_, i) => JSON.stringify({ id: `L${i}`, title: 'CTO', employees: 100 }) + '\n').join('');
const summary = `leadscore: scored ${leadCount} leads, 0 failed (now 2026-11-23T12:00:00.000Z)\nleadscore: fields read: title ${leadCount} present; employees ${leadCount} present\n`;

/** A timer that moves `stepMs` every time it is read, as if scoring took that long. */
function steppingTimer(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

async function scoreWith(stderrIsTerminal: boolean, timer: () => number) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (chunk) => ((stdout += chunk), true) },
    stderr: { write: (chunk) => ((stderr += chunk), true) },
    stdin: Readable.from([leads]),
    cwd: root,
    stdoutIsTty: false,
    stderrIsTty: stderrIsTerminal,
    stderrIsTerminal,
    timer,
    clock: () => {
      throw new Error('the clock was read although --now was given');
    },
  };
  const code = await run(['score', `${fixtures}/small.score`, '-', '--now', acceptanceNow], io);
  return { code, stdout, stderr };
}

describe('leadscore score: progress on a terminal', () => {
  it('draws a progress line in place on stderr for a long run, erases it, then prints the summary', async () => {
    const { code, stdout, stderr } = await scoreWith(true, steppingTimer(50));
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(leadCount);
    const drawn = [...stderr.matchAll(/\r([\d,]+) leads scored · ([\d,]+) leads\/s/g)];
    expect(drawn.length).toBeGreaterThan(0);
    const counts = drawn.map((match) => Number(match[1]!.replace(/,/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.every((count) => count > 0 && count <= leadCount)).toBe(true);
    // Erased with spaces before the summary, which stays on its own line.
    expect(stderr).toMatch(/\r +\rleadscore: scored 2000 leads/);
    expect(stderr.endsWith(summary)).toBe(true);
    expect(stderr.split('\n').filter((line) => line !== '')).toHaveLength(2);
  });

  it('shows nothing for a run that ends within a second', async () => {
    const { stderr } = await scoreWith(true, steppingTimer(0.01));
    expect(stderr).toBe(summary);
  });

  it('never writes progress when stderr is not a terminal', async () => {
    const { code, stderr } = await scoreWith(false, steppingTimer(50));
    expect(code).toBe(0);
    expect(stderr).toBe(summary);
  });
});

describe('ProgressLine', () => {
  it('redraws at most five times a second, with the rate, and pads over a longer previous line', () => {
    let written = '';
    let now = 0;
    const progress = new ProgressLine({ write: (chunk) => ((written += chunk), true) }, () => now);
    for (let leads = 1; leads <= 64 * 100; leads++) {
      if (leads % 64 === 0) now += 50; // 100 looks at the timer over 5 seconds
      progress.update(leads);
    }
    const lines = written.split('\r').filter((line) => line !== '');
    // Drawn from 1 s on, every 200 ms at most: 5 s of scoring give at most 4 × 5 + 1 lines.
    expect(lines.length).toBeGreaterThanOrEqual(15);
    expect(lines.length).toBeLessThanOrEqual(21);
    expect(lines[0]).toBe('1,280 leads scored · 1,280 leads/s');
    progress.clear();
    expect(written.endsWith(`\r${' '.repeat(lines.at(-1)!.length)}\r`)).toBe(true);
  });

  it('erases nothing when nothing was drawn', () => {
    let written = '';
    const progress = new ProgressLine({ write: (chunk) => ((written += chunk), true) }, () => 0);
    progress.update(64);
    progress.clear();
    expect(written).toBe('');
  });
});
