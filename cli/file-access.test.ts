import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, stackTraceLine } from '../test-support/harness.js';

/** A repository with a policy in `policies/`, and a folder beside the repository holding a secret. */
function repository(): { dir: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'leadscore-files-'));
  const dir = join(base, 'repo');
  mkdirSync(join(dir, '.git'), { recursive: true });
  mkdirSync(join(dir, 'policies', 'shared'), { recursive: true });
  writeFileSync(join(dir, 'policies', 'shared', 'fit.score'), 'fit:\n  when employees > 50 add 10\n');
  writeFileSync(join(dir, 'lists.txt'), 'acme.com\n');
  const outside = join(base, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.score'), 'AWS_SECRET=hunter2\n');
  writeFileSync(join(outside, 'list.txt'), 'hunter2\n');
  return { dir, outside };
}

async function check(dir: string, policy: string, extra: string[] = []) {
  writeFileSync(join(dir, 'policies', 'main.score'), policy);
  return runCli([...extra, 'check', 'policies/main.score'], { cwd: dir });
}

describe('what a policy may read: regular files inside its repository', () => {
  it('imports and lists inside the repository are read, also above the policy’s folder', async () => {
    const { dir } = repository();
    const { code, stdout } = await check(dir, 'import "shared/fit.score"\nlist competitors from "../lists.txt"\nwhen domain in competitors blacklist\n');
    expect(stdout).toBe('policies/main.score: 0 errors, 0 warnings\n');
    expect(code).toBe(0);
  });

  it('a file outside the repository is refused, and its content never shown', async () => {
    const { dir, outside } = repository();
    const { code, stdout } = await check(dir, `import "${join(outside, 'secret.score')}"\nlist l from "${join(outside, 'list.txt')}"\nwhen domain in l add 1\n`);
    expect(code).toBe(1);
    expect(stdout).toContain(`it is outside ${dir}, the folder tree this policy may read (--files-root widens it)`);
    expect(stdout.match(/LS2031/g)).toHaveLength(2);
    expect(stdout).not.toContain('hunter2');
    expect(stdout).not.toMatch(stackTraceLine);
  });

  it('a link inside the repository to a file outside it is refused too', async () => {
    const { dir, outside } = repository();
    symlinkSync(join(outside, 'secret.score'), join(dir, 'policies', 'linked.score'));
    const { code, stdout } = await check(dir, 'import "linked.score"\n');
    expect(code).toBe(1);
    expect(stdout).toContain('it is outside');
    expect(stdout).not.toContain('hunter2');
  });

  it('--files-root widens the tree', async () => {
    const { dir, outside } = repository();
    writeFileSync(join(outside, 'fine.score'), 'when employees > 5 add 1\n');
    const { code, stdout } = await check(dir, `import "${join(outside, 'fine.score')}"\n`, ['--files-root', join(dir, '..')]);
    expect(stdout).toBe('policies/main.score: 0 errors, 0 warnings\n');
    expect(code).toBe(0);
  });

  it('an import names a policy file: /proc/self/environ is refused without being read', async () => {
    const { dir } = repository();
    const { code, stdout } = await check(dir, 'import "/proc/self/environ"\n', ['--files-root', '/']);
    expect(code).toBe(1);
    expect(stdout).toContain('cannot import "/proc/self/environ": an import names a policy file, ending in .score');
    expect(stdout).not.toContain('PATH=');
  });

  it('devices and named pipes are refused without being opened, so nothing hangs or fills memory', async () => {
    const { dir } = repository();
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(dir, 'zero.score'));
    const { code, stdout } = await check(dir, 'import "../zero.score"\nlist l from "../pipe.txt"\nwhen domain in l add 1\n', ['--files-root', '/']);
    expect(code).toBe(1);
    expect(stdout.match(/it is not a regular file/g)).toHaveLength(2);
  });

  it('a file over the size limit is refused', async () => {
    const { dir } = repository();
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(4 * 1024 * 1024 + 1));
    const { code, stdout } = await check(dir, 'list l from "../big.txt"\nwhen domain in l add 1\n');
    expect(code).toBe(1);
    expect(stdout).toContain('it is larger than 4 MiB');
  });

  it('check, fmt and test follow a linked policy inside the repository, and refuse one linked from outside', async () => {
    const { dir, outside } = repository();
    writeFileSync(join(dir, 'broken.score'), 'when titel contains word "CTO" add 5\n');
    symlinkSync(join(dir, 'broken.score'), join(dir, 'policies', 'linked.score'));
    const checked = await runCli(['check', 'policies'], { cwd: dir });
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('policies/linked.score:1:6');
    writeFileSync(join(outside, 'p.test.score'), 'test "x"\n  lead\n    id "a"\n  expect score 0\n');
    symlinkSync(join(outside, 'secret.score'), join(dir, 'policies', 'z-outside.score'));
    symlinkSync(join(outside, 'p.test.score'), join(dir, 'policies', 'z-outside.test.score'));
    for (const command of ['check', 'fmt', 'test']) {
      const { code, stdout, stderr } = await runCli([command, 'policies'], { cwd: dir });
      expect(code, command).toBe(1);
      expect(stdout + stderr, command).toMatch(/policies\/z-outside(\.test)?\.score is a link to .*, which is not a file inside .*; it was not read/);
      expect(stdout + stderr).not.toContain('hunter2');
    }
  });
});
