import type { ImportContext } from '../context.js';
import { ENDPOINTS } from '../layout.js';

/** graph/v1.0/subscribedSkus → skuId → skuPartNumber (licences are assigned by skuId). */
export function readSubscribedSkus(ctx: ImportContext): Map<string, string> | undefined {
  const items = ctx.raw.list(ENDPOINTS.subscribedSkus.file);
  if (!items) return undefined;
  const skus = new Map<string, string>();
  for (const sku of items) skus.set(sku.at('skuId').string().toLowerCase(), sku.at('skuPartNumber').string());
  return skus;
}
