// `promo accounts connect`'s flow with the test as the person at the browser: the authorization
// URL shown is opened, the fake service's consent redirect followed back to promo's listener.
import { connectAccount, type ConnectAccountOptions } from '../../src/accounts/connect-account.ts';
import type { AccountEntry } from '../../src/accounts/credentials-file.ts';

/** Connects an account against a loopback OAuth fake; returns what was stored and the URL shown. */
export async function connectByBrowser(options: Omit<ConnectAccountOptions, 'show' | 'signal'>): Promise<{ entry: AccountEntry; authorizeUrl: URL; listenerStatus: number }> {
  let shown: string | undefined;
  let browsed: Promise<number> | undefined;
  const entry = await connectAccount({
    ...options,
    signal: new AbortController().signal,
    show: (url) => {
      shown = url;
      browsed = (async () => {
        const page = await fetch(url, { redirect: 'manual' });
        if (page.status !== 302) throw new Error(`authorize page: ${page.status} ${await page.text()}`);
        return (await fetch(page.headers.get('location')!)).status;
      })();
    },
  });
  if (!shown || !browsed) throw new Error('connectAccount showed no authorization URL');
  return { entry, authorizeUrl: new URL(shown), listenerStatus: await browsed };
}
