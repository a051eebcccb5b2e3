import { runAction } from '@modelgate/core/action/run';
import { isReferenceScanWorker, runReferenceScanWorker } from '@modelgate/core/validate/reference-worker';
import { run } from './main.ts';

// The bundle is also the worker thread that reads a large reference alongside the data (validate/reference-worker).
if (isReferenceScanWorker()) await runReferenceScanWorker();
else await runAction(run, 'validate-data');
