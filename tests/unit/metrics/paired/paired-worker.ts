// Worker script of paired-parallel.test.ts (the action's bundle plays this part in production).
import { runPairedBootstrapWorker } from '../../../../packages/core/src/evaluate/paired-bootstrap-workers.ts';

runPairedBootstrapWorker();
