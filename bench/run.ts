/**
 * `npm run bench`: prints figures, never pass/fail. Compare ratios within one run; absolute
 * numbers move with the machine's load.
 */
import { benchInterpreter } from './vm.ts';

const r = benchInterpreter();
console.log(JSON.stringify(r));
