import { Worker } from 'node:worker_threads';
import { builtScript } from '../../files/script.js';
import type { TextScan } from '../parse-json.js';

/**
 * Scans JSON texts (scanJsonText: positions, duplicate keys, lone surrogates) in a worker thread while the
 * loading thread parses them and the next files: loading is otherwise one thread's work, and the scan is its
 * largest part after JSON.parse (443 ms against 341 over the bench's 100,000-user export). Any failure of the
 * thread (its script missing, a crash) is a rejected scan: the caller then scans in its own thread.
 */
export class TextScanner {
  private readonly pending = new Map<number, { resolve: (s: TextScan) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  /** Why the thread can no longer scan (it stopped or failed): every scan asked from then on is refused. */
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { id: number; scan?: TextScan; failed?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.scan) p.resolve(m.scan);
      else p.reject(new Error(m.failed ?? 'the scan failed'));
    });
    const failAll = (e: Error) => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('the scanning thread stopped')));
  }

  /** A scanner, or undefined when its script is not there (run from the sources without a build). */
  static start(): TextScanner | undefined {
    const file = builtScript(import.meta.url, 'scan-worker.js');
    return file ? new TextScanner(new Worker(file)) : undefined;
  }

  /** Scans a text from its UTF-8 bytes, which are moved to the thread (the caller must not use them after). */
  scan(bytes: Uint8Array): Promise<TextScan> {
    const id = this.nextId++;
    return new Promise<TextScan>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.pending.set(id, { resolve, reject });
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const own = whole ? bytes : bytes.slice();
      this.worker.postMessage({ id, bytes: own }, [own.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the scanner was closed');
    await this.worker.terminate();
  }
}
