/**
 * The browser entry, kept tiny. A page drawn on the server is shown first: once it has loaded and
 * its first frame is on screen, the entry asks for what the app needs to take it over (its chunks, the answers the page
 * was drawn from, the world map; listed by the page) and starts the app. Any other page starts the app
 * at once, which starts the first page's reads while React and the pages load (index.html preloads
 * their chunks alongside this one).
 */
import type { PageData } from './app/drawn-page.ts';
import './styles.css';

// PAGE_DATA_ID of drawn-page.ts, written out: a module this entry imported would land in the entry's
// chunk, and the app's chunks importing it would wait for the entry, which waits for them.
const carried = document.getElementById('migov-page-data')?.textContent;
if (carried) {
  // Shown: loaded, and its first contentful frame presented (the app's scripts and data, downloaded,
  // compiled and run, would take the processor from drawing it), then one more frame made. A hidden
  // tab presents nothing: it only waits for the load event. Never more than 3 s.
  await new Promise<void>((shown) => {
    let painted = !PerformanceObserver.supportedEntryTypes?.includes('paint');
    let loaded = document.readyState === 'complete';
    const next = () => {
      if (!loaded) return;
      if (document.visibilityState === 'hidden') shown();
      else if (painted) requestAnimationFrame(() => setTimeout(shown, 0));
    };
    if (!painted)
      new PerformanceObserver((entries, observer) => {
        if (entries.getEntriesByName('first-contentful-paint').length === 0) return;
        observer.disconnect();
        painted = true;
        next();
      }).observe({ type: 'paint', buffered: true });
    if (!loaded)
      window.addEventListener(
        'load',
        () => {
          loaded = true;
          next();
        },
        { once: true },
      );
    document.addEventListener('visibilitychange', next);
    next();
    setTimeout(shown, 3000);
  });
  for (const { href, as } of (JSON.parse(carried) as PageData).load) {
    const link = document.createElement('link');
    link.rel = as === 'script' ? 'modulepreload' : 'preload';
    if (as === 'fetch') link.as = 'fetch';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}
const { boot } = await import('./app/boot.ts');
await boot(carried !== undefined);
