import { runAction } from '@modelgate/core/action/run';
import { isBootstrapWorker, runBootstrapWorker } from '@modelgate/core/evaluate/bootstrap-workers';
import { isPairedBootstrapWorker, runPairedBootstrapWorker } from '@modelgate/core/evaluate/paired-bootstrap-workers';
import { run } from './main.ts';

// The bundle is also its own bootstrap worker thread (evaluate/bootstrap-workers): one file to ship.
if (isBootstrapWorker()) runBootstrapWorker();
else if (isPairedBootstrapWorker()) runPairedBootstrapWorker();
else await runAction(run, 'evaluate-model');
