import fs from 'node:fs';
import type { Browser } from 'playwright-core';

/**
 * Writes a screenshot over a committed one only when the picture has changed. Chromium's software rendering
 * is not exactly repeatable (a few anti-aliased pixels differ from run to run), and a committed file rewritten
 * by every `npm test` would leave every work tree dirty. The two PNGs are decoded and compared in the browser
 * (a canvas), so no image library is needed. Returns whether the file was written.
 */
export async function writeScreenshotIfChanged(browser: Browser, file: string, png: Buffer, tolerance = 0.001): Promise<boolean> {
  if (fs.existsSync(file)) {
    const differing = await differingPixels(browser, fs.readFileSync(file), png);
    if (differing !== undefined && differing.share <= tolerance) return false;
  }
  fs.writeFileSync(file, png);
  return true;
}

/** The share of pixels that differ between two PNGs of one size; undefined when their sizes differ. */
export async function differingPixels(browser: Browser, a: Buffer, b: Buffer): Promise<{ count: number; share: number } | undefined> {
  const page = await browser.newPage();
  try {
    return await page.evaluate(
      async ([srcA, srcB]) => {
        const load = (src: string) =>
          new Promise<HTMLImageElement>((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve(img);
            img.onerror = () => reject(new Error('not a PNG'));
            img.src = src;
          });
        const [ia, ib] = await Promise.all([load(srcA), load(srcB)]);
        if (ia.width !== ib.width || ia.height !== ib.height) return undefined;
        const pixels = (img: HTMLImageElement) => {
          const canvas = document.createElement('canvas');
          canvas.width = img.width;
          canvas.height = img.height;
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          return ctx.getImageData(0, 0, img.width, img.height).data;
        };
        const [pa, pb] = [pixels(ia), pixels(ib)];
        let count = 0;
        for (let i = 0; i < pa.length; i += 4) if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2] || pa[i + 3] !== pb[i + 3]) count += 1;
        return { count, share: count / (ia.width * ia.height) };
      },
      [`data:image/png;base64,${a.toString('base64')}`, `data:image/png;base64,${b.toString('base64')}`] as const,
    );
  } finally {
    await page.close();
  }
}
