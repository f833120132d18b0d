import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { BuildCache, cacheDirectory, checkCacheOutsideExports } from '../../../src/policy/cache.js';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sg-cache-unit-'));

describe('cacheDirectory', () => {
  it('is --cache-dir, else $XDG_CACHE_HOME/shareguard, else ~/.cache/shareguard', () => {
    expect(cacheDirectory('rel/cache', {})).toBe(path.resolve('rel/cache'));
    expect(cacheDirectory(undefined, { XDG_CACHE_HOME: '/var/cache/me' })).toBe('/var/cache/me/shareguard');
    // A relative XDG_CACHE_HOME is invalid by the XDG spec and ignored.
    expect(cacheDirectory(undefined, { XDG_CACHE_HOME: 'relative' })).toBe(path.join(os.homedir(), '.cache', 'shareguard'));
    expect(cacheDirectory(undefined, {})).toBe(path.join(os.homedir(), '.cache', 'shareguard'));
    expect(() => cacheDirectory('', {})).toThrow(UsageError);
  });
});

describe('checkCacheOutsideExports', () => {
  it('refuses the export itself and anything inside it, and nothing else', () => {
    expect(() => checkCacheOutsideExports('/w/exports', ['/w/exports'])).toThrow(/inside the export being scanned/);
    expect(() => checkCacheOutsideExports('/w/exports/.cache/sg', ['/w/exports'])).toThrow(UsageError);
    expect(() => checkCacheOutsideExports('/w/exports-cache', ['/w/exports'])).not.toThrow();
    expect(() => checkCacheOutsideExports('/w/cache', ['/w/exports', '/w/base'])).not.toThrow();
  });
});

describe('BuildCache', () => {
  const parts = { opaVersion: '1.22.3', builtinControls: true, sources: { 'policies/a.rego': 'aa', 'custom/1/b.rego': 'bb' } };

  it('keys bundles by everything a build depends on', () => {
    const key = BuildCache.key(parts);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(BuildCache.key({ ...parts })).toBe(key);
    expect(BuildCache.key({ ...parts, opaVersion: '1.23.0' })).not.toBe(key);
    expect(BuildCache.key({ ...parts, builtinControls: false })).not.toBe(key);
    expect(BuildCache.key({ ...parts, sources: { ...parts.sources, 'custom/1/b.rego': 'bc' } })).not.toBe(key);
    // The same file under another path is another build (paths are part of the compiled module).
    expect(BuildCache.key({ ...parts, sources: { 'policies/a.rego': 'aa', 'custom/1/c.rego': 'bb' } })).not.toBe(key);
  });

  it('stores a bundle whole, under its key', () => {
    const cache = new BuildCache(path.join(tmp(), 'sg'));
    expect(cache.has('k')).toBe(false);
    const file = cache.store('k', Buffer.from('bytes'));
    expect(file).toBe(cache.bundlePath('k'));
    expect(cache.has('k')).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('bytes');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['k.tar.gz']);
  });

  it('asks a binary for its version once, and again when the binary changes', () => {
    const dir = tmp();
    const bin = path.join(dir, 'opa');
    fs.writeFileSync(bin, 'v1');
    const cache = new BuildCache(path.join(dir, 'cache'));
    let asked = 0;
    const ask = () => {
      asked += 1;
      return `1.22.${asked}`;
    };
    expect(cache.opaVersion(bin, ask)).toBe('1.22.1');
    expect(new BuildCache(path.join(dir, 'cache')).opaVersion(bin, ask)).toBe('1.22.1');
    expect(asked).toBe(1);
    fs.writeFileSync(bin, 'v2, a different size');
    expect(cache.opaVersion(bin, ask)).toBe('1.22.2');
    expect(asked).toBe(2);
  });
});
