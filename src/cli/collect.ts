import { Command, Option } from 'commander';
import { HttpClient, powerPlatformRoots, runCollect, Tokens } from '../collect/index.js';
import { Progress } from '../collect/progress.js';
import { UsageError } from '../errors.js';
import { importSummary } from '../import/index.js';
import { returning } from './exit.js';

interface CollectFlags {
  out: string;
  rawOut?: string;
  tokenCommand?: string;
  powerplatformTokenCommand?: string;
  graphUrl: string;
  powerplatformUrl?: string;
  concurrency: string;
  allowPartial?: boolean;
}

/** `shareguard collect --out EXPORT_DIR`: reads the tenant live through Microsoft Graph and the Power Platform admin APIs. */
export function collectCommand(): Command {
  return new Command('collect')
    .description('read a tenant live (Microsoft Graph and the Power Platform admin APIs) into an export')
    .requiredOption('--out <dir>', 'the export folder to write (written whole or not at all)')
    .option('--raw-out <dir>', 'also keep the raw responses there, in the layout `shareguard import` reads')
    .option('--token-command <command>', 'a command printing a Microsoft Graph access token (instead of SHAREGUARD_GRAPH_TOKEN)')
    .option('--powerplatform-token-command <command>', 'a command printing a Power Platform admin API token; {resource} is replaced by the API\'s resource (instead of SHAREGUARD_POWERPLATFORM_TOKEN)')
    .option('--graph-url <url>', 'Microsoft Graph root (national clouds, tests)', 'https://graph.microsoft.com')
    .option('--powerplatform-url <url>', 'Power Platform admin API root: {service} is replaced by bap, flow or powerapps; without it they are folders below the URL (default: the public cloud hosts)')
    .addOption(new Option('--concurrency <n>', 'requests in flight at once').default('4'))
    .option('--allow-partial', 'exit 0 even when some sections could not be read (they are still recorded and reported)')
    .addHelpText(
      'after',
      `
Examples:
  $ export SHAREGUARD_GRAPH_TOKEN=$(az account get-access-token --resource https://graph.microsoft.com --query accessToken -o tsv)
  $ shareguard collect --out export/ --powerplatform-token-command "az account get-access-token --resource {resource} --query accessToken -o tsv"
  $ shareguard collect --out export/ --raw-out raw/ && shareguard scan export/

Tokens are never printed, logged or written. What cannot be read (a missing permission, a 403) is recorded in
the export and named with the permission it needs. Exit codes: 0 everything read, 1 the export was written but
some sections could not be read (0 with --allow-partial), 2 usage, a malformed response (naming its URL) or
another error; nothing is written then.`,
    )
    .action(returning(async (flags: CollectFlags) => {
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new UsageError(`--concurrency ${flags.concurrency}: expected a whole number from 1 to 16`);
      const graphUrl = checkUrl('--graph-url', flags.graphUrl);
      if (flags.powerplatformUrl !== undefined) checkUrl('--powerplatform-url', flags.powerplatformUrl.replaceAll('{service}', 'bap'));
      const progress = new Progress();
      const http = new HttpClient({ onRetry: (r) => progress.retried(r.status, r.waitMs) });
      let outcome;
      try {
        outcome = await runCollect({
          out: flags.out,
          ...(flags.rawOut !== undefined ? { rawOut: flags.rawOut } : {}),
          roots: { graph: graphUrl, ...powerPlatformRoots(flags.powerplatformUrl) },
          http,
          graphTokens: new Tokens({ env: 'SHAREGUARD_GRAPH_TOKEN', ...(flags.tokenCommand ? { command: flags.tokenCommand } : {}) }),
          powerPlatformTokens: new Tokens({ env: 'SHAREGUARD_POWERPLATFORM_TOKEN', ...(flags.powerplatformTokenCommand ? { command: flags.powerplatformTokenCommand } : {}) }),
          concurrency,
          onSaved: () => progress.responseSaved(),
        });
      } finally {
        progress.done();
      }
      const retried = http.retries > 0 ? ` (${http.retries} retried after throttling or errors)` : '';
      const raw = flags.rawOut ? ` (raw responses in ${flags.rawOut})` : '';
      process.stdout.write(importSummary(`collected ${http.requests} request(s)${retried} into ${flags.out}${raw}`, outcome.result.imported));
      return outcome.failures.length > 0 && !flags.allowPartial ? 1 : 0;
    }));
}

function checkUrl(flag: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} ${value}: not a URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
    throw new UsageError(`${flag} ${value}: must be https (plain http only to this machine, for tests)`);
  }
  return value.replace(/\/+$/, '');
}
