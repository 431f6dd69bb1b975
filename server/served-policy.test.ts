import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readRepoFile } from '../test-support/harness.js';
import type { CliIo } from '../workspace/index.js';
import { ServedPolicy } from './served-policy.js';

const reference = readRepoFile('examples/b2b-saas.score');
const opened: ServedPolicy[] = [];
afterEach(() => opened.splice(0).forEach((served) => served.close()));

/** A served copy of the reference policy that is never polled on its own: the test polls it. */
async function served(): Promise<{ served: ServedPolicy; write: (text: string) => void; poll: () => Promise<void>; stderr: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), 'leadscore-reload-'));
  const file = join(dir, 'policy.score');
  writeFileSync(file, reference);
  let stderr = '';
  const io: CliIo = {
    stdout: { write: () => true },
    stderr: { write: (chunk) => ((stderr += chunk), true) },
    stdin: Readable.from([]),
    cwd: dir,
    stdoutIsTty: false,
    stderrIsTty: false,
    clock: () => new Date(),
  };
  const policy = await ServedPolicy.open('policy.score', io, 1e9);
  opened.push(policy);
  // Each write changes the size or the time the file was modified, as an editor's save does.
  let version = 0;
  const write = (text: string) => writeFileSync(file, `${text}\n${'#'.repeat(++version)}\n`);
  const internals = policy as unknown as { poll(): void; reloading: Promise<void> };
  const poll = async () => {
    internals.poll();
    await internals.reloading;
  };
  return { served: policy, write, poll, stderr: () => stderr };
}

describe('serve: reloading the policy', () => {
  it('waits until the files hold still: a file caught half-written is never served', async () => {
    const { served: policy, write, poll } = await served();
    const original = policy.current.info.hash;
    write(reference.slice(0, reference.indexOf('\nwhen request demo')));
    await poll();
    expect(policy.current.info.hash).toBe(original);
    write(reference.replace('when request demo add 40', 'when request demo add 10'));
    await poll();
    expect(policy.current.info.hash).toBe(original);
    await poll();
    expect(policy.current.info.hash).not.toBe(original);
    expect(policy.current.ir.contributions.some((rule) => rule.text === 'when request demo add 10')).toBe(true);
    expect(policy.reloadError).toBeNull();
  });

  it('never replaces a policy with rules by one without (an emptied file) unless told to', async () => {
    const { served: policy, write, poll, stderr } = await served();
    const original = policy.current.info.hash;
    write('');
    await poll();
    await poll();
    expect(policy.current.info.hash).toBe(original);
    expect(policy.reloadError?.message).toBe(`policy.score has no rules (emptied, or cut short); send SIGHUP to serve it anyway; still serving the previous version (${original})`);
    expect(stderr()).toContain(`leadscore: ${policy.reloadError!.message}\n`);
    // Refused once, not again on every poll.
    await poll();
    await poll();
    expect(stderr().split('has no rules').length).toBe(2);
    await policy.reloadNow({ allowEmpty: true });
    expect(policy.current.ir.contributions).toEqual([]);
    expect(policy.reloadError).toBeNull();
  });
});
