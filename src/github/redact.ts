/**
 * What a GitHub API server says is printed for people (in a terminal, or in a workflow log that anyone who
 * can read the repository can read). A broken or hostile server may echo the request back, Authorization
 * header included, so a server's words are cleaned before they are shown: credentials are replaced with
 * [redacted], control characters (a line break would let it start a `::workflow-command::` line of its own,
 * an escape sequence would repaint the terminal) become spaces, and the text is clipped.
 */

/** GitHub's own messages are one sentence ("Resource not accessible by integration" is 38 characters); 300 keeps any real one whole. */
const MAX_SERVER_TEXT = 300;

const REDACTED = '[redacted]';

/**
 * Credential shapes, each replaced whole:
 *  - an HTTP authorization scheme and its credentials ("Bearer x", "token x", "Basic x"), also after "Authorization:";
 *  - GitHub's prefixed tokens: ghp_ (classic personal), gho_ (OAuth), ghu_ (user-to-server), ghs_ (server-to-server,
 *    the Actions GITHUB_TOKEN), ghr_ (refresh), and fine-grained github_pat_;
 *  - a JWT (three base64url parts, the first starting "eyJ", which is `{"` encoded), as GitHub Apps sign with.
 * "token" and "basic" are also English words: "token verification failed" becomes "token [redacted] failed".
 * Hiding a word now and then is the price of never printing a credential.
 */
const PATTERNS: RegExp[] = [
  /\b(authorization)\s*[:=]\s*("?)[^\s",;]+(?:\s+[^\s",;]+)?/gi,
  /\b(bearer|token|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /\bgh[pousr]_[A-Za-z0-9_]{8,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
];

/** `text` with the token itself (when known) and anything shaped like a credential replaced by [redacted]. */
export function redactSecrets(text: string, token?: string): string {
  let out = text;
  // The token itself first, whatever its shape (a token of an unknown format matches none of the patterns).
  if (token && token.length >= 4) out = out.split(token).join(REDACTED);
  for (const re of PATTERNS) {
    out = out.replace(re, (_m, scheme?: string) => (typeof scheme === 'string' && /^(authorization|bearer|token|basic)$/i.test(scheme) ? `${scheme} ${REDACTED}` : REDACTED));
  }
  return out;
}

/** A server's text made safe to print on one line: credentials redacted, control characters removed, clipped. */
export function serverText(text: string, token?: string): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  const clean = redactSecrets(oneLine, token);
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT)}… (clipped at ${MAX_SERVER_TEXT} characters)` : clean;
}
