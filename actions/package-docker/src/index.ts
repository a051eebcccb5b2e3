import { runAction } from '@modelgate/core/action/run';
import { run } from './main.ts';

await runAction(run, 'package-docker');
