// Runs a round's plan (assignment.ts planSteps) off the server's main thread and streams its
// progress. Plain .mjs that registers tsx itself: the worker is started without the parent's
// loader flags, so it behaves the same under `jiebang serve` and under the test runner.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { planSteps } = await import('./assignment.ts');
const steps = planSteps(workerData.experts, workerData.items, workerData.options);
for (;;) {
  const r = steps.next();
  if (r.done) {
    parentPort?.postMessage({ type: 'done', result: r.value });
    break;
  }
  parentPort?.postMessage({ type: 'progress', phase: r.value.phase, fraction: r.value.fraction });
}
