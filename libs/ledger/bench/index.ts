// `@ledger/ledger/bench`: the benchmark harness every package's bench shares, a throwaway
// PostgreSQL and one JSON line per run in outputs/bench/.
export { openBenchDatabase, type BenchDatabase } from './benchDatabase';
export { reportBench, progress, percentile, round, runFor, peakRssDuring } from './benchReport';
