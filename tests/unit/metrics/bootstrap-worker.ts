// Worker script of bootstrap-parallel.test.ts (the action's bundle plays this part in production).
import { runBootstrapWorker } from '../../../packages/core/src/evaluate/bootstrap-workers.ts';

runBootstrapWorker();
