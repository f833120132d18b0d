import { parentPort } from 'node:worker_threads';
import { scanJsonText } from '../parse-json.js';
import { stripBom } from '../decode.js';

/**
 * The JSON text scanner's thread (scan-thread.ts): given a file's bytes, which the loading thread has already
 * decoded and checked as UTF-8, it decodes them again and posts back what scanJsonText finds.
 */
parentPort!.on('message', (message: { id: number; bytes: Uint8Array }) => {
  try {
    const text = stripBom(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength).toString('utf8'));
    parentPort!.postMessage({ id: message.id, scan: scanJsonText(text) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, failed: String((e as Error)?.message ?? e) });
  }
});
