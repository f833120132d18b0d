import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { checkHeapFor, exportBytes, heapNeededBytes } from '../../../src/cli/heap.js';
import { runCli } from '../../helpers/cli.js';

const MiB = 1024 * 1024;

describe('the heap a scan needs', () => {
  it('passes an export that fits', () => {
    expect(() => checkHeapFor(300 * MiB, 4144 * MiB, 24000 * MiB)).not.toThrow();
  });

  it('refuses one that does not, naming the heap needed and the flag that gives it', () => {
    // The bench's 1,000,000-user export: 1,103 MiB of files.
    const run = () => checkHeapFor(1103 * MiB, 4144 * MiB, 24000 * MiB);
    expect(run).toThrow(UsageError);
    expect(run).toThrow(/needs about 5771 MiB of JavaScript heap, and this process may use 4144 MiB: run it with NODE_OPTIONS=--max-old-space-size=5888/);
  });

  it('says so when the machine itself is too small', () => {
    expect(() => checkHeapFor(1103 * MiB, 4144 * MiB, 6000 * MiB)).toThrow(/this machine has 6000 MiB of memory in all/);
  });

  it('counts the files discovery finds', async () => {
    const bytes = await exportBytes(['examples/contoso']);
    expect(bytes).toBeGreaterThan(10_000);
    expect(heapNeededBytes(bytes)).toBeGreaterThan(256 * MiB);
  });

  it('is checked before a scan: exit 2 with the message, not a crash', () => {
    const r = runCli(['scan', 'examples/contoso'], { NODE_OPTIONS: '--max-old-space-size=128' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs about \d+ MiB of JavaScript heap, and this process may use \d+ MiB: run it with NODE_OPTIONS=--max-old-space-size=\d+/);
  });
});
