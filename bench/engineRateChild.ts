/**
 * The engine's rate as the add-in ships it: bench/run.ts bundles this file (esbuild, one scope, as
 * webpack's production build puts the engine into functions.js) and runs it in a fresh `node` process,
 * with no tsx loaded and no other benchmark's garbage in its heap. Prints one line of JSON:
 * `engineRates` of every built-in framework. BENCH_ROWS and BENCH_ENGINE_REPS as bench/run.ts passes them.
 */
import { allFrameworks } from '../core/frameworks';
import { engineRates, registerFacts } from './engineRate';
import { englandRegister } from './englandRegister';

const { header, rows } = englandRegister(Number(process.env.BENCH_ROWS ?? 25_000));
const rates = engineRates(allFrameworks(), registerFacts(header, rows), Math.max(1, Number(process.env.BENCH_ENGINE_REPS ?? 15)));
process.stdout.write(`${JSON.stringify(rates)}\n`);
