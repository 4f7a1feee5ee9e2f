import { z } from 'zod';
import type { SourceEvent } from '../../src/shared/event.ts';
import type { SourceContext, SourcePlugin } from '../../src/shared/plugin.ts';

/**
 * A source plugin for engine tests: it emits a fixed list of events, in batches, resuming
 * from its committed position (`{ next }`), honouring backpressure. Tests read `done` to know
 * when it has emitted everything.
 */
export function scriptedPlugin(script: SourceEvent[], batchSize = 100) {
  const progress = { emitted: 0, pauses: 0, done: Promise.resolve() };
  const plugin: SourcePlugin<Record<string, never>> = {
    name: 'scripted',
    version: '1.0.0',
    description: 'Emits a fixed list of events (tests only).',
    optionsSchema: z.strictObject({}),
    create: (_options, context) => {
      let stopped = false;
      let finish = () => {};
      progress.done = new Promise<void>((resolve) => (finish = resolve));
      let next = Number(context.position?.next ?? 0);

      const pump = () => {
        while (!stopped && next < script.length) {
          const batch = script.slice(next, next + batchSize).map((event) => ({ ...event }));
          next += batch.length;
          progress.emitted += batch.length;
          if (!emit(context, batch, next)) {
            progress.pauses++;
            return; // resumes through onResume
          }
        }
        if (next >= script.length) finish();
      };
      context.onResume(() => setImmediate(pump));
      return {
        start: async () => void setImmediate(pump),
        stop: async () => {
          stopped = true;
          finish();
        },
      };
    },
  };
  return { plugin, progress };
}

function emit(context: SourceContext, batch: SourceEvent[], next: number): boolean {
  return context.emit(batch, { next });
}
