import type { App } from '../../src/http/app-type.js';

/**
 * Asks GET /healthz every `everyMs` while bad input is processed and keeps the slowest answer, and
 * samples the process's resident memory. The app runs in this process (inject), so a blocked event
 * loop shows as a slow /healthz exactly as it would on a socket.
 */
export function watchServer(app: App, everyMs = 50): { stop(): Promise<{ slowestMs: number; checks: number; rssGrowthMb: number }> } {
  let slowest = 0;
  let checks = 0;
  let running = true;
  const rssStart = process.memoryUsage().rss;
  let rssPeak = rssStart;
  const loop = (async () => {
    // Measured from when the check was due, not from when its timer fired: a blocked event loop delays
    // the timer too, and a client asking at that moment would have waited the whole time.
    let due = performance.now();
    while (running) {
      const res = await app.inject({ method: 'GET', url: '/healthz' });
      if (res.statusCode !== 200) throw new Error(`/healthz answered ${res.statusCode}`);
      slowest = Math.max(slowest, performance.now() - due);
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      checks++;
      due = performance.now() + everyMs;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowestMs: Math.round(slowest), checks, rssGrowthMb: Math.round((rssPeak - rssStart) / 1024 / 1024) };
    },
  };
}

/**
 * The slowest /healthz allowed while bad input is processed. The target is 200 ms; the bound is wider
 * because the test machine is shared and loaded (load average 15 on 2 cores seen), yet still fails
 * a server blocked for seconds (the bombs held it for 6–54 s).
 */
export const RESPONSIVE_MS = 2500;
